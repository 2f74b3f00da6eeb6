package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.core.state.ResourceTypes;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Vpc;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data directory and a state export written by the release before the state schema had a version (issue 10:
 * type names were Java class names) still open, with every row intact. The fixtures under
 * {@code src/test/resources/schema0} were made by that release: its {@code state.db} as it left it, and its
 * {@code GET /_localvpc/state} answer taken just before it stopped.
 */
class StateSchemaMigrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDataDirectoryOfThePreviousReleaseOpensWithEveryRow(@TempDir Path dir) throws Exception {
        copyFixtureDatabase(dir);
        JsonNode before = fixtureExport();
        try (LocalVpc server = LocalVpc.builder().port(0).dataDir(dir).start();
             Ec2Client ec2 = LocalVpcExtension.ec2(server.endpoint(), "test", Region.US_EAST_1)) {
            assertSameRows(before, JSON.readTree(new RawEc2(server.endpoint()).get("/_localvpc/state").body()));
            Vpc legacy = ec2.describeVpcs(r -> r.filters(Filter.builder().name("tag:Name").values("legacy").build())).vpcs().get(0);
            assertEquals(2, legacy.cidrBlockAssociationSet().size());
            assertEquals(2, ec2.describeSubnets(r -> r.filters(Filter.builder().name("vpc-id").values(legacy.vpcId()).build())).subnets().size());
        }
        assertEquals(1, userVersion(dir.resolve("state.db")), "the schema version is kept in the database");
        for (String type : storedTypes(dir.resolve("state.db"))) {
            assertTrue(ResourceTypes.classOf(type).isPresent() && !type.contains("."), "a stored type name is not a stable name: " + type);
        }
        // Opening the migrated directory again changes nothing.
        try (LocalVpc again = LocalVpc.builder().port(0).dataDir(dir).start()) {
            assertSameRows(before, JSON.readTree(new RawEc2(again.endpoint()).get("/_localvpc/state").body()));
        }
    }

    @Test
    void anExportOfThePreviousReleaseImports(@TempDir Path dir) throws Exception {
        JsonNode before = fixtureExport();
        try (LocalVpc server = LocalVpc.builder().port(0).inMemory().start()) {
            RawEc2 raw = new RawEc2(server.endpoint());
            RawEc2.Reply imported = raw.postPath("/_localvpc/state", before.toString());
            assertEquals(200, imported.status(), imported.body());
            JsonNode after = JSON.readTree(raw.get("/_localvpc/state").body());
            assertEquals("localvpc-state/2", after.get("format").asText());
            assertSameRows(before, after);
        }
    }

    @Test
    void aDatabaseFromANewerReleaseIsRefusedNotMisread(@TempDir Path dir) throws Exception {
        copyFixtureDatabase(dir);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db")); Statement s = db.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalVpc.builder().port(0).dataDir(dir).start());
        assertTrue(e.getMessage().contains("newer localvpc") && e.getMessage().contains("99"), e.getMessage());
        assertEquals(99, userVersion(dir.resolve("state.db")), "a refused database is left as it was");
    }

    /** Every row of the old export is in the new one under its new type name, with every field it had. */
    private static void assertSameRows(JsonNode oldExport, JsonNode newExport) {
        Map<String, JsonNode> now = new HashMap<>();
        for (JsonNode row : newExport.get("resources")) {
            now.put(row.get("scope").asText() + " " + row.get("type").asText() + " " + row.get("id").asText(), row.get("resource"));
        }
        int rows = 0;
        for (JsonNode row : oldExport.get("resources")) {
            rows++;
            String type = ResourceTypes.fromSchema0(row.get("type").asText()).orElseThrow(() -> new AssertionError("unknown old type " + row.get("type")));
            String key = row.get("scope").asText() + " " + type + " " + row.get("id").asText();
            JsonNode resource = now.get(key);
            assertNotNull(resource, "missing after the upgrade: " + key);
            for (Iterator<Map.Entry<String, JsonNode>> it = row.get("resource").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                assertEquals(field.getValue(), resource.get(field.getKey()), key + " field " + field.getKey());
            }
        }
        assertEquals(rows, now.size(), "the upgraded state has rows the old one did not");
    }

    private static void copyFixtureDatabase(Path dir) throws Exception {
        try (InputStream in = StateSchemaMigrationTest.class.getResourceAsStream("/schema0/state.db")) {
            Files.copy(in, dir.resolve("state.db"));
        }
    }

    private static JsonNode fixtureExport() throws Exception {
        try (InputStream in = StateSchemaMigrationTest.class.getResourceAsStream("/schema0/state-export.json")) {
            JsonNode doc = JSON.readTree(in);
            assertEquals("localvpc-state/1", doc.get("format").asText());
            return doc;
        }
    }

    private static List<String> storedTypes(Path db) throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT type FROM resources")) {
            while (rs.next()) types.add(rs.getString(1));
        }
        assertTrue(types.size() >= 15, "the fixture covers most stored types: " + types);
        return types;
    }

    private static int userVersion(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }
}
