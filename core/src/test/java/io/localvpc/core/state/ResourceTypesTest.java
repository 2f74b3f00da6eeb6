package io.localvpc.core.state;

import io.localvpc.core.model.Vpc;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stored type names are a fixed table, not Java class names, so renaming a record keeps data readable (issue 10). */
class ResourceTypesTest {

    @Test
    void storedNamesAreNotClassNames() {
        for (String name : ResourceTypes.names()) {
            Class<? extends Resource> type = ResourceTypes.classOf(name).orElseThrow();
            assertEquals(name, ResourceTypes.nameOf(type));
            assertEquals(name, ResourceCodec.typeKey(type));
            assertFalse(name.contains("."), name + " looks like a class name");
        }
        assertEquals("vpc", ResourceCodec.typeKey(Vpc.class));
    }

    @Test
    void everyNameOfSchema0MapsToOneStoredType() {
        Set<String> targets = new HashSet<>();
        for (var e : ResourceTypes.schema0Names().entrySet()) {
            assertTrue(ResourceTypes.classOf(e.getValue()).isPresent(), e.toString());
            assertTrue(targets.add(e.getValue()), "two schema-0 names map to " + e.getValue());
        }
        Set<String> all = new HashSet<>();
        ResourceTypes.names().forEach(all::add);
        // types added after schema 0 need no entry there; every other stored type needs one
        all.removeAll(Set.of("network-insights-path", "network-insights-analysis", "iam-user", "iam-access-key", "iam-role", "iam-policy",
                "iam-instance-profile", "sts-session", "iam-instance-profile-association", "instance-settings", "instance-metadata-options", "vpc-flow-log",
                "load-balancer", "target-group", "listener", "vpc-endpoint-service", "vpc-endpoint-service-permission", "vpc-endpoint-connection-notification"));
        assertEquals(all, targets, "every stored type but those added later existed in schema 0");
    }

    @Test
    void aTypeOutsideTheTableCannotBeStored() {
        record Unlisted(String id) implements Resource {
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResourceTypes.nameOf(Unlisted.class));
        assertTrue(e.getMessage().contains("ResourceTypes"), e.getMessage());
    }

    @Test
    void rowsAreReadByTheirStoredName() {
        Vpc vpc = new Vpc("vpc-1", "000000000000", java.util.List.of(), "default", false, true, false, null, java.time.Instant.EPOCH);
        assertEquals(vpc, ResourceCodec.fromJson("vpc", ResourceCodec.toJson(vpc)));
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> ResourceCodec.fromJson("io.localvpc.core.model.Vpc", ResourceCodec.toJson(vpc)));
        assertTrue(unknown.getMessage().contains("unknown"), unknown.getMessage());
    }
}
