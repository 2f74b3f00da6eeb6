package io.localvpc.core.dns;

import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.path.PathWorld;
import io.localvpc.core.path.ZoneFaults;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every public name of the SDK data resolves to its service's public addresses (legacy, global, FIPS, dual-stack,
 * virtual-hosted S3), and an interface endpoint's private DNS covers only the names AWS documents it covers.
 */
class PublicNamesTest {
    private static final String SQS = "com.amazonaws.us-east-1.sqs";

    private final PathWorld w = new PathWorld();
    private final ZoneFaults faults = new ZoneFaults();
    private final Vpc vpc = w.vpc("10.0.0.0/16");
    private final Subnet subnet = w.subnet(vpc, "10.0.1.0/24", "us-east-1a");

    private DnsAnswer.Addresses resolve(String name) {
        DnsAnswer a = VpcDns.resolve(w.view(), vpc.id(), name, faults);
        return assertInstanceOf(DnsAnswer.Addresses.class, a, () -> name + ": " + a);
    }

    private static List<String> publicAddresses(String region, String regionalName) {
        return ServiceAddresses.forName(region, regionalName).orElseThrow().addresses();
    }

    @Test
    void legacyGlobalAndVariantNamesAnswerWithTheirServicesAddresses() {
        List<String> sqs = publicAddresses("us-east-1", "sqs.us-east-1.amazonaws.com");
        for (String name : List.of("queue.amazonaws.com", "sqs.us-east-1.api.aws", "sqs-fips.us-east-1.amazonaws.com")) {
            assertEquals(sqs, resolve(name).addresses(), name);
        }
        List<String> s3 = publicAddresses("us-east-1", "s3.us-east-1.amazonaws.com");
        for (String name : List.of("s3.amazonaws.com", "s3-external-1.amazonaws.com", "reports.s3-external-1.amazonaws.com",
                "s3.dualstack.us-east-1.amazonaws.com", "reports.s3.dualstack.us-east-1.amazonaws.com", "s3-fips.us-east-1.amazonaws.com",
                "reports.s3.amazonaws.com")) {
            assertEquals(s3, resolve(name).addresses(), name);
        }
        assertEquals(publicAddresses("us-east-1", "sts.us-east-1.amazonaws.com"), resolve("sts.amazonaws.com").addresses());
        // A service that is no endpoint service still has its public names (IAM's is global).
        assertTrue(resolve("iam.amazonaws.com").source().startsWith("iam.amazonaws.com is IAM's global public name"));
        assertEquals("queue.amazonaws.com is SQS's legacy public name (" + SQS + ")", resolve("queue.amazonaws.com").source());
        // Names of another region are that region's: us-west-2's legacy SQS name is not us-east-1's.
        assertEquals(publicAddresses("us-west-2", "sqs.us-west-2.amazonaws.com"),
                ServiceAddresses.forName("us-west-2", "us-west-2.queue.amazonaws.com").orElseThrow().addresses());
    }

    @Test
    void anInterfaceEndpointsPrivateDnsCoversTheRegionalNameOnly() {
        var e = w.interfaceEndpoint(vpc, SQS, List.of(subnet), List.of(), true);
        w.settle();
        assertTrue(resolve("sqs.us-east-1.amazonaws.com").insideVpc());
        DnsAnswer.Addresses legacy = resolve("queue.amazonaws.com");
        assertEquals(publicAddresses("us-east-1", "sqs.us-east-1.amazonaws.com"), legacy.addresses());
        assertEquals("queue.amazonaws.com is SQS's legacy public name (" + SQS + "); the private DNS of " + e.id()
                + " covers sqs.us-east-1.amazonaws.com", legacy.source());
        assertTrue(!resolve("sqs-fips.us-east-1.amazonaws.com").insideVpc());
    }

    @Test
    void anApiGatewayEndpointsPrivateDnsCoversEveryApisName() {
        assertTrue(!resolve("a1b2c3d4e5.execute-api.us-east-1.amazonaws.com").insideVpc(), "without the endpoint: the public address");
        w.interfaceEndpoint(vpc, "com.amazonaws.us-east-1.execute-api", List.of(subnet), List.of(), true);
        w.settle();
        assertTrue(resolve("a1b2c3d4e5.execute-api.us-east-1.amazonaws.com").insideVpc());
    }
}
