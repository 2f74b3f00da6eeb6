package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.TrafficType;

import javax.net.ssl.SSLSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flow logs delivered to upstreams: a small HTTP server on 127.0.0.1 plays CloudWatch Logs and Firehose (answering
 * as they answer) and records every call; a workload's real connections through the proxy, a flush, and the calls
 * that arrived must carry exactly the records the workload's connections make, signed with SigV4.
 */
class FlowLogUpstreamsTest {
    private static final String ACCOUNT = "000000000000";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/flow-logs";
    private static final String UNROUTED = "10.200.0.9";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SIGV4 = Pattern.compile("AWS4-HMAC-SHA256 Credential=" + ACCOUNT + "/\\d{8}/us-east-1/(logs|firehose)/aws4_request, "
            + "SignedHeaders=[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}");

    /** One call that reached the upstream. */
    private record Call(String target, String authorization, String contentType, JsonNode body) {
    }

    private static final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private static HttpServer upstream;
    private static LocalVpc lv;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            calls.add(new Call(target, exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"), body));
            int status = 200;
            String answer = switch (target) {
                case "Logs_20140328.CreateLogStream" -> "{}";
                case "Logs_20140328.PutLogEvents" -> "{\"nextSequenceToken\":\"1\"}";
                case "Firehose_20150804.PutRecordBatch" -> {
                    StringBuilder responses = new StringBuilder();
                    for (int i = 0; i < body.get("Records").size(); i++) responses.append(i == 0 ? "" : ",").append("{\"RecordId\":\"r").append(i).append("\"}");
                    yield "{\"FailedPutCount\":0,\"Encrypted\":false,\"RequestResponses\":[" + responses + "]}";
                }
                default -> {
                    status = 400;
                    yield "{\"__type\":\"UnknownOperationException\"}";
                }
            };
            if (body.path("logGroupName").asText().equals("denied")) {
                status = 400;
                answer = "{\"__type\":\"AccessDeniedException\",\"message\":\"not for you\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        upstream.start();
        URI url = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
        lv = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true)
                .withUpstreams(Map.of("logs", url, "kinesis-firehose", url))).start();
        ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) ec2.close();
        if (lv != null) lv.close();
        if (upstream != null) upstream.stop(0);
    }

    private static String created(CreateFlowLogsResponse r) {
        assertEquals(List.of(), r.unsuccessful());
        assertEquals(1, r.flowLogIds().size());
        return r.flowLogIds().get(0);
    }

    private static List<Call> callsTo(String target) {
        return calls.stream().filter(c -> c.target().equals(target)).toList();
    }

    @Test
    void logGroupsAndDeliveryStreamsGetExactlyTheWorkloadsRecords() throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.91");
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        var a = net.describeInstance(vpc.instanceA()).networkInterfaces().get(0);
        String eniB = net.describeInstance(vpc.instanceB()).networkInterfaces().get(0).networkInterfaceId();
        String ca = new Admin(lv.endpoint()).caPem();
        Workload w = new Workload(vpc.instanceA(), lv.proxyAddress(), ca);

        String group = created(ec2.createFlowLogs(r -> r.resourceIds(a.networkInterfaceId()).resourceType(FlowLogsResourceType.NETWORK_INTERFACE)
                .trafficType(TrafficType.ALL).logGroupName("flows").deliverLogsPermissionArn(ROLE)));
        String streamArn = "arn:aws:firehose:us-east-1:" + ACCOUNT + ":deliverystream/flows";
        String stream = created(ec2.createFlowLogs(r -> r.resourceIds(vpc.vpcId()).resourceType(FlowLogsResourceType.VPC).trafficType(TrafficType.REJECT)
                .logDestinationType(LogDestinationType.KINESIS_DATA_FIREHOSE).logDestination(streamArn)));
        String denied = created(ec2.createFlowLogs(r -> r.resourceIds(vpc.vpcId()).resourceType(FlowLogsResourceType.VPC).trafficType(TrafficType.ALL)
                .logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS).logDestination("arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:denied:*")
                .deliverLogsPermissionArn(ROLE)));
        FlowLog d = ec2.describeFlowLogs(r -> r.flowLogIds(group)).flowLogs().get(0);
        assertEquals("cloud-watch-logs", d.logDestinationTypeAsString());
        assertEquals("flows", d.logGroupName());
        assertEquals("arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:flows", d.logDestination());
        assertEquals(ROLE, d.deliverLogsPermissionArn());
        assertNull(d.destinationOptions(), "destination options are S3's");
        assertEquals(streamArn, ec2.describeFlowLogs(r -> r.flowLogIds(stream)).flowLogs().get(0).logDestination());
        assertEquals(1, ec2.describeFlowLogs(r -> r.filter(f -> f.name("log-group-name").values("flows"))).flowLogs().size());
        long t0 = System.currentTimeMillis();

        Workload.SocksReply reply = w.socks5(DataPlaneTest.S3_HOST, 443);
        assertEquals(0, reply.code());
        int port = reply.socket().getLocalPort();
        try (Socket tunnel = reply.socket(); SSLSocket tls = w.tls(tunnel, DataPlaneTest.S3_HOST, 443)) {
            Workload.roundTrip(tls, DataPlaneTest.S3_HOST);
        }
        assertTrue(w.socks5(UNROUTED, 443).code() != 0);
        Admin admin = new Admin(lv.endpoint());
        List<JsonNode> flows = new ArrayList<>();
        for (int i = 0; flows.size() != 2 || !flows.stream().allMatch(f -> f.get("state").asText().equals("closed")); i++) {
            assertTrue(i < 400, "flows did not close: " + flows);
            Thread.sleep(25);
            flows.clear();
            admin.flows(ACCOUNT, "vpc=" + vpc.vpcId()).get("flows").forEach(flows::add);
        }
        admin.flushFlowLogs();
        long t1 = System.currentTimeMillis() + 1000;

        JsonNode ok = flows.stream().filter(f -> f.get("verdict").asText().equals("ACCEPT")).findFirst().orElseThrow();
        String s3Ip = ok.get("destination").get("address").asText();
        long out = ok.get("bytesOut").asLong();
        long in = ok.get("bytesIn").asLong();
        String ip = a.privateIpAddress();
        String eniA = a.networkInterfaceId();
        String egress = "2 " + ACCOUNT + " " + eniA + " " + ip + " " + s3Ip + " " + port + " 443 6 " + FlowLogTestKit.packets(out, in, true) + " " + out;
        String ingress = "2 " + ACCOUNT + " " + eniA + " " + s3Ip + " " + ip + " 443 " + port + " 6 " + FlowLogTestKit.packets(in, out, false) + " " + in;

        // CloudWatch Logs: the interface's stream made once, its events (the records without a header) in one call
        for (Call c : calls) {
            assertTrue(SIGV4.matcher(c.authorization()).matches(), c.authorization());
            assertEquals("application/x-amz-json-1.1", c.contentType());
        }
        List<JsonNode> made = callsTo("Logs_20140328.CreateLogStream").stream().map(Call::body).filter(b -> b.get("logGroupName").asText().equals("flows")).toList();
        assertEquals(List.of(JSON.readTree("{\"logGroupName\":\"flows\",\"logStreamName\":\"" + eniA + "\"}")), made);
        List<JsonNode> puts = callsTo("Logs_20140328.PutLogEvents").stream().map(Call::body).filter(b -> b.get("logGroupName").asText().equals("flows")).toList();
        assertEquals(1, puts.size(), puts.toString());
        assertEquals(eniA, puts.get(0).get("logStreamName").asText());
        List<String> messages = new ArrayList<>();
        for (JsonNode e : puts.get(0).get("logEvents")) {
            long timestamp = e.get("timestamp").asLong();
            String[] f = e.get("message").asText().split(" ");
            assertTrue(t0 <= timestamp && timestamp <= t1, "timestamp " + timestamp);
            assertEquals(timestamp / 1000, Long.parseLong(f[10]), "the event's timestamp is the record's start: " + e);
            messages.add(String.join(" ", List.of(f).subList(0, 10)) + " " + f[12] + " " + f[13]);
        }
        messages.sort(null);
        String reject = "2 " + ACCOUNT + " " + eniA + " " + ip + " " + UNROUTED + " 0 443 6 1 0 REJECT OK";
        List<String> expected = new ArrayList<>(List.of(egress + " ACCEPT OK", ingress + " ACCEPT OK", reject));
        expected.sort(null);
        assertEquals(expected, messages);

        // Firehose: one record per line, each with its newline; REJECT only, and NODATA for the quiet interface
        List<JsonNode> batches = callsTo("Firehose_20150804.PutRecordBatch").stream().map(Call::body).toList();
        assertEquals(1, batches.size(), batches.toString());
        assertEquals("flows", batches.get(0).get("DeliveryStreamName").asText());
        List<String> records = new ArrayList<>();
        for (JsonNode r : batches.get(0).get("Records")) {
            String line = new String(Base64.getDecoder().decode(r.get("Data").asText()), StandardCharsets.UTF_8);
            assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, line);
            List<String> f = new ArrayList<>(List.of(line.strip().split(" ")));
            if (!f.get(10).equals("-")) {
                f.remove(11);
                f.remove(10);
            }
            records.add(String.join(" ", f));
        }
        records.sort(null);
        List<String> expectedRecords = new ArrayList<>(List.of(reject, "2 " + ACCOUNT + " " + eniB + " - - - - - - - - NODATA"));
        expectedRecords.sort(null);
        assertEquals(expectedRecords, records);

        // a delivery the upstream refuses shows as AWS shows it; the others were delivered all the same
        assertEquals("SUCCESS", ec2.describeFlowLogs(r -> r.flowLogIds(group)).flowLogs().get(0).deliverLogsStatus());
        FlowLog failed = ec2.describeFlowLogs(r -> r.flowLogIds(denied)).flowLogs().get(0);
        assertEquals("FAILED", failed.deliverLogsStatus());
        assertTrue(failed.deliverLogsErrorMessage().startsWith("Access error") && failed.deliverLogsErrorMessage().contains("AccessDeniedException"),
                failed.deliverLogsErrorMessage());
        assertEquals(List.of(denied), ec2.describeFlowLogs(r -> r.filter(f -> f.name("deliver-log-status").values("FAILED"))).flowLogs().stream()
                .map(FlowLog::flowLogId).toList());

        // the next window: the stream is not made again
        calls.clear();
        Workload.SocksReply again = w.socks5(DataPlaneTest.S3_HOST, 443);
        try (Socket tunnel = again.socket(); SSLSocket tls = w.tls(tunnel, DataPlaneTest.S3_HOST, 443)) {
            Workload.roundTrip(tls, DataPlaneTest.S3_HOST);
        }
        for (int i = 0; admin.flows(ACCOUNT, "vpc=" + vpc.vpcId()).get("flows").size() < 3 || !allClosed(admin, vpc.vpcId()); i++) {
            assertTrue(i < 400);
            Thread.sleep(25);
        }
        admin.flushFlowLogs();
        assertEquals(List.of(), callsTo("Logs_20140328.CreateLogStream").stream().filter(c -> c.body().get("logGroupName").asText().equals("flows")).toList());
        assertEquals(1, callsTo("Logs_20140328.PutLogEvents").stream().filter(c -> c.body().get("logGroupName").asText().equals("flows")).count());
    }

    @Test
    void aConnectionToAProgramPublishedOnAnInstanceIsLoggedOnTheDestinationsInterfaceToo() throws Exception {
        Layouts l = new Layouts(ec2);
        String vpc = l.vpc("10.92.0.0/16");
        String subnetA = l.subnet(vpc, "10.92.1.0/24", Layouts.ZONE_A);
        String subnetB = l.subnet(vpc, "10.92.2.0/24", Layouts.ZONE_B);
        l.routeTable(vpc, subnetA, subnetB);
        String client = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("client").description("client")).groupId();
        String web = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web")).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(p -> p.ipProtocol("tcp").fromPort(8080).toPort(8080)
                .userIdGroupPairs(g -> g.groupId(client))));
        String a = l.instance(subnetA, client);
        String b = l.instance(subnetB, web);
        var eniA = l.describeInstance(a).networkInterfaces().get(0);
        var eniB = l.describeInstance(b).networkInterfaces().get(0);
        String format = "${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${bytes} ${flow-direction} ${traffic-path} ${action}";
        created(ec2.createFlowLogs(r -> r.resourceIds(subnetB).resourceType(FlowLogsResourceType.SUBNET).trafficType(TrafficType.ALL)
                .logGroupName("served").deliverLogsPermissionArn(ROLE).logFormat(format)));

        int port;
        try (LineServer program = LineServer.start("B")) {
            InstancesServeTest.publish(lv.endpoint(), b, 8080, program.hostPort());
            Workload w = new Workload(a, lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
            Workload.SocksReply reply = w.socks5(eniB.privateIpAddress(), 8080);
            assertEquals(0, reply.code());
            try (Socket s = reply.socket()) {
                port = s.getLocalPort();
                assertEquals("B heard: hello", LineServer.ask(s, "hello"));
            }
        }
        Admin admin = new Admin(lv.endpoint());
        JsonNode flow = null;
        for (int i = 0; flow == null; i++) {
            assertTrue(i < 400, "the flow did not close");
            Thread.sleep(25);
            for (JsonNode f : admin.flows(ACCOUNT, "vpc=" + vpc).get("flows")) if (f.get("state").asText().equals("closed")) flow = f;
        }
        admin.flushFlowLogs();
        List<String> messages = new ArrayList<>();
        for (Call c : callsTo("Logs_20140328.PutLogEvents")) {
            if (!c.body().get("logGroupName").asText().equals("served")) continue;
            assertEquals(eniB.networkInterfaceId(), c.body().get("logStreamName").asText(), "only the destination's interface is in subnet B");
            for (JsonNode e : c.body().get("logEvents")) messages.add(e.get("message").asText());
        }
        messages.sort(null);
        String ipA = eniA.privateIpAddress();
        String ipB = eniB.privateIpAddress();
        List<String> expected = new ArrayList<>(List.of(
                String.join(" ", eniB.networkInterfaceId(), ipA, ipB, String.valueOf(port), "8080", flow.get("bytesOut").asText(), "ingress", "-", "ACCEPT"),
                String.join(" ", eniB.networkInterfaceId(), ipB, ipA, "8080", String.valueOf(port), flow.get("bytesIn").asText(), "egress", "1", "ACCEPT")));
        expected.sort(null);
        assertEquals(expected, messages);
    }

    /** Also: '*' is the upstream of a flow log destination's service, as it is the data plane's. */
    @Test
    void anUpstreamNobodyAnswersOnIsAFailedDeliveryNotAHang() throws Exception {
        int nobody;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = s.getLocalPort(); // closed again: nothing listens there
        }
        try (LocalVpc other = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true)
                .withUpstreams(Map.of("*", URI.create("http://127.0.0.1:" + nobody)))).start();
             Ec2Client client = LocalVpcExtension.ec2(other.endpoint(), "test", Region.US_EAST_1)) {
            Layouts l = new Layouts(client);
            String vpc = l.vpc("10.94.0.0/16");
            String id = created(client.createFlowLogs(r -> r.resourceIds(vpc).resourceType(FlowLogsResourceType.VPC).trafficType(TrafficType.ALL)
                    .logDestinationType(LogDestinationType.KINESIS_DATA_FIREHOSE)
                    .logDestination("arn:aws:firehose:us-east-1:" + ACCOUNT + ":deliverystream/nowhere")));
            String subnet = l.subnet(vpc, "10.94.2.0/24", Layouts.ZONE_A);
            l.instance(subnet, client.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(vpc))).securityGroups().get(0).groupId());
            new Admin(other.endpoint()).flushFlowLogs(); // the instance's interface: a NODATA record, which cannot be delivered
            FlowLog d = client.describeFlowLogs(r -> r.flowLogIds(id)).flowLogs().get(0);
            assertEquals("FAILED", d.deliverLogsStatus());
            assertTrue(d.deliverLogsErrorMessage().startsWith("Access error: cannot connect to"), d.deliverLogsErrorMessage());
        }
    }

    private static boolean allClosed(Admin admin, String vpcId) {
        for (JsonNode f : admin.flows(ACCOUNT, "vpc=" + vpcId).get("flows")) if (!f.get("state").asText().equals("closed")) return false;
        return true;
    }
}
