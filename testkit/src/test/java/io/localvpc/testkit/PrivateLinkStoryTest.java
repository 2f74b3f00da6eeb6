package io.localvpc.testkit;

import com.sun.net.httpserver.HttpServer;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 12, the whole story with the AWS SDK for Java v2 in two accounts: a provider (111111111111) serves a real
 * program from its instances behind a Network Load Balancer and an endpoint service; a consumer (222222222222) reaches
 * it from its own instance through an interface endpoint, with {@code curl} run by {@code localvpc exec} and with
 * sockets through the workload proxy; acceptance, rejection, health, security groups and zone faults decide, and each
 * refusal names what refused.
 */
@ExtendWith(LocalVpcExtension.class)
class PrivateLinkStoryTest {
    private static final String PROVIDER = "111111111111";
    private static final String CONSUMER = "222222222222";
    private static final int PORT = 8080;

    private record Provider(Ec2Client ec2, ElasticLoadBalancingV2Client elb, String vpc, String subnetA, String subnetB, String web,
                            String lbArn, String tgArn, String serviceId, String serviceName) {
        Supplier<TargetHealth> health(String instance) {
            return () -> elb.describeTargetHealth(r -> r.targetGroupArn(tgArn)).targetHealthDescriptions().stream()
                    .filter(d -> d.target().id().equals(instance)).findFirst().orElseThrow().targetHealth();
        }
    }

    private record Consumer(Ec2Client ec2, String vpc, String subnetA, String endpointGroup, String instance) {
    }

    private static ElasticLoadBalancingV2Client elb(URI endpoint, String account) {
        return ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, LocalVpcExtension.SECRET))).build();
    }

    private static void allow(Ec2Client ec2, String group, int port, String cidr) {
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(port).toPort(port)
                .ipRanges(ip -> ip.cidrIp(cidr))));
    }

    /** The provider's VPC ({@code prefix}.0.0/16), its web group admitting {@code webAllows}, an NLB in two zones, a TCP group, a listener on 80. */
    private static Provider provider(URI endpoint, String prefix, String webAllows, boolean acceptance) {
        Ec2Client ec2 = LocalVpcExtension.ec2(endpoint, PROVIDER, Region.US_EAST_1);
        ElasticLoadBalancingV2Client elb = elb(endpoint, PROVIDER);
        Layouts l = new Layouts(ec2);
        String vpc = l.vpc(prefix + ".0.0/16");
        String a = l.subnet(vpc, prefix + ".1.0/24", Layouts.ZONE_A);
        String b = l.subnet(vpc, prefix + ".2.0/24", Layouts.ZONE_B);
        l.routeTable(vpc, a, b);
        String web = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web")).groupId();
        allow(ec2, web, PORT, webAllows);
        String name = "svc-" + prefix.replace('.', '-');
        String lb = elb.createLoadBalancer(r -> r.name(name).type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(a, b))
                .loadBalancers().get(0).loadBalancerArn();
        String tg = elb.createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.TCP).port(PORT).vpcId(vpc)
                .healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2).healthyThresholdCount(2).unhealthyThresholdCount(2))
                .targetGroups().get(0).targetGroupArn();
        elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.TCP).port(80)
                .defaultActions(x -> x.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));
        Layouts.awaitValue("state of " + name, "active", () -> elb.describeLoadBalancers(r -> r.loadBalancerArns(lb)).loadBalancers().get(0)
                .state().codeAsString());
        var svc = ec2.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(lb).acceptanceRequired(acceptance)).serviceConfiguration();
        ec2.modifyVpcEndpointServicePermissions(r -> r.serviceId(svc.serviceId()).addAllowedPrincipals("arn:aws:iam::" + CONSUMER + ":root"));
        Layouts.awaitValue("state of " + svc.serviceId(), "Available", () -> ec2.describeVpcEndpointServiceConfigurations(
                r -> r.serviceIds(svc.serviceId())).serviceConfigurations().get(0).serviceStateAsString());
        return new Provider(ec2, elb, vpc, a, b, web, lb, tg, svc.serviceId(), svc.serviceName());
    }

    /** A provider instance in {@code subnet} registered with the group, with {@code program} published on its port 8080. */
    private static String target(URI endpoint, Provider p, String subnet, String programHostPort) throws IOException {
        String instance = new Layouts(p.ec2()).instance(subnet, p.web());
        if (programHostPort != null) InstancesServeTest.publish(endpoint, instance, PORT, programHostPort);
        p.elb().registerTargets(r -> r.targetGroupArn(p.tgArn()).targets(t -> t.id(instance)));
        return instance;
    }

    private static Consumer consumer(URI endpoint, String prefix) {
        Ec2Client ec2 = LocalVpcExtension.ec2(endpoint, CONSUMER, Region.US_EAST_1);
        Layouts l = new Layouts(ec2);
        String vpc = l.vpc(prefix + ".0.0/16");
        String a = l.subnet(vpc, prefix + ".1.0/24", Layouts.ZONE_A);
        l.routeTable(vpc, a);
        String group = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("endpoint").description("endpoint")).groupId();
        allow(ec2, group, 80, prefix + ".0.0/16");
        return new Consumer(ec2, vpc, a, group, l.instance(a));
    }

    private static VpcEndpoint endpoint(Consumer c, Provider p) {
        return c.ec2().createVpcEndpoint(r -> r.vpcId(c.vpc()).vpcEndpointType(VpcEndpointType.INTERFACE).serviceName(p.serviceName())
                .subnetIds(c.subnetA()).securityGroupIds(c.endpointGroup())).vpcEndpoint();
    }

    private static String state(Consumer c, String endpointId) {
        return c.ec2().describeVpcEndpoints(r -> r.vpcEndpointIds(endpointId)).vpcEndpoints().get(0).stateAsString();
    }

    private static String endpointAddress(Consumer c, VpcEndpoint e) {
        String eni = c.ec2().describeVpcEndpoints(r -> r.vpcEndpointIds(e.vpcEndpointId())).vpcEndpoints().get(0).networkInterfaceIds().get(0);
        return c.ec2().describeNetworkInterfaces(r -> r.networkInterfaceIds(eni)).networkInterfaces().get(0).privateIpAddress();
    }

    private static Workload inside(LocalVpc lv, String instance) {
        return new Workload(instance, lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
    }

    /** A real HTTP server on loopback answering every GET with {@code body}. */
    private static HttpServer http(String body) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", x -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        s.start();
        return s;
    }

    private static void awaitCut(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        try {
            assertEquals(-1, s.getInputStream().read(), "the connection was cut, so nothing more arrives");
        } catch (SocketTimeoutException e) {
            fail("the connection was not cut within 10 s");
        } catch (SocketException e) {
            // reset: cut too
        }
    }

    @Test
    void theConsumersCurlReachesTheProvidersHttpServerOnceTheProviderAccepts(LocalVpc lv, URI endpoint, @TempDir Path work) throws Exception {
        Provider p = provider(endpoint, "10.180", "10.180.0.0/16", true);
        HttpServer server = http("hello from the provider\n");
        try {
            String web = target(endpoint, p, p.subnetA(), "127.0.0.1:" + server.getAddress().getPort());
            Elbv2Clients.awaitHealth("the provider's program", "healthy", 40, p.health(web));
            Consumer c = consumer(endpoint, "10.181");
            VpcEndpoint e = endpoint(c, p);
            assertEquals("pendingAcceptance", e.stateAsString());
            String address = endpointAddress(c, e);
            Admin admin = new Admin(endpoint);
            assertEquals(e.vpcEndpointId() + " is pendingAcceptance, not available", admin.trace(c.instance(), address, 80).summary());

            p.ec2().acceptVpcEndpointConnections(r -> r.serviceId(p.serviceId()).vpcEndpointIds(e.vpcEndpointId()));
            Layouts.awaitValue("the accepted endpoint", "available", () -> state(c, e.vpcEndpointId()));
            String name = c.ec2().describeVpcEndpoints(r -> r.vpcEndpointIds(e.vpcEndpointId())).vpcEndpoints().get(0).dnsEntries().get(0).dnsName();
            InstanceExec.Result curl = InstanceExec.run(endpoint, c.instance(), work, "curl", "-sS", "--max-time", "20", "http://" + name + "/");
            assertEquals(0, curl.exit(), curl.both());
            assertEquals("hello from the provider\n", curl.stdout());

            Admin.Trace trace = admin.trace(c.instance(), name, 80);
            assertTrue(trace.delivered(), trace.text());
            assertEquals(PROVIDER, trace.json().get("target").get("providerAccount").asText());
            assertEquals(web, trace.json().get("target").get("instanceId").asText());
            assertTrue(trace.text().contains("endpoint service " + p.serviceId() + " of account " + PROVIDER), trace.text());
            assertTrue(trace.text().contains("(the node's address, as PrivateLink always does)"), trace.text());

            // the provider's own instances reach it by the load balancer's name too, from their own address
            String own = new Layouts(p.ec2()).instance(p.subnetA());
            String lbName = p.elb().describeLoadBalancers(r -> r.loadBalancerArns(p.lbArn())).loadBalancers().get(0).dnsName();
            InstanceExec.Result inside = InstanceExec.run(endpoint, own, work, "curl", "-sS", "--max-time", "20", "http://" + lbName + "/");
            assertEquals("hello from the provider\n", inside.stdout(), inside.both());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutAcceptanceTheEndpointServesAndRejectingItCutsItsOpenConnections(LocalVpc lv, URI endpoint) throws Exception {
        Provider p = provider(endpoint, "10.182", "10.182.0.0/16", false);
        try (LineServer program = LineServer.start("P")) {
            String web = target(endpoint, p, p.subnetA(), program.hostPort());
            Elbv2Clients.awaitHealth("the provider's program", "healthy", 40, p.health(web));
            Consumer c = consumer(endpoint, "10.183");
            VpcEndpoint e = endpoint(c, p);
            Layouts.awaitValue("the endpoint", "available", () -> state(c, e.vpcEndpointId()));
            String address = endpointAddress(c, e);
            Workload w = inside(lv, c.instance());
            try (Socket s = w.tunnel(address, 80)) {
                assertEquals("P heard: no acceptance needed", LineServer.ask(s, "no acceptance needed"));
                p.ec2().rejectVpcEndpointConnections(r -> r.serviceId(p.serviceId()).vpcEndpointIds(e.vpcEndpointId()));
                awaitCut(s);
            }
            assertEquals(e.vpcEndpointId() + " was rejected by the service owner", w.connect(address, 80).refusal());
        }
    }

    @Test
    void anUnhealthyTargetIsPassedOverAndWithNoneHealthyTheLoadBalancerFailsOpen(LocalVpc lv, URI endpoint) throws Exception {
        Provider p = provider(endpoint, "10.184", "10.184.0.0/16", false);
        LineServer one = LineServer.start("one");
        try (LineServer two = LineServer.start("two")) {
            String first = target(endpoint, p, p.subnetA(), one.hostPort());
            String second = target(endpoint, p, p.subnetA(), two.hostPort());
            Elbv2Clients.awaitHealth("the first program", "healthy", 40, p.health(first));
            Elbv2Clients.awaitHealth("the second program", "healthy", 40, p.health(second));
            Consumer c = consumer(endpoint, "10.185");
            VpcEndpoint e = endpoint(c, p);
            Layouts.awaitValue("the endpoint", "available", () -> state(c, e.vpcEndpointId()));
            String address = endpointAddress(c, e);
            Workload w = inside(lv, c.instance());

            one.close();
            Elbv2Clients.awaitHealth("the stopped program", "unhealthy", 40, p.health(first));
            for (int i = 0; i < 5; i++) {
                try (Socket s = w.tunnel(address, 80)) {
                    assertEquals("two heard: " + i, LineServer.ask(s, String.valueOf(i)), "only the healthy target takes connections");
                }
            }
            two.close();
            Elbv2Clients.awaitHealth("the second stopped program", "unhealthy", 40, p.health(second));
            Admin.Trace trace = new Admin(endpoint).trace(c.instance(), address, 80);
            assertTrue(trace.text().contains("failing open"), trace.text());
            Workload.ProxyReply refused = w.connect(address, 80);
            assertEquals(502, refused.status(), "failing open reaches a target whose program is gone: the host refuses");
        } finally {
            one.close();
        }
    }

    @Test
    void noHealthyTargetInTheEndpointsZoneIsRefusedWithTheReason(LocalVpc lv, URI endpoint) throws Exception {
        Provider p = provider(endpoint, "10.186", "10.186.0.0/16", false);
        try (LineServer program = LineServer.start("B")) {
            String inA = target(endpoint, p, p.subnetA(), null); // nothing plays it: its checks fail
            String inB = target(endpoint, p, p.subnetB(), program.hostPort());
            Elbv2Clients.awaitHealth("the target in zone b", "healthy", 40, p.health(inB));
            Elbv2Clients.awaitHealth("the target in zone a", "unhealthy", 40, p.health(inA));
            Consumer c = consumer(endpoint, "10.187");
            VpcEndpoint e = endpoint(c, p);
            Layouts.awaitValue("the endpoint", "available", () -> state(c, e.vpcEndpointId()));
            String refusal = inside(lv, c.instance()).connect(endpointAddress(c, e), 80).refusal();
            String zone = new Layouts(p.ec2()).zoneIdOf(p.subnetA());
            assertTrue(refusal.startsWith("no healthy target in targetgroup/svc-10-186/"), refusal);
            assertTrue(refusal.contains(" in " + zone + ": " + inA + ":8080 unhealthy (Target.FailedHealthChecks)"), refusal);
        }
    }

    @Test
    void aTargetGroupThatAdmitsTheConsumerButNotTheLoadBalancerRefusesNamingIt(LocalVpc lv, URI endpoint) throws Exception {
        Provider p = provider(endpoint, "10.188", "10.189.0.0/16", false);
        try (LineServer program = LineServer.start("P")) {
            String web = target(endpoint, p, p.subnetA(), program.hostPort());
            Consumer c = consumer(endpoint, "10.189");
            VpcEndpoint e = endpoint(c, p);
            Layouts.awaitValue("the endpoint", "available", () -> state(c, e.vpcEndpointId()));
            Elbv2Clients.awaitHealth("the target its group keeps the checks from", "unhealthy", 40, p.health(web));
            Workload.ProxyReply refused = inside(lv, c.instance()).connect(endpointAddress(c, e), 80);
            assertEquals(403, refused.status(), refused.refusal());
            assertTrue(refused.refusal().startsWith("security groups " + p.web() + " on "), refused.refusal());
            assertTrue(refused.refusal().contains(" allow no ingress from " + p.ec2().describeNetworkInterfaces(r -> r.filters(
                    f -> f.name("description").values("ELB net/svc-10-188/*"))).networkInterfaces().stream()
                    .filter(n -> n.subnetId().equals(p.subnetA())).findFirst().orElseThrow().privateIpAddress()), refused.refusal());
            assertEquals(0, program.served(), "neither the consumer's connection nor the health checks (refused by the same group) reached it");
        }
    }

    @Test
    void aZoneDownCutsTheConnectionsThroughItsEndpointInterfaceAndNode(LocalVpc lv, URI endpoint) throws Exception {
        Provider p = provider(endpoint, "10.190", "10.190.0.0/16", false);
        Admin admin = new Admin(endpoint);
        String zone = new Layouts(p.ec2()).zoneIdOf(p.subnetA());
        try (LineServer program = LineServer.start("P")) {
            String web = target(endpoint, p, p.subnetA(), program.hostPort());
            Elbv2Clients.awaitHealth("the provider's program", "healthy", 40, p.health(web));
            Consumer c = consumer(endpoint, "10.191");
            VpcEndpoint e = endpoint(c, p);
            Layouts.awaitValue("the endpoint", "available", () -> state(c, e.vpcEndpointId()));
            String address = endpointAddress(c, e);
            Workload w = inside(lv, c.instance());
            try (Socket s = w.tunnel(address, 80)) {
                assertEquals("P heard: before", LineServer.ask(s, "before"));
                admin.zoneDown(zone);
                awaitCut(s);
            }
            assertTrue(w.connect(address, 80).refusal().contains("which is down"));
        } finally {
            admin.zoneUp(zone);
        }
    }
}
