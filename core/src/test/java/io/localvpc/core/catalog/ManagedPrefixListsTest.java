package io.localvpc.core.catalog;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManagedPrefixListsTest {

    @Test
    void usEast1ListsHaveAwsRealIdsAndSnapshotCidrs() {
        AwsManagedPrefixList s3 = ManagedPrefixLists.forService("us-east-1", "com.amazonaws.us-east-1.s3").orElseThrow();
        assertEquals("pl-63a5400a", s3.id());
        assertEquals("com.amazonaws.us-east-1.s3", s3.name());
        assertTrue(s3.cidrs().containsAll(List.of("52.216.0.0/15", "54.231.0.0/16", "3.5.0.0/19", "18.34.0.0/19")), s3.cidrs().toString());
        AwsManagedPrefixList ddb = ManagedPrefixLists.find("us-east-1", "pl-02cd2c6b").orElseThrow();
        assertEquals("com.amazonaws.us-east-1.dynamodb", ddb.serviceName());
        assertTrue(ddb.cidrs().contains("3.218.180.0/22"));
    }

    @Test
    void everyRegionHasBothListsWithDistinctIds() {
        Set<String> ids = new HashSet<>();
        for (Region r : Regions.all()) {
            List<AwsManagedPrefixList> lists = ManagedPrefixLists.all(r.name());
            assertEquals(Set.of("com.amazonaws." + r.name() + ".s3", "com.amazonaws." + r.name() + ".dynamodb"),
                    Set.copyOf(lists.stream().map(AwsManagedPrefixList::name).toList()), r.name());
            for (AwsManagedPrefixList p : lists) {
                assertTrue(p.id().matches("pl-[0-9a-f]{8}"), p.id());
                assertTrue(ids.add(p.id()), p.id());
                assertTrue(!p.cidrs().isEmpty());
            }
        }
        assertTrue(ManagedPrefixLists.find("eu-west-1", "pl-63a5400a").isEmpty(), "ids are per region");
    }
}
