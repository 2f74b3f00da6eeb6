package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.localvpc.testkit.Elbv2Clients.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, part 2: the ELBv2 control plane of Network Load Balancers with the AWS SDK for Java v2 — AWS's shapes,
 * defaults and error codes for load balancers (with their nodes as requester-managed interfaces), target groups,
 * targets, listeners, attributes and tags.
 */
@ExtendWith(LocalVpcExtension.class)
class NetworkLoadBalancerApiTest {

    private record Net(String vpc, String subnetA, String subnetB, String group) {
    }

    private static Net net(Ec2Client ec2, String prefix) {
        Layouts l = new Layouts(ec2);
        String vpc = l.vpc(prefix + ".0.0/16");
        String a = l.subnet(vpc, prefix + ".1.0/24", Layouts.ZONE_A);
        String b = l.subnet(vpc, prefix + ".2.0/24", Layouts.ZONE_B);
        String sg = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("nlb").description("nlb")).groupId();
        return new Net(vpc, a, b, sg);
    }

    private static LoadBalancer internalNlb(ElasticLoadBalancingV2Client elb, String name, Net n) {
        return elb.createLoadBalancer(r -> r.name(name).type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(n.subnetA(), n.subnetB()).securityGroups(n.group()).tags(t -> t.key("team").value("edge"))).loadBalancers().get(0);
    }

    @Test
    void loadBalancerHasAwsShapeNodesAndLifecycle(LocalVpc lv, Ec2Client ec2) {
        ElasticLoadBalancingV2Client elb = Elbv2Clients.elb(lv);
        Net n = net(ec2, "10.61");
        LoadBalancer lb = internalNlb(elb, "shop-nlb", n);
        assertTrue(lb.loadBalancerArn().matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/shop-nlb/[0-9a-f]{16}"), lb.loadBalancerArn());
        assertTrue(lb.dnsName().matches("shop-nlb-[0-9a-f]{16}\\.elb\\.us-east-1\\.amazonaws\\.com"), lb.dnsName());
        assertEquals("Z26RNL4JYFTOTI", lb.canonicalHostedZoneId());
        assertEquals("network", lb.typeAsString());
        assertEquals("internal", lb.schemeAsString());
        assertEquals(n.vpc(), lb.vpcId());
        assertEquals(List.of(n.group()), lb.securityGroups());
        assertEquals("ipv4", lb.ipAddressTypeAsString());
        assertEquals("provisioning", lb.state().codeAsString());
        assertEquals(2, lb.availabilityZones().size());
        assertEquals(Map.of(Layouts.ZONE_A, n.subnetA(), Layouts.ZONE_B, n.subnetB()),
                lb.availabilityZones().stream().collect(Collectors.toMap(z -> z.zoneName(), z -> z.subnetId())));
        String hex = lb.loadBalancerArn().substring(lb.loadBalancerArn().lastIndexOf('/') + 1);

        // one requester-managed interface per zone, described as AWS shows an NLB's nodes
        List<NetworkInterface> nodes = ec2.describeNetworkInterfaces(r -> r.filters(f -> f.name("description").values("ELB net/shop-nlb/" + hex)))
                .networkInterfaces();
        assertEquals(2, nodes.size());
        for (NetworkInterface eni : nodes) {
            assertEquals("network_load_balancer", eni.interfaceTypeAsString());
            assertEquals(true, eni.requesterManaged());
            assertEquals("amazon-elb", eni.requesterId());
            assertEquals(List.of(n.group()), eni.groups().stream().map(g -> g.groupId()).toList());
        }
        List<String> nodeIps = nodes.stream().map(NetworkInterface::privateIpAddress).sorted().toList();
        assertEquals(nodeIps, lb.availabilityZones().stream().map(z -> z.loadBalancerAddresses().get(0).privateIPv4Address()).sorted().toList());
        Ec2Exception notDirect = assertThrows(Ec2Exception.class, () -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(nodes.get(0).networkInterfaceId())));
        assertEquals("OperationNotPermitted", notDirect.awsErrorDetails().errorCode());

        Layouts.awaitValue("state of " + lb.loadBalancerName(), "active",
                () -> elb.describeLoadBalancers(r -> r.names("shop-nlb")).loadBalancers().get(0).state().codeAsString());
        assertEquals(lb.loadBalancerArn(), elb.describeLoadBalancers(r -> r.loadBalancerArns(lb.loadBalancerArn())).loadBalancers().get(0).loadBalancerArn());
        assertEquals(List.of("team=edge"), elb.describeTags(r -> r.resourceArns(lb.loadBalancerArn())).tagDescriptions().get(0).tags().stream()
                .map(t -> t.key() + "=" + t.value()).toList());

        // attributes: cross-zone off by default; deletion protection is honoured
        Map<String, String> attributes = elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())).attributes().stream()
                .collect(Collectors.toMap(a -> a.key(), a -> a.value()));
        assertEquals("false", attributes.get("load_balancing.cross_zone.enabled"));
        assertEquals("false", attributes.get("deletion_protection.enabled"));
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()).attributes(a -> a.key("deletion_protection.enabled").value("true")));
        refused("OperationNotPermitted", () -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn())));
        refused("InvalidConfigurationRequest", () -> elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())
                .attributes(a -> a.key("deletion_protection.enabled").value("maybe"))));
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()).attributes(a -> a.key("deletion_protection.enabled").value("false")));
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));

        refused("LoadBalancerNotFound", () -> elb.describeLoadBalancers(r -> r.names("shop-nlb")));
        assertEquals(0, ec2.describeNetworkInterfaces(r -> r.filters(f -> f.name("description").values("ELB net/shop-nlb/" + hex)))
                .networkInterfaces().size(), "the nodes go with the load balancer");
    }

    @Test
    void loadBalancerRequestsAreCheckedAsAwsChecksThem(LocalVpc lv, Ec2Client ec2) {
        ElasticLoadBalancingV2Client elb = Elbv2Clients.elb(lv);
        Net n = net(ec2, "10.62");
        String app = refused("UnsupportedOperation", () -> elb.createLoadBalancer(r -> r.name("app").subnets(n.subnetA(), n.subnetB())));
        assertTrue(app.contains("application"), app);
        refused("UnsupportedOperation", () -> elb.createLoadBalancer(r -> r.name("gw").type(LoadBalancerTypeEnum.GATEWAY).subnets(n.subnetA())));
        refused("ValidationError", () -> elb.createLoadBalancer(r -> r.name("-bad").type(LoadBalancerTypeEnum.NETWORK).subnets(n.subnetA())));
        refused("SubnetNotFound", () -> elb.createLoadBalancer(r -> r.name("nosubnet").type(LoadBalancerTypeEnum.NETWORK).subnets("subnet-0123456789abcdef0")));
        String sameZone = new Layouts(ec2).subnet(n.vpc(), "10.62.3.0/24", Layouts.ZONE_A);
        refused("InvalidConfigurationRequest", () -> elb.createLoadBalancer(r -> r.name("twice").type(LoadBalancerTypeEnum.NETWORK)
                .scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(n.subnetA(), sameZone)));
        String noIgw = refused("InvalidSubnet", () -> elb.createLoadBalancer(r -> r.name("public").type(LoadBalancerTypeEnum.NETWORK).subnets(n.subnetA())));
        assertTrue(noIgw.contains(n.vpc()), noIgw);
        refused("InvalidSecurityGroup", () -> elb.createLoadBalancer(r -> r.name("nosg").type(LoadBalancerTypeEnum.NETWORK)
                .scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(n.subnetA()).securityGroups("sg-0123456789abcdef0")));
        internalNlb(elb, "dup", n);
        refused("DuplicateLoadBalancerName", () -> internalNlb(elb, "dup", n));
        internalNlb(elb, "dup2", n);
        refused("ValidationError", () -> elb.describeLoadBalancers(r -> r.names("dup").loadBalancerArns("arn:x")));

        DescribeLoadBalancersResponse first = elb.describeLoadBalancers(r -> r.pageSize(1));
        assertEquals(1, first.loadBalancers().size());
        assertNotNull(first.nextMarker());
        DescribeLoadBalancersResponse second = elb.describeLoadBalancers(r -> r.pageSize(1).marker(first.nextMarker()));
        assertEquals(1, second.loadBalancers().size());
        assertTrue(!second.loadBalancers().get(0).loadBalancerArn().equals(first.loadBalancers().get(0).loadBalancerArn()));
        refused("ValidationError", () -> elb.describeLoadBalancers(r -> r.pageSize(401)));
    }

    @Test
    void targetGroupsListenersAndTargetsFollowAwsRules(LocalVpc lv, Ec2Client ec2) {
        ElasticLoadBalancingV2Client elb = Elbv2Clients.elb(lv);
        Net n = net(ec2, "10.63");
        LoadBalancer lb = internalNlb(elb, "tg-nlb", n);

        TargetGroup tg = elb.createTargetGroup(r -> r.name("web").protocol(ProtocolEnum.TCP).port(8080).vpcId(n.vpc())
                .targetType(TargetTypeEnum.INSTANCE)).targetGroups().get(0);
        assertTrue(tg.targetGroupArn().matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/[0-9a-f]{16}"), tg.targetGroupArn());
        assertEquals("TCP", tg.healthCheckProtocolAsString());
        assertEquals("traffic-port", tg.healthCheckPort());
        assertEquals(30, tg.healthCheckIntervalSeconds());
        assertEquals(10, tg.healthCheckTimeoutSeconds());
        assertEquals(5, tg.healthyThresholdCount());
        assertEquals(2, tg.unhealthyThresholdCount());
        assertEquals(true, tg.healthCheckEnabled());
        assertNull(tg.healthCheckPath());
        assertEquals(List.of(), tg.loadBalancerArns());
        Map<String, String> tgAttributes = elb.describeTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn())).attributes().stream()
                .collect(Collectors.toMap(a -> a.key(), a -> a.value()));
        assertEquals("300", tgAttributes.get("deregistration_delay.timeout_seconds"));
        assertEquals("true", tgAttributes.get("preserve_client_ip.enabled"));

        TargetGroup http = elb.createTargetGroup(r -> r.name("http-checked").protocol(ProtocolEnum.TCP).port(80).vpcId(n.vpc())
                .targetType(TargetTypeEnum.IP).healthCheckProtocol(ProtocolEnum.HTTP)).targetGroups().get(0);
        assertEquals("/", http.healthCheckPath());
        assertEquals("200-399", http.matcher().httpCode());
        assertEquals(6, http.healthCheckTimeoutSeconds());

        refused("DuplicateTargetGroupName", () -> elb.createTargetGroup(r -> r.name("web").protocol(ProtocolEnum.TCP).port(81).vpcId(n.vpc())));
        refused("UnsupportedOperation", () -> elb.createTargetGroup(r -> r.name("alb-tg").targetType(TargetTypeEnum.ALB).protocol(ProtocolEnum.TCP)
                .port(80).vpcId(n.vpc())));
        refused("UnsupportedOperation", () -> elb.createTargetGroup(r -> r.name("lambda-tg").targetType(TargetTypeEnum.LAMBDA)));
        refused("ValidationError", () -> elb.createTargetGroup(r -> r.name("fast").protocol(ProtocolEnum.TCP).port(80).vpcId(n.vpc())
                .healthCheckIntervalSeconds(4)));
        refused("ValidationError", () -> elb.createTargetGroup(r -> r.name("thresholds").protocol(ProtocolEnum.TCP).port(80).vpcId(n.vpc())
                .healthyThresholdCount(11)));
        refused("InvalidConfigurationRequest", () -> elb.createTargetGroup(r -> r.name("tcppath").protocol(ProtocolEnum.TCP).port(80).vpcId(n.vpc())
                .healthCheckPath("/health")));
        refused("ValidationError", () -> elb.modifyTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn()).healthCheckEnabled(false)));
        TargetGroup modified = elb.modifyTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn()).healthCheckIntervalSeconds(10).healthyThresholdCount(3))
                .targetGroups().get(0);
        assertEquals(10, modified.healthCheckIntervalSeconds());
        assertEquals(3, modified.healthyThresholdCount());

        // targets: instances of the group's VPC only; ip targets in the VPC's CIDRs
        Layouts l = new Layouts(ec2);
        String inside = l.instance(n.subnetA());
        String otherVpc = l.vpc("10.64.0.0/16");
        String outside = l.instance(l.subnet(otherVpc, "10.64.1.0/24", Layouts.ZONE_A));
        String wrongVpc = refused("InvalidTarget", () -> elb.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id(outside))));
        assertTrue(wrongVpc.contains(outside), wrongVpc);
        refused("InvalidTarget", () -> elb.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("i-0123456789abcdef0"))));
        refused("InvalidTarget", () -> elb.registerTargets(r -> r.targetGroupArn(http.targetGroupArn()).targets(t -> t.id("192.0.2.10"))));
        elb.registerTargets(r -> r.targetGroupArn(http.targetGroupArn()).targets(t -> t.id("10.63.1.50")));
        elb.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id(inside)));

        TargetHealthDescription notInUse = elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions().get(0);
        assertEquals(inside, notInUse.target().id());
        assertEquals(8080, notInUse.target().port());
        assertEquals(Layouts.ZONE_A, notInUse.target().availabilityZone());
        assertEquals("8080", notInUse.healthCheckPort());
        assertEquals("unused", notInUse.targetHealth().stateAsString());
        assertEquals("Target.NotInUse", notInUse.targetHealth().reasonAsString());
        TargetHealthDescription unregistered = elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("i-0fedcba9876543210")))
                .targetHealthDescriptions().get(0);
        assertEquals("unused", unregistered.targetHealth().stateAsString());
        assertEquals("Target.NotRegistered", unregistered.targetHealth().reasonAsString());

        // listeners
        Action forward = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn()).build();
        Listener listener = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TCP).port(80).defaultActions(forward))
                .listeners().get(0);
        assertTrue(listener.listenerArn().startsWith(lb.loadBalancerArn().replace(":loadbalancer/", ":listener/") + "/"), listener.listenerArn());
        assertEquals(tg.targetGroupArn(), listener.defaultActions().get(0).targetGroupArn());
        assertEquals(List.of(lb.loadBalancerArn()), elb.describeTargetGroups(r -> r.targetGroupArns(tg.targetGroupArn())).targetGroups().get(0).loadBalancerArns());
        assertEquals(List.of(tg.targetGroupArn()), elb.describeTargetGroups(r -> r.loadBalancerArn(lb.loadBalancerArn())).targetGroups().stream()
                .map(TargetGroup::targetGroupArn).toList());
        refused("DuplicateListener", () -> elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TCP).port(80).defaultActions(forward)));
        refused("ValidationError", () -> elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TLS).port(443).defaultActions(forward)));
        refused("CertificateNotFound", () -> elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TLS).port(443)
                .certificates(c -> c.certificateArn("not-a-certificate")).defaultActions(forward)));
        refused("UnsupportedProtocol", () -> elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(8081).defaultActions(forward)));
        TargetGroup udp = elb.createTargetGroup(r -> r.name("udp").protocol(ProtocolEnum.UDP).port(53).vpcId(n.vpc())).targetGroups().get(0);
        refused("IncompatibleProtocols", () -> elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TCP).port(53)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(udp.targetGroupArn()))));
        String cert = "arn:aws:acm:us-east-1:000000000000:certificate/0f8a8f4e-1111-2222-3333-444455556666";
        Listener tls = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TLS).port(443)
                .certificates(c -> c.certificateArn(cert)).defaultActions(forward)).listeners().get(0);
        assertEquals(cert, tls.certificates().get(0).certificateArn());
        assertEquals("ELBSecurityPolicy-2016-08", tls.sslPolicy());
        assertEquals(2, elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners().size());
        Listener moved = elb.modifyListener(r -> r.listenerArn(listener.listenerArn()).port(8000)).listeners().get(0);
        assertEquals(8000, moved.port());
        refused("ValidationError", () -> elb.describeListeners(r -> r.pageSize(10)));

        refused("ResourceInUse", () -> elb.deleteTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn())));
        elb.deleteListener(r -> r.listenerArn(tls.listenerArn()));
        elb.deleteListener(r -> r.listenerArn(listener.listenerArn()));
        refused("ListenerNotFound", () -> elb.deleteListener(r -> r.listenerArn(listener.listenerArn())));
        elb.deleteTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn()));
        refused("TargetGroupNotFound", () -> elb.describeTargetGroups(r -> r.names("web")));
        elb.deleteTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn())); // gone already: succeeds, as on AWS

        // tags on any ELBv2 ARN
        elb.addTags(r -> r.resourceArns(http.targetGroupArn()).tags(t -> t.key("a").value("1"), t -> t.key("b").value("2")));
        elb.removeTags(r -> r.resourceArns(http.targetGroupArn()).tagKeys("a"));
        assertEquals(List.of("b"), elb.describeTags(r -> r.resourceArns(http.targetGroupArn())).tagDescriptions().get(0).tags().stream().map(t -> t.key()).toList());
        refused("DuplicateTagKeys", () -> elb.addTags(r -> r.resourceArns(http.targetGroupArn()).tags(t -> t.key("c").value("1"), t -> t.key("c").value("2"))));
        refused("LoadBalancerNotFound", () -> elb.describeTags(r -> r.resourceArns(lb.loadBalancerArn() + "0")));
    }
}
