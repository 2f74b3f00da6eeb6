package io.localvpc.core.catalog;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointServiceCatalogTest {

    @Test
    void sqsIsAnInterfaceServiceWithItsRegionalHostname() {
        EndpointService sqs = EndpointServiceCatalog.find("us-east-1", "com.amazonaws.us-east-1.sqs").orElseThrow();
        assertEquals(Set.of("Interface"), sqs.types());
        assertEquals(List.of("sqs.us-east-1.amazonaws.com"), sqs.privateDnsNames());
        assertEquals("sqs.us-east-1.vpce.amazonaws.com", sqs.baseEndpointDnsName("Interface"));
        assertEquals(Regions.require("us-east-1").zones().size(), sqs.availabilityZones().size());
        assertTrue(sqs.serviceId().matches("vpce-svc-[0-9a-f]{17}"), sqs.serviceId());
    }

    @Test
    void s3AndDynamoDbOfferBothTypesWithDistinctIds() {
        for (String name : List.of("s3", "dynamodb")) {
            EndpointService s = EndpointServiceCatalog.find("eu-west-1", "com.amazonaws.eu-west-1." + name).orElseThrow();
            assertEquals(List.of("Gateway", "Interface"), s.typesInOrder());
            assertNotEquals(s.serviceId("Gateway"), s.serviceId("Interface"));
            assertEquals(List.of(), s.privateDnsNames("Gateway"));
        }
        EndpointService s3 = EndpointServiceCatalog.find("us-east-1", "com.amazonaws.us-east-1.s3").orElseThrow();
        assertEquals(List.of("s3.us-east-1.amazonaws.com", "*.s3.us-east-1.amazonaws.com"), s3.privateDnsNames("Interface"));
        EndpointService express = EndpointServiceCatalog.find("us-east-1", "com.amazonaws.us-east-1.s3express").orElseThrow();
        assertEquals(Set.of("Gateway"), express.types());
    }

    @Test
    void multiPartNamesUseReversedDnsLabels() {
        EndpointService dkr = EndpointServiceCatalog.find("us-west-2", "com.amazonaws.us-west-2.ecr.dkr").orElseThrow();
        assertEquals(List.of("dkr.ecr.us-west-2.amazonaws.com"), dkr.privateDnsNames());
        assertEquals("dkr.ecr.us-west-2.vpce.amazonaws.com", dkr.baseEndpointDnsName("Interface"));
    }

    @Test
    void regionalAvailabilityFollowsTheData() {
        // S3 Express One Zone exists in a handful of regions only; a global service only where its endpoint lives.
        assertTrue(EndpointServiceCatalog.find("sa-east-1", "com.amazonaws.sa-east-1.s3express").isEmpty());
        assertTrue(EndpointServiceCatalog.find("us-east-1", "com.amazonaws.us-east-1.organizations").isPresent());
        assertTrue(EndpointServiceCatalog.find("eu-west-1", "com.amazonaws.eu-west-1.organizations").isEmpty());
        assertTrue(EndpointServiceCatalog.all("us-east-1").size() > EndpointServiceCatalog.all("af-south-1").size());
    }

    @Test
    void everyRegionHasACatalogWithStableUniqueIdsInNameOrder() {
        Set<String> ids = new HashSet<>();
        for (Region r : Regions.all()) {
            List<EndpointService> all = EndpointServiceCatalog.all(r.name());
            assertFalse(all.isEmpty(), r.name());
            for (int i = 1; i < all.size(); i++) assertTrue(all.get(i - 1).serviceName().compareTo(all.get(i).serviceName()) < 0);
            for (EndpointService s : all) {
                assertEquals(r.name(), s.region());
                assertTrue(s.serviceName().startsWith("com.amazonaws." + r.name() + "."));
                for (String t : s.types()) assertTrue(ids.add(s.serviceId(t)), s.serviceId(t));
            }
        }
        assertEquals(EndpointServiceCatalog.all("us-east-1"), EndpointServiceCatalog.all("us-east-1"));
    }
}
