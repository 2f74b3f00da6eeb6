package io.localvpc.core.ops;

import io.localvpc.core.catalog.EndpointService;
import io.localvpc.core.model.DnsEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointDnsNamesTest {
    private static final EndpointService SQS = new EndpointService("com.amazonaws.us-east-1.sqs", "sqs", "us-east-1", "vpce-svc-1",
            Set.of("Interface"), List.of("sqs.us-east-1.amazonaws.com"), List.of("us-east-1a", "us-east-1b"), true, false);
    private static final EndpointService ECR_API = new EndpointService("com.amazonaws.eu-west-1.ecr.api", "ecr.api", "eu-west-1", "vpce-svc-2",
            Set.of("Interface"), List.of("api.ecr.eu-west-1.amazonaws.com"), List.of("eu-west-1a"), true, false);
    private static final EndpointService S3 = new EndpointService("com.amazonaws.us-east-1.s3", "s3", "us-east-1", "vpce-svc-3",
            Set.of("Interface", "Gateway"), List.of("s3.us-east-1.amazonaws.com", "*.s3.us-east-1.amazonaws.com"), List.of("us-east-1a"), true, false);

    @Test
    void regionalThenZonalThenPrivateNames() {
        List<DnsEntry> e = EndpointDnsNames.entries("vpce-0123456789abcdef0", "ab12cd34", SQS, List.of("us-east-1b", "us-east-1a"), true, "ZPRIVATE");
        assertEquals(List.of(
                new DnsEntry("vpce-0123456789abcdef0-ab12cd34.sqs.us-east-1.vpce.amazonaws.com", "Z7HUB22UULQXV"),
                new DnsEntry("vpce-0123456789abcdef0-ab12cd34-us-east-1a.sqs.us-east-1.vpce.amazonaws.com", "Z7HUB22UULQXV"),
                new DnsEntry("vpce-0123456789abcdef0-ab12cd34-us-east-1b.sqs.us-east-1.vpce.amazonaws.com", "Z7HUB22UULQXV"),
                new DnsEntry("sqs.us-east-1.amazonaws.com", "ZPRIVATE")), e);
    }

    @Test
    void multiPartNamesAreReversedAndRegionZoneIsUsed() {
        List<DnsEntry> e = EndpointDnsNames.entries("vpce-0123456789abcdef0", "zzzzzzzz", ECR_API, List.of("eu-west-1a"), false, "ZP");
        assertEquals(2, e.size());
        assertEquals("vpce-0123456789abcdef0-zzzzzzzz.api.ecr.eu-west-1.vpce.amazonaws.com", e.get(0).dnsName());
        assertEquals("Z38GZ743OKFT7T", e.get(0).hostedZoneId());
    }

    @Test
    void wildcardServicesGetWildcardVpceNames() {
        List<DnsEntry> e = EndpointDnsNames.entries("vpce-0123456789abcdef0", "9hnenorg", S3, List.of("us-east-1a"), true, "ZP");
        assertEquals("*.vpce-0123456789abcdef0-9hnenorg.s3.us-east-1.vpce.amazonaws.com", e.get(0).dnsName());
        assertEquals("*.vpce-0123456789abcdef0-9hnenorg-us-east-1a.s3.us-east-1.vpce.amazonaws.com", e.get(1).dnsName());
        assertEquals("*.s3.us-east-1.amazonaws.com", e.get(3).dnsName());
    }

    @Test
    void tokensAndZoneIdsLookLikeAws() {
        assertTrue(EndpointDnsNames.newToken().matches("[a-z0-9]{8}"));
        assertTrue(EndpointDnsNames.newPrivateHostedZoneId().matches("Z[A-Z0-9]{20}"));
    }
}
