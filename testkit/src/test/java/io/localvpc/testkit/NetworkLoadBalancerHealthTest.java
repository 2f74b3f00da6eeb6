package io.localvpc.testkit;

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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, part 2: real health checks. A program published on an instance's port is the target of a Network Load
 * Balancer's target group; the checker's probes cross the network from the NLB's node as any connection does (the
 * target's security group must admit the node) and reach the program, and DescribeTargetHealth reports what they find
 * with AWS's states and reasons. The NLB's DNS name is answered by the VPC's resolver with its nodes' addresses.
 */
@ExtendWith(LocalVpcExtension.class)
class NetworkLoadBalancerHealthTest {
    private static final int PORT = 8080;

    @Test
    void targetHealthFollowsTheProgramTheNetworkAndRegistration(LocalVpc lv, Ec2Client ec2) throws Exception {
        ElasticLoadBalancingV2Client elb = Elbv2Clients.elb(lv);
        Layouts l = new Layouts(ec2);
        String vpc = l.vpc("10.71.0.0/16");
        String subnetA = l.subnet(vpc, "10.71.1.0/24", Layouts.ZONE_A);
        String subnetB = l.subnet(vpc, "10.71.2.0/24", Layouts.ZONE_B);
        l.routeTable(vpc, subnetA, subnetB);
        String web = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web")).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(p -> p.ipProtocol("tcp").fromPort(PORT).toPort(PORT)
                .ipRanges(ip -> ip.cidrIp("10.71.0.0/16"))));
        String instance = l.instance(subnetB, web);

        LoadBalancer lb = elb.createLoadBalancer(r -> r.name("health-nlb").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(subnetA, subnetB)).loadBalancers().get(0);
        TargetGroup tg = elb.createTargetGroup(r -> r.name("health-web").protocol(ProtocolEnum.TCP).port(PORT).vpcId(vpc)
                .healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2).healthyThresholdCount(2).unhealthyThresholdCount(2)).targetGroups().get(0);
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn()).attributes(a -> a.key("deregistration_delay.timeout_seconds").value("120")));
        elb.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id(instance)));
        Supplier<TargetHealth> health = () -> elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn()))
                .targetHealthDescriptions().get(0).targetHealth();

        // no listener uses the group yet: unused, and nothing is probed
        assertEquals("Target.NotInUse", health.get().reasonAsString());

        LineServer program = LineServer.start("web");
        InstancesServeTest.publish(lv.endpoint(), instance, PORT, program.hostPort());
        elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TCP).port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn())));
        TargetHealth initial = health.get();
        assertEquals("initial", initial.stateAsString(), initial.toString());

        Elbv2Clients.awaitHealth("the published program", "healthy", 40, health);
        assertTrue(program.served() >= 2, "the checks reached the program (" + program.served() + " connections)");

        // the program stops: the checks fail, and the target turns unhealthy with AWS's reason
        program.close();
        TargetHealth failed = Elbv2Clients.awaitHealth("the stopped program", "unhealthy", 40, health);
        assertEquals("Target.FailedHealthChecks", failed.reasonAsString(), failed.toString());

        // a program plays the port again: healthy again
        LineServer again = LineServer.start("web-again");
        InstancesServeTest.publish(lv.endpoint(), instance, PORT, again.hostPort());
        Elbv2Clients.awaitHealth("the restarted program", "healthy", 40, health);

        // the target's security group stops admitting the NLB's nodes: the checks time out, and the reason names the group
        ec2.revokeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(p -> p.ipProtocol("tcp").fromPort(PORT).toPort(PORT)
                .ipRanges(ip -> ip.cidrIp("10.71.0.0/16"))));
        TargetHealth blocked = Elbv2Clients.awaitHealth("the target behind a closed security group", "unhealthy", 40, health);
        assertEquals("Target.Timeout", blocked.reasonAsString(), blocked.toString());
        assertTrue(blocked.description().contains(web), blocked.description());

        // deregistered: draining for the deregistration delay
        elb.deregisterTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id(instance)));
        TargetHealth draining = health.get();
        assertEquals("draining", draining.stateAsString());
        assertEquals("Target.DeregistrationInProgress", draining.reasonAsString());
        again.close();
    }

    @Test
    void httpChecksMatchTheStatusCodes(LocalVpc lv, Ec2Client ec2) throws Exception {
        ElasticLoadBalancingV2Client elb = Elbv2Clients.elb(lv);
        Layouts l = new Layouts(ec2);
        String vpc = l.vpc("10.73.0.0/16");
        String subnet = l.subnet(vpc, "10.73.1.0/24", Layouts.ZONE_A);
        String web = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web")).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(p -> p.ipProtocol("tcp").fromPort(PORT).toPort(PORT)
                .ipRanges(ip -> ip.cidrIp("10.73.0.0/16"))));
        String instance = l.instance(subnet, web);
        java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger(503);
        java.util.concurrent.atomic.AtomicReference<String> path = new java.util.concurrent.atomic.AtomicReference<>();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            path.set(x.getRequestURI().getPath());
            x.sendResponseHeaders(status.get(), -1);
            x.close();
        });
        server.start();
        try {
            InstancesServeTest.publish(lv.endpoint(), instance, PORT, "127.0.0.1:" + server.getAddress().getPort());
            LoadBalancer lb = elb.createLoadBalancer(r -> r.name("http-nlb").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                    .subnets(subnet)).loadBalancers().get(0);
            TargetGroup tg = elb.createTargetGroup(r -> r.name("http-web").protocol(ProtocolEnum.TCP).port(PORT).vpcId(vpc)
                    .healthCheckProtocol(ProtocolEnum.HTTP).healthCheckPath("/healthz").matcher(m -> m.httpCode("200"))
                    .healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2).healthyThresholdCount(2).unhealthyThresholdCount(2)).targetGroups().get(0);
            elb.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id(instance)));
            elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TCP).port(80)
                    .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn())));
            Supplier<TargetHealth> health = () -> elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn()))
                    .targetHealthDescriptions().get(0).targetHealth();
            TargetHealth mismatch = Elbv2Clients.awaitHealth("a target answering 503", "unhealthy", 40, health);
            assertEquals("Target.ResponseCodeMismatch", mismatch.reasonAsString());
            assertTrue(mismatch.description().contains("503"), mismatch.description());
            assertEquals("/healthz", path.get());
            status.set(200);
            Elbv2Clients.awaitHealth("a target answering 200", "healthy", 40, health);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void vpcResolverAnswersTheNlbNameWithItsNodes(LocalVpc lv, Ec2Client ec2) throws IOException {
        ElasticLoadBalancingV2Client elb = Elbv2Clients.elb(lv);
        Layouts l = new Layouts(ec2);
        String vpc = l.vpc("10.72.0.0/16");
        String subnetA = l.subnet(vpc, "10.72.1.0/24", Layouts.ZONE_A);
        String subnetB = l.subnet(vpc, "10.72.2.0/24", Layouts.ZONE_B);
        LoadBalancer lb = elb.createLoadBalancer(r -> r.name("dns-nlb").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(subnetA, subnetB)).loadBalancers().get(0);
        Layouts.awaitValue("state of dns-nlb", "active",
                () -> elb.describeLoadBalancers(r -> r.names("dns-nlb")).loadBalancers().get(0).state().codeAsString());
        List<String> nodes = lb.availabilityZones().stream().map(z -> z.loadBalancerAddresses().get(0).privateIPv4Address()).sorted().toList();
        InetSocketAddress resolver = new Admin(lv.endpoint()).resolver(vpc);
        assertEquals(nodes, DnsQueries.dnsjava(resolver, lb.dnsName(), false).stream().sorted().toList());
    }
}
