package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 12, part 4, over real sockets: a workload's connection through a Network Load Balancer to the program
 * published on the target the load balancer chose, and a consumer account's connection to its interface endpoint of
 * a provider's endpoint service, across PrivateLink, to the provider's program; and the cuts when what a connection
 * was decided on ends: load balancers, target groups and listeners through the ELBv2 API ({@link NlbSetup}), endpoint
 * services and endpoints through the EC2 API, health from the real health checks, bytes through the workload proxy.
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
        NlbSetup elb = new NlbSetup(endpoint, "000000000000");
        NlbSetup.Nlb lb = elb.nlb("web", Map.of(), n.subnetA(), n.subnetB());
        String node = lb.address(n.subnetA());
        LineServer one = LineServer.start("W1");
        try (LineServer two = LineServer.start("W2")) {
            InstancesServeTest.publish(endpoint, web1, TARGET_PORT, one.hostPort());
            InstancesServeTest.publish(endpoint, web2, TARGET_PORT, two.hostPort());
            String tg = elb.forward(lb, "TCP", 80, "TCP", TARGET_PORT, web1, web2);
            elb.awaitHealthy(tg, web1, web2);
            Workload w = inside(lv, client);
            Admin.Trace trace = new Admin(endpoint).trace(client, node, 80);
            assertTrue(trace.delivered(), trace.text());
            assertEquals(web1, trace.json().get("target").get("targetId").asText(), "cross-zone off: the target in the node's zone");
            assertEquals(new Layouts(ec2).privateIpOf(client), trace.json().get("target").get("sourceAddressSeen").asText());
            try (Socket s = w.tunnel(node, 80)) {
                assertEquals("W1 heard: hello through the NLB", LineServer.ask(s, "hello through the NLB"));
                // the program stops and the target fails its health checks: the load balancer resets its connections (AWS's default)
                one.close();
                Elbv2Clients.awaitHealth("the stopped program", "unhealthy", 40, elb.health(tg, web1));
                awaitCut(s);
            }
            Workload.ProxyReply refused = w.connect(node, 80);
            assertEquals(502, refused.status());
            assertTrue(refused.refusal().startsWith("no healthy target in targetgroup/web-80/"), refused.refusal());
            assertTrue(refused.refusal().contains(" in " + n.layouts().zoneIdOf(n.subnetA()) + ": " + web1 + ":8080 unhealthy"), refused.refusal());
            // the other node's zone still serves
            try (Socket s = w.tunnel(lb.address(n.subnetB()), 80)) {
                assertEquals("W2 heard: the other zone", LineServer.ask(s, "the other zone"));
            }
            assertEquals("no listener on tcp 81 of " + lb.shortName(), w.connect(node, 81).refusal());
            // the flow records name the load balancer's interface as the destination, as its flow logs record it
            String nodeEni = lb.interfaceBySubnet().get(n.subnetA());
            boolean recorded = false;
            for (JsonNode f : new Admin(endpoint).flows("000000000000", "vpc=" + n.vpcId()).get("flows")) {
                recorded |= nodeEni.equals(f.get("destination").path("networkInterfaceId").asText())
                        && f.get("path").asText().startsWith("net/web/");
            }
            assertTrue(recorded, "a flow record names the node's interface");
        } finally {
            one.close();
        }
    }

    @Test
    void aTlsListenerEndsTlsWithTheCasCertificateAndForwardsPlainOrTlsToTheTarget(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Side n = side(ec2, "10.167", "web");
        allow(ec2, n.group(), TARGET_PORT, "10.167.0.0/16");
        allow(ec2, n.group(), 8443, "10.167.0.0/16");
        String client = n.layouts().instance(n.subnetA());
        String web = n.layouts().instance(n.subnetA(), n.group());
        NlbSetup elb = new NlbSetup(endpoint, "000000000000");
        NlbSetup.Nlb lb = elb.nlb("tls", Map.of(), n.subnetA());
        String node = lb.address(n.subnetA());
        javax.net.ssl.SSLContext targetTls = targetTlsContext(lv);
        try (LineServer program = LineServer.start("T");
             LineServer tlsProgram = LineServer.serving("S", targetTls.getServerSocketFactory().createServerSocket(0, 50,
                     java.net.InetAddress.getLoopbackAddress()))) {
            InstancesServeTest.publish(endpoint, web, TARGET_PORT, program.hostPort());
            InstancesServeTest.publish(endpoint, web, 8443, "127.0.0.1:" + tlsProgram.hostPort().substring(tlsProgram.hostPort().indexOf(':') + 1));
            String plain = elb.forward(lb, "TLS", 443, "TCP", TARGET_PORT, web);
            String tls = elb.forward(lb, "TLS", 8443, "TLS", 8443, web);
            elb.awaitHealthy(plain, web);
            elb.awaitHealthy(tls, web);
            int checked = program.served();
            int tlsChecked = tlsProgram.served();
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
            assertTrue(program.served() > checked, "the plain program served the connection");
            assertTrue(tlsProgram.served() > tlsChecked, "the TLS program served the connection");
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
    private record PrivateLink(Side provider, Side consumer, String web, String client, NlbSetup.Nlb lb, String serviceId, String endpointId,
                               String endpointAddress) {
    }

    private static PrivateLink privateLink(LocalVpc lv, URI endpoint, String providerPrefix, String consumerPrefix, String program) throws Exception {
        Ec2Client providerEc2 = LocalVpcExtension.ec2(endpoint, "111111111111", Region.US_EAST_1);
        Ec2Client consumerEc2 = LocalVpcExtension.ec2(endpoint, "222222222222", Region.US_EAST_1);
        Side p = side(providerEc2, providerPrefix, "web");
        allow(providerEc2, p.group(), TARGET_PORT, providerPrefix + ".0.0/16");
        String web = p.layouts().instance(p.subnetB(), p.group());
        InstancesServeTest.publish(endpoint, web, TARGET_PORT, program);
        NlbSetup provider = new NlbSetup(endpoint, "111111111111");
        NlbSetup.Nlb lb = provider.nlb("svc", Map.of("load_balancing.cross_zone.enabled", "true"), p.subnetA(), p.subnetB());
        String tg = provider.forward(lb, "TCP", 80, "TCP", TARGET_PORT, web);
        provider.awaitHealthy(tg, web);
        var service = providerEc2.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(lb.arn()).acceptanceRequired(false))
                .serviceConfiguration();
        providerEc2.modifyVpcEndpointServicePermissions(r -> r.serviceId(service.serviceId()).addAllowedPrincipals("arn:aws:iam::222222222222:root"));
        Layouts.awaitValue("state of " + service.serviceId(), "Available", () -> providerEc2.describeVpcEndpointServiceConfigurations(
                r -> r.serviceIds(service.serviceId())).serviceConfigurations().get(0).serviceStateAsString());

        Side c = side(consumerEc2, consumerPrefix, "endpoint");
        allow(consumerEc2, c.group(), 80, consumerPrefix + ".0.0/16");
        String client = c.layouts().instance(c.subnetA());
        String e = consumerEc2.createVpcEndpoint(r -> r.vpcId(c.vpcId()).vpcEndpointType(VpcEndpointType.INTERFACE).serviceName(service.serviceName())
                .subnetIds(c.subnetA()).securityGroupIds(c.group())).vpcEndpoint().vpcEndpointId();
        Layouts.awaitValue("state of " + e, "available", () -> consumerEc2.describeVpcEndpoints(r -> r.vpcEndpointIds(e)).vpcEndpoints().get(0)
                .stateAsString());
        String eni = consumerEc2.describeVpcEndpoints(r -> r.vpcEndpointIds(e)).vpcEndpoints().get(0).networkInterfaceIds().get(0);
        String address = consumerEc2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni)).networkInterfaces().get(0).privateIpAddress();
        return new PrivateLink(p, c, web, client, lb, service.serviceId(), e, address);
    }

    @Test
    void aConsumerReachesTheProvidersProgramAcrossPrivateLinkUntilItsEndpointIsDeleted(LocalVpc lv, URI endpoint) throws Exception {
        try (LineServer program = LineServer.start("P")) {
            PrivateLink pl = privateLink(lv, endpoint, "10.161", "10.162", program.hostPort());
            Admin.Trace trace = new Admin(endpoint).trace(pl.client(), pl.endpointAddress(), 80);
            assertTrue(trace.delivered(), trace.text());
            assertEquals(pl.endpointId(), trace.json().get("target").get("vpcEndpointId").asText());
            assertEquals("111111111111", trace.json().get("target").get("providerAccount").asText());
            assertEquals(pl.lb().address(pl.provider().subnetA()), trace.json().get("target").get("sourceAddressSeen").asText(),
                    "the target sees the provider's node in the endpoint's zone");
            assertTrue(trace.text().contains("endpoint service " + pl.serviceId() + " of account 111111111111"), trace.text());

            Workload w = inside(lv, pl.client());
            int checks = program.served();
            try (Socket s = w.tunnel(pl.endpointAddress(), 80)) {
                assertEquals("P heard: across accounts", LineServer.ask(s, "across accounts"));
                LocalVpcExtension.ec2(endpoint, "222222222222", Region.US_EAST_1).deleteVpcEndpoints(r -> r.vpcEndpointIds(pl.endpointId()));
                awaitCut(s);
            }
            Workload.ProxyReply refused = w.connect(pl.endpointAddress(), 80);
            assertTrue(refused.status() >= 400, "no new connection through a deleted endpoint: " + refused.status());
            assertTrue(program.served() > checks);

            // the consumer's bill meters the data its endpoint processed, and its flow records show the way across
            Layouts.awaitValue("the endpoint's traffic on the consumer's bill", "true", () -> {
                for (JsonNode t : get(endpoint, "/_localvpc/cost?account=222222222222&region=us-east-1").path("traffic")) {
                    if (t.path("via").asText().equals(pl.endpointId())) return "true";
                }
                return "false";
            });
            boolean recorded = false;
            for (JsonNode f : new Admin(endpoint).flows("222222222222", "vpc=" + pl.consumer().vpcId()).get("flows")) {
                recorded |= f.get("path").asText().startsWith("interface endpoint " + pl.endpointId() + " → net/svc/");
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
}
