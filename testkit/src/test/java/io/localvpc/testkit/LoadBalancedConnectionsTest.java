package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 12, part 4, over real sockets: a workload's connection through a Network Load Balancer to the program
 * published on the target the load balancer chose, and a consumer account's connection to its interface endpoint of
 * a provider's endpoint service, across PrivateLink, to the provider's program; and the cuts when what a connection
 * was decided on ends. The load balancers and endpoint services are committed by {@link NlbRecordsFixture} until their
 * APIs are on main; everything else goes through the EC2 API, the admin API and the workload proxy.
 */
@ExtendWith(LocalVpcExtension.class)
class LoadBalancedConnectionsTest {
    private static final int TARGET_PORT = 8080;

    private record Side(String vpcId, String subnetA, String subnetB, String group, Layouts layouts) {
    }

    private static Side side(Ec2Client ec2, String prefix, String groupName) {
        Layouts l = new Layouts(ec2);
        String vpc = l.vpc(prefix + ".0.0/16");
        String a = l.subnet(vpc, prefix + ".1.0/24", Layouts.ZONE_A);
        String b = l.subnet(vpc, prefix + ".2.0/24", Layouts.ZONE_B);
        l.routeTable(vpc, a, b);
        String group = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName(groupName).description(groupName)).groupId();
        return new Side(vpc, a, b, group, l);
    }

    private static void allow(Ec2Client ec2, String groupId, int port, String cidr) {
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(p -> p.ipProtocol("tcp").fromPort(port).toPort(port)
                .ipRanges(ip -> ip.cidrIp(cidr))));
    }

    private static Workload inside(LocalVpc lv, String instance) {
        return new Workload(instance, lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
    }

    /** The proxy cuts the connection: the workload's side reads its end within a few seconds. */
    private static void awaitCut(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        try {
            int b = s.getInputStream().read();
            assertEquals(-1, b, "the connection was cut, so nothing more arrives");
        } catch (SocketTimeoutException e) {
            fail("the connection was not cut within 10 s");
        } catch (SocketException e) {
            // reset: cut too
        }
    }

    @Test
    void throughALoadBalancerToTheHealthyTargetInTheNodesZone(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Side n = side(ec2, "10.160", "web");
        allow(ec2, n.group(), TARGET_PORT, "10.160.0.0/16");
        String client = n.layouts().instance(n.subnetA());
        String web1 = n.layouts().instance(n.subnetA(), n.group());
        String web2 = n.layouts().instance(n.subnetB(), n.group());
        NlbRecordsFixture elb = new NlbRecordsFixture(lv, "000000000000");
        LoadBalancer lb = elb.nlb("web", n.vpcId(), List.of(), Map.of(), n.subnetA(), n.subnetB());
        TargetGroup tg = elb.forward(lb, 80, TARGET_PORT, Map.of(), web1, web2);
        elb.health(tg, web1, "healthy", null);
        elb.health(tg, web2, "healthy", null);
        String node = NlbRecordsFixture.nodeAddress(lb, n.subnetA());
        try (LineServer one = LineServer.start("W1"); LineServer two = LineServer.start("W2")) {
            InstancesServeTest.publish(endpoint, web1, TARGET_PORT, one.hostPort());
            InstancesServeTest.publish(endpoint, web2, TARGET_PORT, two.hostPort());
            Workload w = inside(lv, client);
            Admin.Trace trace = new Admin(endpoint).trace(client, node, 80);
            assertTrue(trace.delivered(), trace.text());
            assertEquals(web1, trace.json().get("target").get("targetId").asText(), "cross-zone off: the target in the node's zone");
            assertEquals(new Layouts(ec2).privateIpOf(client), trace.json().get("target").get("sourceAddressSeen").asText());
            try (Socket s = w.tunnel(node, 80)) {
                assertEquals("W1 heard: hello through the NLB", LineServer.ask(s, "hello through the NLB"));
                // the target fails its health checks: the load balancer resets its connections (AWS's default)
                elb.health(tg, web1, "unhealthy", "Target.FailedHealthChecks");
                awaitCut(s);
            }
            Workload.ProxyReply refused = w.connect(node, 80);
            assertEquals(502, refused.status());
            assertTrue(refused.refusal().startsWith("no healthy target in targetgroup/web/"), refused.refusal());
            assertTrue(refused.refusal().contains(" in " + n.layouts().zoneIdOf(n.subnetA()) + ": " + web1 + ":8080 unhealthy"), refused.refusal());
            // the other node's zone still serves
            try (Socket s = w.tunnel(NlbRecordsFixture.nodeAddress(lb, n.subnetB()), 80)) {
                assertEquals("W2 heard: the other zone", LineServer.ask(s, "the other zone"));
            }
            assertEquals("no listener on tcp 81 of net/web/" + lb.id().substring(lb.id().lastIndexOf('/') + 1), w.connect(node, 81).refusal());
            // the flow records name the load balancer's interface as the destination, as its flow logs record it
            String nodeEni = lb.nodes().get(0).networkInterfaceId();
            boolean recorded = false;
            for (JsonNode f : new Admin(endpoint).flows("000000000000", "vpc=" + n.vpcId()).get("flows")) {
                recorded |= nodeEni.equals(f.get("destination").path("networkInterfaceId").asText())
                        && f.get("path").asText().startsWith("net/web/");
            }
            assertTrue(recorded, "a flow record names the node's interface");
        }
    }

    @Test
    void aTlsListenerEndsTlsWithTheCasCertificateAndForwardsPlainOrTlsToTheTarget(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Side n = side(ec2, "10.167", "web");
        allow(ec2, n.group(), TARGET_PORT, "10.167.0.0/16");
        allow(ec2, n.group(), 8443, "10.167.0.0/16");
        String client = n.layouts().instance(n.subnetA());
        String web = n.layouts().instance(n.subnetA(), n.group());
        NlbRecordsFixture elb = new NlbRecordsFixture(lv, "000000000000");
        LoadBalancer lb = elb.nlb("tls", n.vpcId(), List.of(), Map.of(), n.subnetA());
        TargetGroup plain = elb.forward(lb, "TLS", 443, "TCP", TARGET_PORT, Map.of(), web);
        TargetGroup tls = elb.forward(lb, "TLS", 8443, "TLS", 8443, Map.of(), web);
        elb.health(plain, web, "healthy", null);
        elb.health(tls, web, "healthy", null);
        String node = NlbRecordsFixture.nodeAddress(lb, n.subnetA());
        javax.net.ssl.SSLContext targetTls = targetTlsContext(lv);
        try (LineServer program = LineServer.start("T");
             LineServer tlsProgram = LineServer.serving("S", targetTls.getServerSocketFactory().createServerSocket(0, 50,
                     java.net.InetAddress.getLoopbackAddress()))) {
            InstancesServeTest.publish(endpoint, web, TARGET_PORT, program.hostPort());
            InstancesServeTest.publish(endpoint, web, 8443, "127.0.0.1:" + tlsProgram.hostPort().substring(tlsProgram.hostPort().indexOf(':') + 1));
            Workload w = inside(lv, client);
            try (javax.net.ssl.SSLSocket s = w.tls(w.tunnel(node, 443), lb.dnsName(), 443)) {
                java.security.cert.X509Certificate leaf = (java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0];
                assertTrue(leaf.getSubjectAlternativeNames().toString().contains("*.elb.us-east-1.amazonaws.com"), leaf.getSubjectAlternativeNames()::toString);
                assertEquals("T heard: over TLS, then plain", LineServer.ask(s, "over TLS, then plain"));
            }
            try (javax.net.ssl.SSLSocket s = w.openTls(node, 8443)) {
                java.security.cert.X509Certificate leaf = (java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0];
                assertTrue(leaf.getSubjectAlternativeNames().toString().contains(node), "no SNI: the certificate of the address asked for");
                assertEquals("S heard: TLS both ways", LineServer.ask(s, "TLS both ways"));
            }
            assertEquals(1, program.served());
            assertEquals(1, tlsProgram.served());
        }
    }

    /** A server context for the target's own TLS, with a leaf of localvpc's CA (the load balancer checks no target certificate). */
    private static javax.net.ssl.SSLContext targetTlsContext(LocalVpc lv) throws Exception {
        var leaf = lv.dataPlane().ca().leafFor("target.internal");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("target", leaf.privateKey(), new char[0], leaf.chain());
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** A provider (111111111111) serving an endpoint service from instance {@code web}, and a consumer (222222222222). */
    private record PrivateLink(Side provider, Side consumer, String web, String client, LoadBalancer lb, TargetGroup tg,
                               VpcEndpointServiceConfiguration service, VpcEndpoint endpoint, String endpointAddress) {
    }

    private static PrivateLink privateLink(LocalVpc lv, URI endpoint, String providerPrefix, String consumerPrefix, String webAllows) {
        Ec2Client providerEc2 = LocalVpcExtension.ec2(endpoint, "111111111111", Region.US_EAST_1);
        Ec2Client consumerEc2 = LocalVpcExtension.ec2(endpoint, "222222222222", Region.US_EAST_1);
        Side p = side(providerEc2, providerPrefix, "web");
        allow(providerEc2, p.group(), TARGET_PORT, webAllows);
        String web = p.layouts().instance(p.subnetB(), p.group());
        NlbRecordsFixture provider = new NlbRecordsFixture(lv, "111111111111");
        LoadBalancer lb = provider.nlb("svc", p.vpcId(), List.of(), Map.of("load_balancing.cross_zone.enabled", "true"), p.subnetA(), p.subnetB());
        TargetGroup tg = provider.forward(lb, 80, TARGET_PORT, Map.of(), web);
        provider.health(tg, web, "healthy", null);
        VpcEndpointServiceConfiguration service = provider.service(lb);

        Side c = side(consumerEc2, consumerPrefix, "endpoint");
        allow(consumerEc2, c.group(), 80, consumerPrefix + ".0.0/16");
        String client = c.layouts().instance(c.subnetA());
        NlbRecordsFixture consumer = new NlbRecordsFixture(lv, "222222222222");
        VpcEndpoint e = consumer.consumerEndpoint(c.vpcId(), service, c.subnetA(), c.group());
        return new PrivateLink(p, c, web, client, lb, tg, service, e, consumer.addressOf(e));
    }

    @Test
    void aConsumerReachesTheProvidersProgramAcrossPrivateLinkUntilItsEndpointIsDeleted(LocalVpc lv, URI endpoint) throws Exception {
        PrivateLink pl = privateLink(lv, endpoint, "10.161", "10.162", "10.161.0.0/16");
        try (LineServer program = LineServer.start("P")) {
            InstancesServeTest.publish(endpoint, pl.web(), TARGET_PORT, program.hostPort());
            Admin.Trace trace = new Admin(endpoint).trace(pl.client(), pl.endpointAddress(), 80);
            assertTrue(trace.delivered(), trace.text());
            assertEquals(pl.endpoint().id(), trace.json().get("target").get("vpcEndpointId").asText());
            assertEquals("111111111111", trace.json().get("target").get("providerAccount").asText());
            assertEquals(NlbRecordsFixture.nodeAddress(pl.lb(), pl.provider().subnetA()), trace.json().get("target").get("sourceAddressSeen").asText(),
                    "the target sees the provider's node in the endpoint's zone");
            assertTrue(trace.text().contains("endpoint service " + pl.service().id() + " of account 111111111111"), trace.text());

            Workload w = inside(lv, pl.client());
            try (Socket s = w.tunnel(pl.endpointAddress(), 80)) {
                assertEquals("P heard: across accounts", LineServer.ask(s, "across accounts"));
                new NlbRecordsFixture(lv, "222222222222").delete(pl.endpoint());
                awaitCut(s);
            }
            Workload.ProxyReply refused = w.connect(pl.endpointAddress(), 80);
            assertTrue(refused.status() >= 400, "no new connection through a deleted endpoint: " + refused.status());
            assertEquals(1, program.served());

            // the consumer's bill meters the data its endpoint processed, and its flow records show the way across
            Layouts.awaitValue("the endpoint's traffic on the consumer's bill", "true", () -> {
                for (JsonNode t : get(endpoint, "/_localvpc/cost?account=222222222222&region=us-east-1").path("traffic")) {
                    if (t.path("via").asText().equals(pl.endpoint().id())) return "true";
                }
                return "false";
            });
            boolean recorded = false;
            for (JsonNode f : new Admin(endpoint).flows("222222222222", "vpc=" + pl.consumer().vpcId()).get("flows")) {
                recorded |= f.get("path").asText().startsWith("interface endpoint " + pl.endpoint().id() + " → net/svc/");
            }
            assertTrue(recorded, "a flow record names the endpoint and the load balancer");
        }
    }

    private static JsonNode get(URI endpoint, String path) {
        try {
            HttpResponse<String> r = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()
                    .send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return new ObjectMapper().readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aTargetGroupThatAdmitsTheConsumerButNotTheLoadBalancerRefusesNamingIt(LocalVpc lv, URI endpoint) throws Exception {
        PrivateLink pl = privateLink(lv, endpoint, "10.163", "10.164", "10.164.0.0/16");
        try (LineServer program = LineServer.start("P")) {
            InstancesServeTest.publish(endpoint, pl.web(), TARGET_PORT, program.hostPort());
            Workload.ProxyReply refused = inside(lv, pl.client()).connect(pl.endpointAddress(), 80);
            assertEquals(403, refused.status());
            String node = NlbRecordsFixture.nodeAddress(pl.lb(), pl.provider().subnetA());
            assertTrue(refused.refusal().startsWith("security groups " + pl.provider().group() + " on "), refused.refusal());
            assertTrue(refused.refusal().endsWith(" allow no ingress from " + node + " to tcp "
                    + pl.provider().layouts().privateIpOf(pl.web()) + ":8080"), refused.refusal());
            assertEquals(0, program.served());
        }
    }

    @Test
    void aZoneDownCutsConnectionsThroughItsEndpointInterfaceAndNode(LocalVpc lv, URI endpoint) throws Exception {
        PrivateLink pl = privateLink(lv, endpoint, "10.165", "10.166", "10.165.0.0/16");
        Admin admin = new Admin(endpoint);
        String zone = pl.consumer().layouts().zoneIdOf(pl.consumer().subnetA());
        try (LineServer program = LineServer.start("P")) {
            InstancesServeTest.publish(endpoint, pl.web(), TARGET_PORT, program.hostPort());
            Workload w = inside(lv, pl.client());
            try (Socket s = w.tunnel(pl.endpointAddress(), 80)) {
                assertEquals("P heard: before the fault", LineServer.ask(s, "before the fault"));
                admin.zoneDown(zone);
                awaitCut(s);
            }
            Workload.ProxyReply refused = w.connect(pl.endpointAddress(), 80);
            assertTrue(refused.refusal().contains("which is down"), refused.refusal());
        } finally {
            admin.zoneUp(zone);
        }
    }
}
