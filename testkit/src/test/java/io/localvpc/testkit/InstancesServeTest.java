package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RuleAction;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 12, part 1: instances serve. A real program on loopback is published on port 8080 of instance B; a workload on
 * instance A reaches it through the proxy (SOCKS5 and HTTP CONNECT, by address and by B's private DNS name) after the
 * path engine's decision, which now has the destination's side too: its security groups inbound and its subnet's
 * network ACL both ways. Each refusal names what refused, as {@code localvpc trace} does.
 */
@ExtendWith(LocalVpcExtension.class)
class InstancesServeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PORT = 8080;

    /** A VPC with a client instance A in subnet a and a server instance B in subnet b, each in a group of its own. */
    private record Net(String vpcId, String subnetA, String subnetB, String clientGroup, String webGroup, String a, String b,
                       String ipA, String ipB, String eniB) {
    }

    private static Net net(Ec2Client ec2, String prefix) {
        Layouts l = new Layouts(ec2);
        String vpc = l.vpc(prefix + ".0.0/16");
        String subnetA = l.subnet(vpc, prefix + ".1.0/24", Layouts.ZONE_A);
        String subnetB = l.subnet(vpc, prefix + ".2.0/24", Layouts.ZONE_B);
        l.routeTable(vpc, subnetA, subnetB);
        String client = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("client").description("client")).groupId();
        String web = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web")).groupId();
        String a = l.instance(subnetA, client);
        String b = l.instance(subnetB, web);
        var instanceB = l.describeInstance(b);
        return new Net(vpc, subnetA, subnetB, client, web, a, b, l.privateIpOf(a), instanceB.privateIpAddress(),
                instanceB.networkInterfaces().get(0).networkInterfaceId());
    }

    private static void allowFromGroup(Ec2Client ec2, String groupId, int port, String sourceGroup) {
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(p -> p.ipProtocol("tcp").fromPort(port).toPort(port)
                .userIdGroupPairs(g -> g.groupId(sourceGroup))));
    }

    private static Workload inside(LocalVpc lv, String instance) {
        return new Workload(instance, lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
    }

    // ---- the admin endpoint, as the CLI calls it

    private static HttpResponse<String> call(URI endpoint, String method, String body, boolean json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve("/_localvpc/published"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (json) b.header("Content-Type", "application/json");
        try {
            return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String body(String target, Object port, String hostPort) {
        var o = JSON.createObjectNode().put("target", target).put("port", String.valueOf(port));
        if (hostPort != null) o.put("hostPort", hostPort);
        return o.toString();
    }

    static JsonNode publish(URI endpoint, String target, int port, String hostPort) throws IOException {
        HttpResponse<String> r = call(endpoint, "POST", body(target, port, hostPort), true);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static void unpublish(URI endpoint, String target, int port) {
        HttpResponse<String> r = call(endpoint, "DELETE", body(target, port, null), true);
        assertEquals(200, r.statusCode(), r.body());
    }

    private static List<String> published(URI endpoint) throws IOException {
        HttpResponse<String> r = call(endpoint, "GET", null, false);
        assertEquals(200, r.statusCode(), r.body());
        List<String> out = new ArrayList<>();
        for (JsonNode p : JSON.readTree(r.body()).get("published")) {
            out.add(p.get("target").asText() + " " + p.get("protocol").asText() + " " + p.get("port").asInt() + " " + p.get("hostPort").asText());
        }
        return out;
    }

    /** The CONNECT is refused: its status and the reason the proxy gave, which is the trace's summary. */
    private static String refusedConnect(Workload w, String host, int status) throws IOException {
        Workload.ProxyReply reply = w.connect(host, PORT);
        assertEquals(status, reply.status(), reply.refusal());
        assertNotNull(reply.refusal());
        return reply.refusal();
    }

    // ---- the tests

    @Test
    void aPublishedProgramServesAnotherInstanceOverSocksAndConnectByAddressAndName(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Net n = net(ec2, "10.150");
        allowFromGroup(ec2, n.webGroup(), PORT, n.clientGroup()); // a referenced (source) security group rule
        Admin admin = new Admin(endpoint);
        try (LineServer program = LineServer.start("B")) {
            JsonNode p = publish(endpoint, n.b(), PORT, program.hostPort());
            assertEquals(n.eniB(), p.get("networkInterfaceId").asText());
            assertEquals(List.of(n.b() + " tcp 8080 " + program.hostPort()), published(endpoint).stream().filter(x -> x.startsWith(n.b())).toList());

            Admin.Trace trace = admin.trace(n.a(), n.ipB(), PORT);
            assertTrue(trace.delivered(), trace.text());
            assertEquals("delivered to " + n.b() + " tcp 8080 (" + n.eniB() + ", " + n.ipB() + "), played by " + program.hostPort(), trace.summary());
            assertEquals(List.of(n.webGroup()), trace.resources("SECURITY_GROUP_INGRESS"), trace.text());
            assertEquals(n.b(), trace.json().get("target").get("instanceId").asText());

            Workload a = inside(lv, n.a());
            try (Socket s = a.tunnel(n.ipB(), PORT)) {
                assertEquals("B heard: hello over CONNECT", LineServer.ask(s, "hello over CONNECT"));
                assertEquals("B heard: and again", LineServer.ask(s, "and again"));
            }
            String name = "ip-" + n.ipB().replace('.', '-') + ".ec2.internal";
            Workload.SocksReply socks = a.socks5(name, PORT);
            assertEquals(0, socks.code());
            try (Socket s = socks.socket()) {
                assertEquals("B heard: hello over SOCKS5", LineServer.ask(s, "hello over SOCKS5"));
            }
            try (Socket s = a.tunnel(name, PORT)) {
                assertEquals("B heard: by name", LineServer.ask(s, "by name"));
            }
            assertEquals(3, program.served());
            // the resource name (i-….ec2.internal) of an instance launched while its subnet hands such names out
            ec2.modifySubnetAttribute(r -> r.subnetId(n.subnetB()).enableResourceNameDnsARecordOnLaunch(v -> v.value(true)));
            String c = new Layouts(ec2).instance(n.subnetB(), n.webGroup());
            publish(endpoint, c, PORT, program.hostPort());
            try (Socket s = a.tunnel(c + ".ec2.internal", PORT)) {
                assertEquals("B heard: by resource name", LineServer.ask(s, "by resource name"));
            }

            // the flow records show them as delivered on the local route to B's interface
            Layouts.awaitValue("a closed flow to " + n.eniB(), "true", () -> {
                for (JsonNode f : admin.flows("000000000000", "vpc=" + n.vpcId()).get("flows")) {
                    JsonNode d = f.get("destination");
                    if (f.get("state").asText().equals("closed") && n.eniB().equals(d.path("networkInterfaceId").asText())
                            && n.b().equals(d.path("instanceId").asText()) && f.get("path").asText().equals("local route to " + n.eniB())
                            && n.ipB().equals(d.get("address").asText()) && f.get("bytesIn").asLong() > 0) {
                        return "true";
                    }
                }
                return "false";
            });
            HttpResponse<String> metrics = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()
                    .send(HttpRequest.newBuilder(endpoint.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(metrics.body().contains("localvpc_connections_total{path=\"local\",reason=\"none\",verdict=\"accepted\"} "),
                    "the connections count under the path local:\n" + metrics.body());
        }
    }

    @Test
    void theDestinationsSecurityGroupsDecideAndARefusalNamesThem(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Net n = net(ec2, "10.151");
        try (LineServer program = LineServer.start("B")) {
            publish(endpoint, n.b(), PORT, program.hostPort());
            Workload a = inside(lv, n.a());
            String reason = refusedConnect(a, n.ipB(), 403);
            assertEquals("security groups " + n.webGroup() + " on " + n.eniB() + " allow no ingress from " + n.ipA() + " to tcp " + n.ipB() + ":8080",
                    reason);
            assertEquals(reason, new Admin(endpoint).trace(n.a(), n.ipB(), PORT).summary());
            assertEquals(2, a.socks5(n.ipB(), PORT).code(), "SOCKS5: connection not allowed by ruleset");
            assertEquals(0, program.served());

            ec2.authorizeSecurityGroupIngress(r -> r.groupId(n.webGroup()).ipPermissions(p -> p.ipProtocol("tcp").fromPort(PORT).toPort(PORT)
                    .ipRanges(ip -> ip.cidrIp("10.151.1.0/24"))));
            try (Socket s = a.tunnel(n.ipB(), PORT)) {
                assertEquals("B heard: let in", LineServer.ask(s, "let in")); // stateful: the answer comes back
            }
        }
    }

    @Test
    void theDestinationSubnetsNetworkAclDecidesBothWaysAcrossSubnetsOnly(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Net n = net(ec2, "10.152");
        allowFromGroup(ec2, n.webGroup(), PORT, n.clientGroup());
        Layouts l = new Layouts(ec2);
        String acl = l.openAclFor(n.vpcId(), n.subnetB());
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(90).egress(false).protocol("6").portRange(p -> p.from(PORT).to(PORT))
                .ruleAction(RuleAction.DENY).cidrBlock("10.152.1.0/24"));
        try (LineServer program = LineServer.start("B")) {
            publish(endpoint, n.b(), PORT, program.hostPort());
            Workload a = inside(lv, n.a());
            assertEquals(acl + " inbound rule 90 denies tcp port 8080 from " + n.ipA(), refusedConnect(a, n.ipB(), 403));

            // inbound open again, but outbound only port 8080: the replies to A's ephemeral port cannot leave (stateless)
            ec2.deleteNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(90).egress(false));
            ec2.replaceNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).egress(true).protocol("6").portRange(p -> p.from(PORT).to(PORT))
                    .ruleAction(RuleAction.ALLOW).cidrBlock("0.0.0.0/0"));
            String reason = refusedConnect(a, n.ipB(), 403);
            assertTrue(reason.startsWith(acl + " outbound (return traffic) rule * denies tcp port "), reason);
            assertTrue(reason.endsWith(" to " + n.ipA()), reason);
            assertEquals(0, program.served());

            // within subnet b no ACL lies between two instances
            String c = l.instance(n.subnetB(), n.clientGroup());
            try (Socket s = inside(lv, c).tunnel(n.ipB(), PORT)) {
                assertEquals("B heard: same subnet", LineServer.ask(s, "same subnet"));
            }
            ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(110).egress(true).protocol("6").portRange(p -> p.from(1024).to(65535))
                    .ruleAction(RuleAction.ALLOW).cidrBlock("10.152.1.0/24"));
            try (Socket s = a.tunnel(n.ipB(), PORT)) {
                assertEquals("B heard: across subnets", LineServer.ask(s, "across subnets"));
            }
        }
    }

    @Test
    void aPortNothingIsPublishedOnIsRefusedByTheHostAndAStoppedInstanceByItsState(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Net n = net(ec2, "10.153");
        allowFromGroup(ec2, n.webGroup(), PORT, n.clientGroup());
        Admin admin = new Admin(endpoint);
        Workload a = inside(lv, n.a());
        String closed = "the network delivers to " + n.eniB() + " (" + n.ipB() + "), but nothing listens on " + n.b()
                + " tcp 8080 (no program published; localvpc publish " + n.b() + " 8080 127.0.0.1:<port> plays it)";
        assertEquals(closed, refusedConnect(a, n.ipB(), 502));
        try (LineServer program = LineServer.start("B")) {
            publish(endpoint, n.b(), PORT, program.hostPort());
            try (Socket s = a.tunnel(n.ipB(), PORT)) {
                assertEquals("B heard: open", LineServer.ask(s, "open"));
            }
            unpublish(endpoint, n.b(), PORT);
            assertEquals(closed, refusedConnect(a, n.ipB(), 502));
            assertEquals(5, a.socks5(n.ipB(), PORT).code(), "SOCKS5: connection refused");
            Admin.Trace trace = admin.trace(n.a(), n.ipB(), PORT);
            assertFalse(trace.delivered());
            assertEquals(closed, trace.summary());
            assertEquals("CONNECTION_REFUSED", trace.json().get("reason").asText());

            publish(endpoint, n.b(), PORT, program.hostPort());
            ec2.stopInstances(r -> r.instanceIds(n.b()));
            Layouts.awaitValue("instance " + n.b() + " state", "stopped", () -> new Layouts(ec2).describeInstance(n.b()).state().nameAsString());
            assertEquals("the network delivers to " + n.eniB() + " (" + n.ipB() + "), but instance " + n.b()
                    + " is stopped, not running; start it first (aws ec2 start-instances --instance-ids " + n.b() + ")", refusedConnect(a, n.ipB(), 502));
            assertEquals(1, program.served());
        }
    }

    @Test
    void publishingIsCheckedAndEndsWithTheInstance(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Net n = net(ec2, "10.154");
        HttpResponse<String> r = call(endpoint, "POST", body(n.b(), PORT, "10.0.0.1:80"), true);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("must listen on loopback (127.0.0.0/8 or localhost), not 10.0.0.1"), r.body());
        r = call(endpoint, "POST", body(n.b(), PORT, "example.com:80"), true);
        assertEquals(400, r.statusCode(), r.body());
        r = call(endpoint, "POST", body("i-0123456789abcdef0", PORT, "127.0.0.1:18080"), true);
        assertEquals(404, r.statusCode(), r.body());
        assertTrue(r.body().contains("no instance or network interface i-0123456789abcdef0"), r.body());
        r = call(endpoint, "POST", body(n.b(), "8080/udp", "127.0.0.1:18080"), true);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("only tcp ports"), r.body());
        r = call(endpoint, "POST", body(n.b(), 70000, "127.0.0.1:18080"), true);
        assertEquals(400, r.statusCode(), r.body());
        r = call(endpoint, "POST", "{\"target\":\"" + n.b() + "\"}", true);
        assertEquals(400, r.statusCode(), r.body());
        r = call(endpoint, "POST", "not json", true);
        assertEquals(400, r.statusCode(), r.body());
        r = call(endpoint, "POST", body(n.b(), PORT, "127.0.0.1:18080"), false);
        assertEquals(403, r.statusCode(), "a web page's simple request cannot publish: " + r.body());
        r = call(endpoint, "DELETE", body(n.b(), PORT, null), false);
        assertEquals(403, r.statusCode(), "nor unpublish: " + r.body());
        r = call(endpoint, "DELETE", body(n.b(), PORT, null), true);
        assertEquals(404, r.statusCode(), r.body());
        assertTrue(published(endpoint).stream().noneMatch(p -> p.startsWith(n.b())));

        publish(endpoint, n.b(), PORT, "localhost:18080");
        publish(endpoint, n.eniB(), 9090, "127.0.0.2:19090"); // by interface: it belongs to its instance
        assertTrue(published(endpoint).containsAll(List.of(n.b() + " tcp 8080 127.0.0.1:18080", n.b() + " tcp 9090 127.0.0.2:19090")),
                published(endpoint).toString());
        ec2.terminateInstances(t -> t.instanceIds(n.b()));
        Layouts.awaitValue("publications of " + n.b(), "[]", () -> {
            try {
                return published(endpoint).stream().filter(p -> p.startsWith(n.b())).toList().toString();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void execPublishesForTheLifetimeOfItsProgram(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Net n = net(ec2, "10.155");
        allowFromGroup(ec2, n.webGroup(), PORT, n.clientGroup());
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", cp, "io.localvpc.server.cli.Main", "exec", "--endpoint", endpoint.toString(), n.b(),
                "--publish", PORT + "=" + port, "--", java, "-cp", cp, LineServer.class.getName(), "exec-B", String.valueOf(port), "1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process exec = pb.start();
        try {
            Layouts.awaitValue("the publication exec makes", "[" + n.b() + " tcp 8080 127.0.0.1:" + port + "]", () -> {
                try {
                    return published(endpoint).stream().filter(p -> p.startsWith(n.b())).toList().toString();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            Workload a = inside(lv, n.a());
            Socket s = null;
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); s == null; ) {
                try {
                    s = a.tunnel(n.ipB(), PORT); // the program may still be starting
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) fail("the program exec started never answered: " + notYet.getMessage());
                    Thread.sleep(200);
                }
            }
            try (Socket open = s) {
                assertEquals("exec-B heard: through exec", LineServer.ask(open, "through exec"));
            }
            assertTrue(exec.waitFor(60, TimeUnit.SECONDS), "exec ends when its program does");
            assertEquals(0, exec.exitValue());
        } finally {
            exec.destroyForcibly();
        }
        assertEquals(List.of(), published(endpoint).stream().filter(p -> p.startsWith(n.b())).toList(), "the port goes with the program");
        Admin.Trace trace = new Admin(endpoint).trace(n.a(), n.ipB(), PORT);
        assertTrue(trace.summary().contains("nothing listens on " + n.b() + " tcp 8080"), trace.text());
        assertNull(trace.json().get("target"));
        assertThrows(IOException.class, () -> inside(lv, n.a()).tunnel(n.ipB(), PORT).close());
    }
}
