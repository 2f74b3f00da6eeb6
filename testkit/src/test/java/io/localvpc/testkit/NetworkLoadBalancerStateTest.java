package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load balancers, target groups and listeners are state like any other: exported, imported back unchanged, refused
 * on import when a reference is broken (a listener's target group, a node's interface), and gone after a reset.
 */
@ExtendWith(LocalVpcExtension.class)
class NetworkLoadBalancerStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The document with {@code change} applied to the resource of the (first) row of {@code type}. */
    private static String edit(String document, String type, java.util.function.Consumer<JsonNode> change) {
        try {
            JsonNode root = JSON.readTree(document);
            for (JsonNode row : root.get("resources")) {
                if (row.get("type").asText().equals(type)) {
                    change.accept(row.get("resource"));
                    return JSON.writeValueAsString(root);
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no " + type + " row in " + document);
    }

    @Test
    void exportImportAndResetCarryTheNlb(LocalVpc lv, Ec2Client ec2) {
        ElasticLoadBalancingV2Client elb = Elbv2Clients.elb(lv);
        Layouts l = new Layouts(ec2);
        String vpc = l.vpc("10.91.0.0/16");
        String subnet = l.subnet(vpc, "10.91.1.0/24", Layouts.ZONE_A);
        LoadBalancer lb = elb.createLoadBalancer(r -> r.name("state-nlb").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(subnet)).loadBalancers().get(0);
        String tg = elb.createTargetGroup(r -> r.name("state-tg").protocol(ProtocolEnum.TCP).port(80).vpcId(vpc)).targetGroups().get(0).targetGroupArn();
        elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TCP).port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));

        RawEc2 raw = new RawEc2(lv.endpoint());
        String exported = raw.get("/_localvpc/state").body();
        assertTrue(exported.contains("\"type\":\"load-balancer\"") && exported.contains("\"type\":\"listener\""), "the NLB is exported");
        RawEc2.Reply back = raw.postPath("/_localvpc/state", exported);
        assertEquals(200, back.status(), back.body());
        assertEquals(exported, raw.get("/_localvpc/state").body());

        RawEc2.Reply brokenListener = raw.postPath("/_localvpc/state", edit(exported, "listener",
                r -> ((ObjectNode) r.get("defaultActions").get(0).get("targetGroups").get(0)).put("targetGroupArn", tg + "0")));
        assertEquals(400, brokenListener.status(), brokenListener.body());
        assertTrue(brokenListener.body().contains("target group"), brokenListener.body());
        RawEc2.Reply brokenNode = raw.postPath("/_localvpc/state", edit(exported, "load-balancer",
                r -> ((ObjectNode) r.get("nodes").get(0)).put("networkInterfaceId", "eni-0000000000000dead")));
        assertEquals(400, brokenNode.status(), brokenNode.body());
        assertTrue(brokenNode.body().contains("eni-0000000000000dead"), brokenNode.body());
        assertEquals(exported, raw.get("/_localvpc/state").body(), "a refused import changes nothing");

        assertEquals(200, raw.postPath("/_localvpc/reset", "").status());
        Elbv2Clients.refused("LoadBalancerNotFound", () -> elb.describeLoadBalancers(r -> r.names("state-nlb")));
    }
}
