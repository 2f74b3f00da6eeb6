package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.DestinationFileFormat;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TrafficType;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.s3.S3Client;

import javax.net.ssl.SSLSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * VPC flow logs end to end: flow logs made with the AWS SDK, a workload's real connections through the proxy (one
 * accepted, one refused), the window flushed, and the objects read back from the embedded S3 with the SDK, gunzipped
 * and parsed. The records expected are built here from what the workload did (its socket's port, the addresses, the
 * bytes the console counted for the connection), never from the writer's own code.
 */
@ExtendWith(LocalVpcExtension.class)
class FlowLogsTest {
    private static final String ACCOUNT = "000000000000";
    private static final String UNROUTED = "10.200.0.9";
    private static final Pattern KEY = Pattern.compile("AWSLogs/" + ACCOUNT + "/vpcflowlogs/us-east-1/\\d{4}/\\d{2}/\\d{2}/" + ACCOUNT
            + "_vpcflowlogs_us-east-1_fl-[0-9a-f]{17}_\\d{8}T\\d{4}Z_[0-9a-f]{8}\\.log\\.gz");

    /** A VPC whose instances reach S3 through a gateway endpoint, and a reader in another VPC that made the bucket. */
    private record World(Layouts net, Layouts.PrivateVpc vpc, S3Client reader, Workload a, String eniA, String ipA, String eniB, String bucket) {
    }

    private static World world(Ec2Client ec2, LocalVpc lv, URI endpoint, String prefix, String bucket) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc(prefix);
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        Layouts.PrivateVpc readers = net.privateVpc("10.199");
        net.s3GatewayEndpoint(readers.vpcId(), readers.routeTableId());
        String ca = new Admin(endpoint).caPem();
        S3Client reader = new Workload(readers.instanceA(), lv.proxyAddress(), ca).s3(true);
        reader.createBucket(r -> r.bucket(bucket));
        var a = net.describeInstance(vpc.instanceA()).networkInterfaces().get(0);
        String eniB = net.describeInstance(vpc.instanceB()).networkInterfaces().get(0).networkInterfaceId();
        return new World(net, vpc, reader, new Workload(vpc.instanceA(), lv.proxyAddress(), ca), a.networkInterfaceId(), a.privateIpAddress(), eniB, bucket);
    }

    private static String createS3FlowLog(Ec2Client ec2, Consumer<software.amazon.awssdk.services.ec2.model.CreateFlowLogsRequest.Builder> more) {
        CreateFlowLogsResponse r = ec2.createFlowLogs(b -> {
            b.logDestinationType(LogDestinationType.S3);
            more.accept(b);
        });
        assertEquals(List.of(), r.unsuccessful(), "nothing refused");
        assertEquals(1, r.flowLogIds().size());
        return r.flowLogIds().get(0);
    }

    /** One HTTPS request to S3 through the proxy on a socket of our own; returns the port the proxy saw it from. */
    private static int acceptedConnection(Workload w) throws Exception {
        Workload.SocksReply reply = w.socks5(DataPlaneTest.S3_HOST, 443);
        assertEquals(0, reply.code(), "the gateway endpoint lets it through");
        int port = reply.socket().getLocalPort();
        try (Socket tunnel = reply.socket(); SSLSocket tls = w.tls(tunnel, DataPlaneTest.S3_HOST, 443)) {
            Workload.roundTrip(tls, DataPlaneTest.S3_HOST);
        }
        return port;
    }

    private static void refusedConnection(Workload w) throws Exception {
        assertTrue(w.socks5(UNROUTED, 443).code() != 0, "no route to " + UNROUTED);
    }

    /** The console's record of the VPC's flows once every one has closed (bytes are final then). */
    private static List<JsonNode> closedFlows(Admin admin, String vpcId, int expected) throws InterruptedException {
        for (int i = 0; ; i++) {
            List<JsonNode> flows = new ArrayList<>();
            admin.flows(ACCOUNT, "vpc=" + vpcId).get("flows").forEach(flows::add);
            if (flows.size() == expected && flows.stream().allMatch(f -> f.get("state").asText().equals("closed"))) return flows;
            if (i > 200) throw new AssertionError("flows did not close: " + flows);
            Thread.sleep(25);
        }
    }

    private static JsonNode withVerdict(List<JsonNode> flows, String verdict) {
        return flows.stream().filter(f -> f.get("verdict").asText().equals(verdict)).findFirst().orElseThrow();
    }

    /** The records with start and end (fields 10 and 11 of the default format) checked and taken out, sorted. */
    private static List<String> withoutTimes(List<List<String>> records, long notBefore, long notAfter) {
        List<String> out = new ArrayList<>();
        for (List<String> r : records) {
            long start = Long.parseLong(r.get(10));
            long end = Long.parseLong(r.get(11));
            assertTrue(notBefore <= start && start <= end && end <= notAfter, "times " + r + " within " + notBefore + ".." + notAfter);
            List<String> rest = new ArrayList<>(r);
            rest.remove(11);
            rest.remove(10);
            out.add(String.join(" ", rest));
        }
        out.sort(null);
        return out;
    }

    private static List<String> sorted(String... records) {
        List<String> l = new ArrayList<>(List.of(records));
        l.sort(null);
        return l;
    }

    @Test
    void acceptedAndRefusedConnectionsAreExactlyTheRecordsInTheBucket(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        World w = world(ec2, lv, endpoint, "10.93", "flow-logs-exact");
        Admin admin = new Admin(endpoint);
        String all = createS3FlowLog(ec2, b -> b.resourceIds(w.vpc().vpcId()).resourceType(FlowLogsResourceType.VPC).trafficType(TrafficType.ALL)
                .logDestination("arn:aws:s3:::" + w.bucket() + "/all"));
        String accepts = createS3FlowLog(ec2, b -> b.resourceIds(w.vpc().vpcId()).resourceType(FlowLogsResourceType.VPC)
                .trafficType(TrafficType.ACCEPT).logDestination("arn:aws:s3:::" + w.bucket() + "/accept"));
        String rejects = createS3FlowLog(ec2, b -> b.resourceIds(w.vpc().vpcId()).resourceType(FlowLogsResourceType.VPC)
                .trafficType(TrafficType.REJECT).logDestination("arn:aws:s3:::" + w.bucket() + "/reject"));
        long t0 = System.currentTimeMillis() / 1000;

        int port = acceptedConnection(w.a());
        refusedConnection(w.a());
        List<JsonNode> flows = closedFlows(admin, w.vpc().vpcId(), 2);
        assertTrue(admin.flushFlowLogs() >= 3, "an object for each flow log (and for those of other tests on this server)");
        long t1 = System.currentTimeMillis() / 1000 + 1;

        JsonNode ok = withVerdict(flows, "ACCEPT");
        String s3Ip = ok.get("destination").get("address").asText();
        long out = ok.get("bytesOut").asLong();
        long in = ok.get("bytesIn").asLong();
        assertTrue(out > 0 && in > 0, ok.toString());
        String p = String.valueOf(port);
        String egress = "2 " + ACCOUNT + " " + w.eniA() + " " + w.ipA() + " " + s3Ip + " " + p + " 443 6 "
                + FlowLogTestKit.packets(out, in, true) + " " + out + " ACCEPT OK";
        String ingress = "2 " + ACCOUNT + " " + w.eniA() + " " + s3Ip + " " + w.ipA() + " 443 " + p + " 6 "
                + FlowLogTestKit.packets(in, out, false) + " " + in + " ACCEPT OK";
        // the proxy refuses before the workload's connection is handed on, so its port is not known: 0
        String reject = "2 " + ACCOUNT + " " + w.eniA() + " " + w.ipA() + " " + UNROUTED + " 0 443 6 1 0 REJECT OK";
        String quiet = "2 " + ACCOUNT + " " + w.eniB() + " - - - - - - - - NODATA";

        List<String> defaultHeader = List.of("version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol",
                "packets", "bytes", "start", "end", "action", "log-status");
        for (String[] expected : new String[][]{{all, "all/", egress, ingress, reject, quiet}, {accepts, "accept/", egress, ingress, quiet},
                {rejects, "reject/", reject, quiet}}) {
            List<FlowLogTestKit.Delivered> objects = FlowLogTestKit.read(w.reader(), w.bucket(), expected[1]);
            assertEquals(1, objects.size(), expected[1] + ": " + objects);
            FlowLogTestKit.Delivered d = objects.get(0);
            assertTrue(d.key().startsWith(expected[1]) && KEY.matcher(d.key().substring(expected[1].length())).matches(), d.key());
            assertTrue(d.key().contains("_" + expected[0] + "_"), d.key());
            assertEquals(defaultHeader, d.header());
            String[] records = java.util.Arrays.copyOfRange(expected, 2, expected.length);
            assertEquals(sorted(records), withoutTimes(d.records(), t0, t1), expected[1]);
        }

        // deleting stops delivery: the next connection and flush write nothing for the deleted flow log
        assertEquals(List.of(), ec2.deleteFlowLogs(r -> r.flowLogIds(all)).unsuccessful());
        acceptedConnection(w.a());
        closedFlows(admin, w.vpc().vpcId(), 3);
        admin.flushFlowLogs();
        assertEquals(1, FlowLogTestKit.read(w.reader(), w.bucket(), "all/").size(), "nothing more for a deleted flow log");
        assertEquals(2, FlowLogTestKit.read(w.reader(), w.bucket(), "accept/").size(), "the others go on");
    }

    @Test
    void subnetAndInterfaceFlowLogsWithACustomFormatSeeTheEndpointsInterface(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.95");
        var vpce = net.s3InterfaceEndpoint(vpc.vpcId(), List.of(vpc.subnetA()));
        String endpointEni = vpce.networkInterfaceIds().get(0);
        String endpointIp = net.describeEni(endpointEni).privateIpAddress();
        String zoneA = net.zoneIdOf(vpc.subnetA());
        Layouts.PrivateVpc readers = net.privateVpc("10.198");
        net.s3GatewayEndpoint(readers.vpcId(), readers.routeTableId());
        String ca = new Admin(endpoint).caPem();
        S3Client reader = new Workload(readers.instanceA(), lv.proxyAddress(), ca).s3(true);
        reader.createBucket(r -> r.bucket("flow-logs-custom"));
        var eniA = net.describeInstance(vpc.instanceA()).networkInterfaces().get(0);

        String format = "${version} ${vpc-id} ${subnet-id} ${instance-id} ${interface-id} ${srcaddr} ${dstaddr} ${pkt-srcaddr} ${pkt-dstaddr} "
                + "${tcp-flags} ${type} ${region} ${az-id} ${flow-direction} ${traffic-path} ${pkt-dst-aws-service} ${action} ${log-status}";
        String subnetLog = createS3FlowLog(ec2, b -> b.resourceIds(vpc.subnetA()).resourceType(FlowLogsResourceType.SUBNET).trafficType(TrafficType.ALL)
                .logDestination("arn:aws:s3:::flow-logs-custom/subnet").logFormat(format).maxAggregationInterval(60));
        String eniLog = createS3FlowLog(ec2, b -> b.resourceIds(endpointEni).resourceType(FlowLogsResourceType.NETWORK_INTERFACE)
                .trafficType(TrafficType.ALL).logDestination("arn:aws:s3:::flow-logs-custom/eni").logFormat(format)
                .destinationOptions(o -> o.fileFormat(DestinationFileFormat.PLAIN_TEXT).hiveCompatiblePartitions(true).perHourPartition(true)));
        FlowLog described = ec2.describeFlowLogs(r -> r.flowLogIds(subnetLog)).flowLogs().get(0);
        assertEquals(format, described.logFormat());
        assertEquals(60, described.maxAggregationInterval());

        Workload a = new Workload(vpc.instanceA(), lv.proxyAddress(), ca);
        Workload.SocksReply reply = a.socks5(DataPlaneTest.S3_HOST, 443); // private DNS: the endpoint's interface
        assertEquals(0, reply.code());
        try (Socket tunnel = reply.socket(); SSLSocket tls = a.tls(tunnel, DataPlaneTest.S3_HOST, 443)) {
            Workload.roundTrip(tls, DataPlaneTest.S3_HOST);
        }
        closedFlows(new Admin(endpoint), vpc.vpcId(), 1);
        new Admin(endpoint).flushFlowLogs();

        String tail = " IPv4 us-east-1 " + zoneA + " ";
        String fromInstance = "5 " + vpc.vpcId() + " " + vpc.subnetA() + " " + vpc.instanceA() + " " + eniA.networkInterfaceId() + " ";
        String atEndpoint = "5 " + vpc.vpcId() + " " + vpc.subnetA() + " - " + endpointEni + " ";
        String ip = eniA.privateIpAddress();
        String instanceOut = fromInstance + ip + " " + endpointIp + " " + ip + " " + endpointIp + " 3" + tail + "egress 1 - ACCEPT OK";
        String instanceIn = fromInstance + endpointIp + " " + ip + " " + endpointIp + " " + ip + " 19" + tail + "ingress - - ACCEPT OK";
        String endpointIn = atEndpoint + ip + " " + endpointIp + " " + ip + " " + endpointIp + " 3" + tail + "ingress - - ACCEPT OK";
        String endpointOut = atEndpoint + endpointIp + " " + ip + " " + endpointIp + " " + ip + " 19" + tail + "egress 1 - ACCEPT OK";

        List<FlowLogTestKit.Delivered> subnet = FlowLogTestKit.read(reader, "flow-logs-custom", "subnet/");
        assertEquals(1, subnet.size());
        assertEquals(List.of(format.replace("${", "").replace("}", "").split(" ")), subnet.get(0).header());
        assertEquals(sorted(instanceOut, instanceIn, endpointIn, endpointOut), sorted(subnet.get(0).records()));

        List<FlowLogTestKit.Delivered> eni = FlowLogTestKit.read(reader, "flow-logs-custom", "eni/");
        assertEquals(1, eni.size());
        assertTrue(Pattern.matches("eni/AWSLogs/aws-account-id=" + ACCOUNT + "/aws-service=vpcflowlogs/aws-region=us-east-1/year=\\d{4}/month=\\d{2}/"
                + "day=\\d{2}/hour=\\d{2}/" + ACCOUNT + "_vpcflowlogs_us-east-1_" + eniLog + "_\\d{8}T\\d{4}Z_[0-9a-f]{8}\\.log\\.gz", eni.get(0).key()),
                eni.get(0).key());
        assertEquals(sorted(endpointIn, endpointOut), sorted(eni.get(0).records()));
    }

    @Test
    void aNatGatewaysInterfaceLogsBothLegsEachWay(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.97");
        String publicSubnet = net.subnet(vpc.vpcId(), "10.97.0.0/24", Layouts.ZONE_A);
        net.routeToGateway(net.routeTable(vpc.vpcId(), publicSubnet), "0.0.0.0/0", net.internetGateway(vpc.vpcId()));
        String nat = net.natGateway(publicSubnet);
        net.routeToNat(vpc.routeTableId(), "0.0.0.0/0", nat);
        var natAddress = ec2.describeNatGateways(r -> r.natGatewayIds(nat)).natGateways().get(0).natGatewayAddresses().get(0);
        String natEni = natAddress.networkInterfaceId();
        String natIp = natAddress.privateIp();
        Layouts.PrivateVpc readers = net.privateVpc("10.197");
        net.s3GatewayEndpoint(readers.vpcId(), readers.routeTableId());
        String ca = new Admin(endpoint).caPem();
        S3Client reader = new Workload(readers.instanceA(), lv.proxyAddress(), ca).s3(true);
        reader.createBucket(r -> r.bucket("flow-logs-nat"));
        createS3FlowLog(ec2, b -> b.resourceIds(natEni).resourceType(FlowLogsResourceType.NETWORK_INTERFACE).trafficType(TrafficType.ALL)
                .logDestination("arn:aws:s3:::flow-logs-nat").logFormat("${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${pkt-srcaddr} "
                        + "${pkt-dstaddr} ${flow-direction} ${traffic-path} ${bytes} ${action}"));

        Workload b = new Workload(vpc.instanceB(), lv.proxyAddress(), ca);
        int port = acceptedConnection(b);
        List<JsonNode> flows = closedFlows(new Admin(endpoint), vpc.vpcId(), 1);
        new Admin(endpoint).flushFlowLogs();
        String s3Ip = flows.get(0).get("destination").get("address").asText();
        long out = flows.get(0).get("bytesOut").asLong();
        long in = flows.get(0).get("bytesIn").asLong();
        String ipB = net.privateIpOf(vpc.instanceB());
        String p = String.valueOf(port);
        List<FlowLogTestKit.Delivered> objects = FlowLogTestKit.read(reader, "flow-logs-nat", "AWSLogs/");
        assertEquals(1, objects.size());
        // as AWS logs a NAT gateway: the workload to the gateway (pkt-dstaddr the destination), the gateway out through
        // the internet gateway, and the answer both ways back
        assertEquals(sorted(String.join(" ", natEni, ipB, natIp, p, "443", ipB, s3Ip, "ingress", "-", String.valueOf(out), "ACCEPT"),
                        String.join(" ", natEni, natIp, s3Ip, p, "443", natIp, s3Ip, "egress", "8", String.valueOf(out), "ACCEPT"),
                        String.join(" ", natEni, s3Ip, natIp, "443", p, s3Ip, natIp, "ingress", "-", String.valueOf(in), "ACCEPT"),
                        String.join(" ", natEni, natIp, ipB, "443", p, s3Ip, ipB, "egress", "1", String.valueOf(in), "ACCEPT")),
                sorted(objects.get(0).records()));
    }

    private static List<String> sorted(List<List<String>> records) {
        List<String> out = new ArrayList<>();
        for (List<String> r : records) out.add(String.join(" ", r));
        out.sort(null);
        return out;
    }

    @Test
    void createDescribeDeleteAnswerAsAwsDoes(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        World w = world(ec2, lv, endpoint, "10.96", "flow-logs-api");
        String vpc = w.vpc().vpcId();
        String arn = "arn:aws:s3:::" + w.bucket();

        CreateFlowLogsResponse first = ec2.createFlowLogs(r -> r.resourceIds(vpc, "vpc-0123456789abcdef0").resourceType(FlowLogsResourceType.VPC)
                .trafficType(TrafficType.REJECT).logDestinationType(LogDestinationType.S3).logDestination(arn).clientToken("token-1")
                .tagSpecifications(t -> t.resourceType(ResourceType.VPC_FLOW_LOG).tags(Tag.builder().key("team").value("net").build())));
        assertEquals(1, first.flowLogIds().size());
        UnsuccessfulItem unknown = first.unsuccessful().get(0);
        assertEquals("vpc-0123456789abcdef0", unknown.resourceId());
        assertEquals("InvalidVpcID.NotFound", unknown.error().code());
        String id = first.flowLogIds().get(0);
        CreateFlowLogsResponse again = ec2.createFlowLogs(r -> r.resourceIds(vpc, "vpc-0123456789abcdef0").resourceType(FlowLogsResourceType.VPC)
                .trafficType(TrafficType.REJECT).logDestinationType(LogDestinationType.S3).logDestination(arn).clientToken("token-1")
                .tagSpecifications(t -> t.resourceType(ResourceType.VPC_FLOW_LOG).tags(Tag.builder().key("team").value("net").build())));
        assertEquals(List.of(id), again.flowLogIds(), "the same client token answers the first answer again");
        CreateFlowLogsResponse duplicate = ec2.createFlowLogs(r -> r.resourceIds(vpc).resourceType(FlowLogsResourceType.VPC)
                .trafficType(TrafficType.REJECT).logDestinationType(LogDestinationType.S3).logDestination(arn));
        assertEquals("FlowLogAlreadyExists", duplicate.unsuccessful().get(0).error().code());
        CreateFlowLogsResponse noBucket = ec2.createFlowLogs(r -> r.resourceIds(vpc).resourceType(FlowLogsResourceType.VPC)
                .trafficType(TrafficType.ALL).logDestinationType(LogDestinationType.S3).logDestination("arn:aws:s3:::no-such-bucket-here"));
        assertEquals(List.of(), noBucket.flowLogIds());
        assertEquals("LogDestination: no-such-bucket-here does not exist", noBucket.unsuccessful().get(0).error().message());

        FlowLog d = ec2.describeFlowLogs(r -> r.filter(f -> f.name("resource-id").values(vpc))).flowLogs().get(0);
        assertEquals(id, d.flowLogId());
        assertEquals("REJECT", d.trafficTypeAsString());
        assertEquals("s3", d.logDestinationTypeAsString());
        assertEquals(arn, d.logDestination());
        assertEquals("ACTIVE", d.flowLogStatus());
        assertEquals("SUCCESS", d.deliverLogsStatus());
        assertEquals(600, d.maxAggregationInterval());
        assertEquals("${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} "
                + "${start} ${end} ${action} ${log-status}", d.logFormat());
        assertEquals("plain-text", d.destinationOptions().fileFormatAsString());
        assertEquals(List.of(Tag.builder().key("team").value("net").build()), d.tags());
        assertEquals(1, ec2.describeFlowLogs(r -> r.filter(f -> f.name("tag:team").values("net"))).flowLogs().size());
        assertEquals(1, ec2.describeFlowLogs(r -> r.filter(f -> f.name("traffic-type").values("REJECT"), f -> f.name("resource-id").values(vpc),
                f -> f.name("log-destination-type").values("s3"), f -> f.name("deliver-log-status").values("SUCCESS"))).flowLogs().size());
        assertEquals(0, ec2.describeFlowLogs(r -> r.filter(f -> f.name("traffic-type").values("ACCEPT"), f -> f.name("resource-id").values(vpc)))
                .flowLogs().size());
        assertEquals(1, ec2.describeFlowLogs(r -> r.filter(f -> f.name("flow-log-id").values(id))).flowLogs().size());
        assertEquals("vpc-flow-log", ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(id))).tags().get(0).resourceTypeAsString());

        assertCode(ec2, "InvalidParameterValue", r -> r.trafficType("SOME"));
        assertCode(ec2, "InvalidParameterValue", r -> r.maxAggregationInterval(30));
        assertCode(ec2, "InvalidParameter", r -> r.logFormat("${version} ${no-such-field}"));
        assertCode(ec2, "InvalidParameter", r -> r.logFormat("${version} ${srcaddr} "));
        assertCode(ec2, "InvalidParameter", r -> r.logDestination("arn:aws:sqs:us-east-1:000000000000:q"));
        assertCode(ec2, "UnsupportedOperation", r -> r.destinationOptions(o -> o.fileFormat(DestinationFileFormat.PARQUET)));
        // cloud-watch-logs and kinesis-data-firehose: AWS's checks first, then refused clearly here, where no upstream plays them
        String role = "arn:aws:iam::" + ACCOUNT + ":role/flow-logs";
        String group = "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:g";
        String stream = "arn:aws:firehose:us-east-1:" + ACCOUNT + ":deliverystream/s";
        assertCode(ec2, "InvalidParameter", r -> r.logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS).logDestination(null).logGroupName("g"));
        assertCode(ec2, "InvalidParameter", r -> r.logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS).logDestination(group).logGroupName("g")
                .deliverLogsPermissionArn(role));
        assertCode(ec2, "MissingParameter", r -> r.logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS).logDestination(null)
                .deliverLogsPermissionArn(role));
        assertCode(ec2, "InvalidParameter", r -> r.logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS).deliverLogsPermissionArn(role));
        assertCode(ec2, "InvalidParameter", r -> r.logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS).logDestination(group)
                .deliverLogsPermissionArn("arn:aws:iam::" + ACCOUNT + ":user/u"));
        assertCode(ec2, "InvalidParameter", r -> r.logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS).logDestination(null).logGroupName("g")
                .deliverLogsPermissionArn(role).destinationOptions(o -> o.perHourPartition(true)));
        assertCode(ec2, "InvalidParameter", r -> r.logDestinationType(LogDestinationType.KINESIS_DATA_FIREHOSE));
        assertCode(ec2, "InvalidParameter", r -> r.logDestinationType(LogDestinationType.KINESIS_DATA_FIREHOSE).logDestination(stream).logGroupName("g"));
        assertCode(ec2, "InvalidParameter", r -> r.logDestinationType(LogDestinationType.KINESIS_DATA_FIREHOSE)
                .logDestination("arn:aws:firehose:eu-west-1:" + ACCOUNT + ":deliverystream/s"));
        Ec2Exception noLogs = assertCode(ec2, "UnsupportedOperation", r -> r.logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS).logDestination(null)
                .logGroupName("g").deliverLogsPermissionArn(role));
        assertTrue(noLogs.awsErrorDetails().errorMessage().contains("--upstream logs=http://127.0.0.1:"), noLogs.getMessage());
        Ec2Exception noFirehose = assertCode(ec2, "UnsupportedOperation", r -> r.logDestinationType(LogDestinationType.KINESIS_DATA_FIREHOSE)
                .logDestination(stream));
        assertTrue(noFirehose.awsErrorDetails().errorMessage().contains("--upstream kinesis-firehose=http://127.0.0.1:"), noFirehose.getMessage());
        assertCode(ec2, "MissingParameter", r -> r.trafficType((String) null));

        // the flush changes state, so a page of another site cannot send it (a form post has no JSON content type)
        java.net.http.HttpResponse<String> form = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        endpoint.resolve("/_localvpc/flow-logs/flush")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("a=b")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, form.statusCode(), form.body());
        assertTrue(form.body().contains("Content-Type: application/json"), form.body());

        UnsuccessfulItem gone = ec2.deleteFlowLogs(r -> r.flowLogIds(id, "fl-0123456789abcdef0")).unsuccessful().get(0);
        assertEquals("fl-0123456789abcdef0", gone.resourceId());
        assertEquals("InvalidFlowLogId.NotFound", gone.error().code());
        assertEquals(List.of(), ec2.describeFlowLogs(r -> r.flowLogIds(id)).flowLogs());
    }

    private static Ec2Exception assertCode(Ec2Client ec2, String code, Consumer<software.amazon.awssdk.services.ec2.model.CreateFlowLogsRequest.Builder> change) {
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.createFlowLogs(r -> {
            r.resourceIds("vpc-0123456789abcdef0").resourceType(FlowLogsResourceType.VPC).trafficType(TrafficType.ALL)
                    .logDestinationType(LogDestinationType.S3).logDestination("arn:aws:s3:::flow-logs-api");
            change.accept(r);
        }));
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertTrue(e.awsErrorDetails().errorMessage().length() > 20, e.getMessage());
        return e;
    }
}
