package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /_localvpc/state} checks the whole document before it touches the state (issue 10, item 6): every
 * fault answers 400 naming the row and what is wrong, and the state stays exactly as it was; and a failure
 * while the checked state is being written leaves the old state, in memory and on disk.
 */
class StateImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LocalVpc server;
    private RawEc2 raw;
    private String vpcId;
    private String subnetId;
    private String before;

    @BeforeEach
    void network() {
        server = LocalVpc.builder().port(0).dataDir(dir).start();
        raw = new RawEc2(server.endpoint());
        try (Ec2Client ec2 = LocalVpcExtension.ec2(server.endpoint(), "test", Region.US_EAST_1)) {
            vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
            String group = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("web").description("web")).groupId();
            ec2.createNetworkInterface(r -> r.subnetId(subnetId).groups(group));
        }
        before = raw.get("/_localvpc/state").body();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void resourcesThatAreNotAnArray() {
        assertRefused("{\"format\":\"localvpc-state/2\",\"resources\":\"abc\"}", "\"resources\" must be an array", "string");
        assertRefused("{\"format\":\"localvpc-state/2\"}", "\"resources\" must be an array", "missing");
        assertRefused("[]", "JSON object");
        assertRefused("", "JSON object");
        assertRefused("{\"format\":\"localvpc-state/9\",\"resources\":[]}", "\"format\"");
    }

    @Test
    void aNullRowOrANullResource() {
        assertRefused(edit(rows -> rows.insertNull(1)), "resources[1] is null");
        assertRefused(edit(rows -> rows.add(7)), "resources[" + count() + "] is not an object");
        int subnet = index("subnet", subnetId);
        assertRefused(edit(rows -> ((ObjectNode) rows.get(subnet)).putNull("resource")), "resources[" + subnet + "]", "\"resource\" must be an object");
    }

    @Test
    void anInvalidCidr() {
        int vpc = index("vpc", vpcId);
        assertRefused(edit(rows -> ((ObjectNode) rows.get(vpc).get("resource").get("cidrs").get(0)).put("cidrBlock", "999.0.0.0/99")),
                "resources[" + vpc + "] (vpc " + vpcId, "999.0.0.0/99", "not an IPv4 CIDR");
        int subnet = index("subnet", subnetId);
        assertRefused(edit(rows -> ((ObjectNode) rows.get(subnet).get("resource")).put("cidrBlock", "10.0.1.0")),
                "resources[" + subnet + "] (subnet " + subnetId, "not an IPv4 CIDR");
    }

    @Test
    void unknownScopes() {
        int subnet = index("subnet", subnetId);
        assertRefused(edit(rows -> ((ObjectNode) rows.get(subnet)).put("scope", "12345/us-east-1")), "resources[" + subnet + "]", "12 digits");
        assertRefused(edit(rows -> ((ObjectNode) rows.get(subnet)).put("scope", "00000000000a/us-east-1")), "12 digits");
        assertRefused(edit(rows -> ((ObjectNode) rows.get(subnet)).put("scope", "000000000000/mars-north-1")), "mars-north-1", "not a region");
        assertRefused(edit(rows -> ((ObjectNode) rows.get(subnet)).put("scope", "000000000000")), "\"<account>/<region>\"");
        assertRefused(edit(rows -> ((ObjectNode) rows.get(subnet)).put("scope", 7)), "\"<account>/<region>\"");
    }

    @Test
    void aSubnetWithoutItsVpcOrOutsideItsCidrs() {
        int vpc = index("vpc", vpcId);
        int subnet = index("subnet", subnetId);
        assertRefused(edit(rows -> ((ObjectNode) rows.get(subnet).get("resource")).put("vpcId", "vpc-0000000000000dead")),
                "resources[" + subnet + "] (subnet " + subnetId, "VPC vpc-0000000000000dead is not in the document");
        assertRefused(edit(rows -> ((ObjectNode) rows.get(subnet).get("resource")).put("cidrBlock", "10.9.1.0/24")),
                "resources[" + subnet + "]", "outside the CIDRs of its VPC " + vpcId, "10.0.0.0/16");
        assertRefused(edit(rows -> ((ObjectNode) rows.get(subnet).get("resource")).put("availabilityZone", "eu-west-1a")),
                "resources[" + subnet + "]", "not a zone of us-east-1");
        // The VPC's row left out: the subnet (and everything else in the VPC) now points at nothing.
        assertRefused(edit(rows -> rows.remove(vpc)), "VPC " + vpcId + " is not in the document");
    }

    @Test
    void referencesToMissingResources() {
        int eni = indexOfType("network-interface");
        assertRefused(edit(rows -> ((ArrayNode) rows.get(eni).get("resource").get("groupIds")).add("sg-0000000000000dead")),
                "resources[" + eni + "] (network-interface", "security group sg-0000000000000dead is not in the document");
        int subnet = index("subnet", subnetId);
        assertRefused(edit(rows -> rows.remove(subnet)), "subnet " + subnetId + " is not in the document");
        // A reference of the wrong type.
        assertRefused(edit(rows -> ((ObjectNode) rows.get(eni).get("resource")).put("subnetId", vpcId)), "is resources[", "not a subnet");
    }

    @Test
    void duplicateRowsAndIds() {
        int subnet = index("subnet", subnetId);
        assertRefused(edit(rows -> rows.add(rows.get(subnet).deepCopy())), "duplicates resources[" + subnet + "]");
        // The same id under two types.
        assertRefused(edit(rows -> {
            ObjectNode copy = rows.get(subnet).deepCopy();
            copy.put("type", "internet-gateway");
            copy.set("resource", JSON.createObjectNode().put("id", subnetId).put("ownerId", "000000000000"));
            rows.add(copy);
        }), "already used by resources[" + subnet + "]");
    }

    @Test
    void unknownTypesAndUnreadableResources() {
        assertRefused(edit(rows -> ((ObjectNode) rows.get(0)).put("type", "java.lang.String")), "resources[0]", "unknown type \"java.lang.String\"", "vpc, subnet");
        int vpc = index("vpc", vpcId);
        assertRefused(edit(rows -> ((ObjectNode) rows.get(vpc).get("resource")).put("cidrs", "10.0.0.0/16")), "resources[" + vpc + "] (vpc " + vpcId, "not a valid vpc");
        assertRefused(edit(rows -> ((ObjectNode) rows.get(vpc)).put("id", "vpc-other")), "resources[" + vpc + "]", "not the row's id");
    }

    /** A flow log row as an export writes it, made here (a flow log needs a bucket, which the embedded S3 of this test lacks). */
    private ObjectNode flowLogRow(ArrayNode rows, int interval, String format) {
        ObjectNode row = rows.addObject();
        row.put("scope", rows.get(index("subnet", subnetId)).get("scope").asText()).put("type", "vpc-flow-log").put("id", "fl-0123456789abcdef0");
        ObjectNode r = row.putObject("resource");
        r.put("id", "fl-0123456789abcdef0").put("ownerId", "000000000000")
                .set("createdAt", rows.get(indexOfType("network-interface")).get("resource").get("createdAt"));
        r.put("resourceId", vpcId).put("resourceType", "VPC").put("trafficType", "ALL").put("destinationType", "s3")
                .put("destination", "arn:aws:s3:::logs").put("logFormat", format).put("maxAggregationInterval", interval)
                .put("fileFormat", "plain-text").put("hiveCompatiblePartitions", false).put("perHourPartition", false);
        return row;
    }

    @Test
    void flowLogsImportAndExportAndABadOneIsRefused() throws Exception {
        assertRefused(edit(rows -> flowLogRow(rows, 30, "${version}")), "vpc-flow-log fl-0123456789abcdef0", "aggregation interval 30");
        assertRefused(edit(rows -> flowLogRow(rows, 60, "${version} ${nope}")), "vpc-flow-log fl-0123456789abcdef0", "'nope' is not a flow log field");
        assertRefused(edit(rows -> ((ObjectNode) flowLogRow(rows, 60, "${version}").get("resource")).put("destination", "arn:aws:sqs:::q")),
                "is not an S3 bucket ARN");
        String document = edit(rows -> flowLogRow(rows, 60, "${version} ${srcaddr}"));
        RawEc2.Reply ok = raw.postPath("/_localvpc/state", document);
        assertEquals(200, ok.status(), ok.body());
        try (Ec2Client ec2 = LocalVpcExtension.ec2(server.endpoint(), "test", Region.US_EAST_1)) {
            var described = ec2.describeFlowLogs(r -> { }).flowLogs();
            assertEquals(1, described.size());
            assertEquals("${version} ${srcaddr}", described.get(0).logFormat());
            assertEquals(vpcId, described.get(0).resourceId());
        }
        assertTrue(raw.get("/_localvpc/state").body().contains("\"type\":\"vpc-flow-log\""), "exported again");
    }

    @Test
    void aValidDocumentImportsAndAReplacedStateSurvivesARestart() throws Exception {
        RawEc2.Reply ok = raw.postPath("/_localvpc/state", before);
        assertEquals(200, ok.status(), ok.body());
        assertEquals(before, raw.get("/_localvpc/state").body());
        server.close();
        server = LocalVpc.builder().port(0).dataDir(dir).start();
        assertEquals(before, new RawEc2(server.endpoint()).get("/_localvpc/state").body());
    }

    @Test
    void aFailureWhileWritingTheNewStateKeepsTheOldOneInMemoryAndOnDisk() throws Exception {
        // The replacement is valid; the database refuses one of its rows half-way through writing them.
        String replacement = edit(rows -> { });
        int poisoned = index("subnet", subnetId);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db")); Statement s = db.createStatement()) {
            s.execute("CREATE TRIGGER refuse_subnet BEFORE INSERT ON resources WHEN NEW.id = '" + subnetId + "' "
                    + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        }
        assertTrue(poisoned > 0, "rows before the poisoned one are written first");
        try (Ec2Client ec2 = LocalVpcExtension.ec2(server.endpoint(), "test", Region.US_EAST_1)) {
            String eni = eniId();
            ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni));
            String changed = raw.get("/_localvpc/state").body();
            RawEc2.Reply failed = raw.postPath("/_localvpc/state", replacement);
            assertEquals(500, failed.status(), failed.body());
            assertTrue(failed.body().contains("previous state is kept"), failed.body());
            assertEquals(changed, raw.get("/_localvpc/state").body(), "in memory");
            server.close();
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db")); Statement s = db.createStatement()) {
                s.execute("DROP TRIGGER refuse_subnet");
            }
            server = LocalVpc.builder().port(0).dataDir(dir).start();
            assertEquals(changed, new RawEc2(server.endpoint()).get("/_localvpc/state").body(), "on disk");
        }
    }

    private String eniId() throws Exception {
        return JSON.readTree(before).get("resources").get(indexOfType("network-interface")).get("id").asText();
    }

    /** Posts the document, expects 400 with every fragment in the message, and the state unchanged. */
    private void assertRefused(String document, String... fragments) {
        RawEc2.Reply r = raw.postPath("/_localvpc/state", document);
        assertEquals(400, r.status(), r.body());
        String message;
        try {
            message = JSON.readTree(r.body()).get("error").asText();
        } catch (Exception e) {
            throw new AssertionError("not a JSON error: " + r.body(), e);
        }
        for (String f : fragments) assertTrue(message.contains(f), "expected '" + f + "' in: " + message);
        assertEquals(before, raw.get("/_localvpc/state").body(), "a refused import changed the state");
    }

    private String edit(Consumer<ArrayNode> change) {
        try {
            JsonNode doc = JSON.readTree(before);
            change.accept((ArrayNode) doc.get("resources"));
            return doc.toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private int count() {
        try {
            return JSON.readTree(before).get("resources").size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private int index(String type, String id) {
        try {
            JsonNode rows = JSON.readTree(before).get("resources");
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).get("type").asText().equals(type) && rows.get(i).get("id").asText().equals(id)) return i;
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no " + type + " " + id + " in " + before);
    }

    private int indexOfType(String type) {
        try {
            JsonNode rows = JSON.readTree(before).get("resources");
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).get("type").asText().equals(type)) return i;
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no " + type + " in " + before);
    }
}
