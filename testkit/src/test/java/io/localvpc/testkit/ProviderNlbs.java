package io.localvpc.testkit;

import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.state.Scope;
import io.localvpc.server.LocalVpc;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Subnet;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A provider's Network Load Balancer for endpoint-service tests.
 *
 * <p>TO BE REPLACED by {@code ElasticLoadBalancingV2Client.createLoadBalancer} once the ELBv2 API (branch elbv2) is on
 * main: until then this commits a {@link LoadBalancer} record (one node per subnet, each on a network interface made
 * through the EC2 API) straight to the server's store, the one thing no public API can do yet.
 */
final class ProviderNlbs {
    private ProviderNlbs() {
    }

    /** An active internal NLB named {@code name} in the account of {@code ec2}, with a node in each subnet; its ARN. */
    static String create(LocalVpc lv, Ec2Client ec2, String account, String name, String... subnetIds) {
        List<LoadBalancer.Node> nodes = new ArrayList<>();
        String vpcId = null;
        for (String subnetId : subnetIds) {
            Subnet s = ec2.describeSubnets(r -> r.subnetIds(subnetId)).subnets().get(0);
            vpcId = s.vpcId();
            NetworkInterface eni = ec2.createNetworkInterface(r -> r.subnetId(subnetId).description("ELB net/" + name)).networkInterface();
            nodes.add(new LoadBalancer.Node(s.availabilityZone(), s.availabilityZoneId(), subnetId, eni.networkInterfaceId(), eni.privateIpAddress(), null));
        }
        String hex = HexFormat.of().formatHex(ThreadLocalRandom.current().ints(8, 0, 256).collect(java.io.ByteArrayOutputStream::new,
                (b, i) -> b.write(i), (a, b) -> a.writeBytes(b.toByteArray())).toByteArray());
        String arn = "arn:aws:elasticloadbalancing:us-east-1:" + account + ":loadbalancer/net/" + name + "/" + hex;
        String vpc = vpcId;
        var now = lv.store().clock().instant();
        lv.store().write(new Scope(account, "us-east-1"), tx -> tx.put(new LoadBalancer(arn, account, name, LoadBalancer.NETWORK,
                LoadBalancer.INTERNAL, vpc, "ipv4", List.of(), nodes, name + "-" + hex.substring(0, 10) + ".elb.us-east-1.amazonaws.com",
                "Z26RNL4JYFTOTI", Map.of(), now, now)));
        return arn;
    }
}
