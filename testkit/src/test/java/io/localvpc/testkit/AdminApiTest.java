package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalVpcExtension.class)
class AdminApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthNamesEveryPort(URI endpoint, LocalVpc server) throws Exception {
        RawEc2.Reply r = new RawEc2(endpoint).get("/_localvpc/health");
        assertEquals(200, r.status());
        JsonNode h = JSON.readTree(r.body());
        assertEquals("running", h.get("status").asText());
        assertEquals(LocalVpc.version(), h.get("version").asText());
        assertTrue(h.get("uptimeSeconds").asLong() >= 0);
        assertEquals(server.port(), h.get("ports").get("api").asInt());
        assertEquals("memory", h.get("persistence").asText());
    }

    @Test
    void exportImportAndReset(URI endpoint, Ec2Client ec2) throws Exception {
        RawEc2 raw = new RawEc2(endpoint);
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String exported = raw.get("/_localvpc/state").body();
        assertTrue(exported.contains(vpcId));

        assertEquals(200, raw.postPath("/_localvpc/reset", "").status());
        assertThrows(Ec2Exception.class, () -> ec2.describeVpcs(r -> r.vpcIds(vpcId)));
        assertEquals(1, ec2.describeVpcs().vpcs().size(), "a reset region comes back with just its default VPC");

        RawEc2.Reply imported = raw.postPath("/_localvpc/state", exported);
        assertEquals(200, imported.status(), imported.body());
        assertEquals(vpcId, ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0).vpcId());
        assertEquals(exported, raw.get("/_localvpc/state").body());
    }

    @Test
    void badImportChangesNothing(URI endpoint, Ec2Client ec2) {
        RawEc2 raw = new RawEc2(endpoint);
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String before = raw.get("/_localvpc/state").body();
        RawEc2.Reply notJson = raw.postPath("/_localvpc/state", "not json");
        assertEquals(400, notJson.status());
        RawEc2.Reply badRow = raw.postPath("/_localvpc/state",
                "{\"format\":\"localvpc-state/1\",\"resources\":[{\"scope\":\"000000000000/us-east-1\",\"type\":\"java.lang.String\",\"id\":\"x\",\"resource\":{}}]}");
        assertEquals(400, badRow.status(), badRow.body());
        assertTrue(badRow.body().contains("resources[0]"), badRow.body());
        assertEquals(before, raw.get("/_localvpc/state").body());
        assertEquals(vpcId, ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0).vpcId());
    }

    @Test
    void unknownAdminPathIs404WithHint(URI endpoint) {
        RawEc2.Reply r = new RawEc2(endpoint).get("/_localvpc/nope");
        assertEquals(404, r.status());
        assertTrue(r.body().contains("/_localvpc/health"), r.body());
    }
}
