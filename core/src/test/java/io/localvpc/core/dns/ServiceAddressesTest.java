package io.localvpc.core.dns;

import io.localvpc.core.catalog.EndpointService;
import io.localvpc.core.catalog.EndpointServiceCatalog;
import io.localvpc.core.catalog.ManagedPrefixLists;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.net.Ipv4Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Public addresses of AWS services inside the emulated world. */
class ServiceAddressesTest {

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource({
            "us-east-1, com.amazonaws.us-east-1.s3,       s3.us-east-1.amazonaws.com",
            "us-east-1, com.amazonaws.us-east-1.dynamodb, dynamodb.us-east-1.amazonaws.com",
            "eu-west-1, com.amazonaws.eu-west-1.s3,       s3.eu-west-1.amazonaws.com",
            "eu-west-1, com.amazonaws.eu-west-1.dynamodb, dynamodb.eu-west-1.amazonaws.com",
    })
    void gatewayServicesLieInsideTheirManagedPrefixList(String region, String service, String host) {
        List<String> cidrs = ManagedPrefixLists.forService(region, service).orElseThrow().cidrs();
        ServiceAddresses.ServiceHost h = ServiceAddresses.forName(region, host).orElseThrow();
        assertEquals(service, h.serviceName());
        assertFalse(h.addresses().isEmpty());
        for (String a : h.addresses()) {
            long ip = Ipv4.parse(a);
            assertTrue(cidrs.stream().anyMatch(c -> Ipv4Cidr.parse(c).orElseThrow().contains(ip)), a + " not in " + cidrs);
        }
    }

    @Test
    void s3InUsEast1IsInsidePl63a5400a() {
        assertEquals("pl-63a5400a", ManagedPrefixLists.forService("us-east-1", "com.amazonaws.us-east-1.s3").orElseThrow().id());
    }

    @ParameterizedTest
    @CsvSource({
            "us-east-1, sqs.us-east-1.amazonaws.com",
            "us-east-1, s3.us-east-1.amazonaws.com",
            "us-east-1, my.bucket.s3.us-east-1.amazonaws.com",
            "us-east-1, DYNAMODB.us-east-1.amazonaws.com",
            "us-east-1, api.ecr.us-east-1.amazonaws.com",
            "ap-southeast-2, sts.ap-southeast-2.amazonaws.com",
    })
    void forNameAndAtAddressRoundTrip(String region, String host) {
        ServiceAddresses.ServiceHost h = ServiceAddresses.forName(region, host).orElseThrow();
        for (String a : h.addresses()) {
            assertEquals(h, ServiceAddresses.atAddress(region, Ipv4.parse(a)).orElseThrow(), a);
        }
    }

    @Test
    void unknownNamesAndAddresses() {
        assertTrue(ServiceAddresses.forName("us-east-1", "example.com").isEmpty());
        assertTrue(ServiceAddresses.forName("us-east-1", "s3.eu-west-1.amazonaws.com").isEmpty());
        assertTrue(ServiceAddresses.forName("us-east-1", "us-east-1.amazonaws.com").isEmpty());
        assertTrue(ServiceAddresses.atAddress("us-east-1", Ipv4.parse("8.8.8.8")).isEmpty());
    }

    @Test
    void distinctServicesGetDistinctAddresses() {
        for (String region : List.of("us-east-1", "eu-west-1")) {
            Map<String, String> owner = new HashMap<>();
            for (EndpointService s : EndpointServiceCatalog.all(region)) {
                for (String name : s.privateDnsNames()) {
                    if (name.startsWith("*.")) name = "x" + name.substring(1);
                    ServiceAddresses.ServiceHost h = ServiceAddresses.forName(region, name).orElseThrow(() -> new AssertionError(s.serviceName()));
                    for (String a : h.addresses()) {
                        String prev = owner.putIfAbsent(a, h.serviceName());
                        assertTrue(prev == null || prev.equals(h.serviceName()), a + " is both " + prev + " and " + h.serviceName());
                    }
                }
            }
            assertTrue(owner.size() > 100, "the catalog has many services in " + region);
        }
    }

    @Test
    void syntheticAddressesStayInTheSyntheticBlockAndOutOfEveryPrefixList() {
        ServiceAddresses.ServiceHost sqs = ServiceAddresses.forName("us-east-1", "sqs.us-east-1.amazonaws.com").orElseThrow();
        for (String a : sqs.addresses()) assertTrue(ServiceAddresses.SYNTHETIC_BLOCK.contains(Ipv4.parse(a)), a);
    }
}
