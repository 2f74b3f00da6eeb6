package io.localvpc.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.PrivateDnsDetails;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.ServiceTypeDetail;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalVpcExtension.class)
class EndpointServiceApiTest {

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Test
    void sqsIsAnInterfaceServiceWithPrivateDns(Ec2Client ec2) {
        DescribeVpcEndpointServicesResponse r = ec2.describeVpcEndpointServices(b -> b.serviceNames("com.amazonaws.us-east-1.sqs"));
        assertEquals(List.of("com.amazonaws.us-east-1.sqs"), r.serviceNames());
        ServiceDetail d = r.serviceDetails().get(0);
        assertEquals("com.amazonaws.us-east-1.sqs", d.serviceName());
        assertTrue(d.serviceId().matches("vpce-svc-[0-9a-f]{17}"), d.serviceId());
        assertEquals(List.of(ServiceTypeDetail.builder().serviceType("Interface").build()), d.serviceType());
        assertEquals("amazon", d.owner());
        assertEquals("us-east-1", d.serviceRegion());
        assertEquals(List.of("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"), d.availabilityZones());
        assertEquals(List.of("sqs.us-east-1.vpce.amazonaws.com"), d.baseEndpointDnsNames());
        assertEquals("sqs.us-east-1.amazonaws.com", d.privateDnsName());
        assertEquals(List.of(PrivateDnsDetails.builder().privateDnsName("sqs.us-east-1.amazonaws.com").build()), d.privateDnsNames());
        assertEquals("verified", d.privateDnsNameVerificationStateAsString());
        assertTrue(d.vpcEndpointPolicySupported());
        assertFalse(d.acceptanceRequired());
        assertFalse(d.managesVpcEndpoints());
        assertEquals("ServiceOwner", d.payerResponsibilityAsString());
        assertEquals(List.of("ipv4"), d.supportedIpAddressTypesAsStrings());
        assertEquals(List.of(), d.tags());
        // The same id every time: clients may cache it.
        assertEquals(d.serviceId(), ec2.describeVpcEndpointServices(b -> b.serviceNames("com.amazonaws.us-east-1.sqs")).serviceDetails().get(0).serviceId());
    }

    @Test
    void s3IsListedOncePerType(Ec2Client ec2) {
        DescribeVpcEndpointServicesResponse r = ec2.describeVpcEndpointServices(b -> b.serviceNames("com.amazonaws.us-east-1.s3"));
        assertEquals(List.of("com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.s3"), r.serviceNames());
        ServiceDetail gateway = r.serviceDetails().get(0);
        ServiceDetail iface = r.serviceDetails().get(1);
        assertEquals("Gateway", gateway.serviceType().get(0).serviceTypeAsString());
        assertEquals("Interface", iface.serviceType().get(0).serviceTypeAsString());
        assertNotEquals(gateway.serviceId(), iface.serviceId());
        assertNull(gateway.privateDnsName());
        assertEquals(List.of(), gateway.privateDnsNames());
        assertEquals(List.of("s3.us-east-1.amazonaws.com"), gateway.baseEndpointDnsNames());
        assertEquals(List.of("s3.us-east-1.amazonaws.com", "*.s3.us-east-1.amazonaws.com"),
                iface.privateDnsNames().stream().map(PrivateDnsDetails::privateDnsName).toList());
    }

    @Test
    void filtersSelectByTypeAndName(Ec2Client ec2) {
        List<String> gateways = ec2.describeVpcEndpointServices(b -> b.filters(filter("service-type", "Gateway"))).serviceNames();
        assertEquals(List.of("com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.s3express"), gateways);
        assertFalse(gateways.contains("com.amazonaws.us-east-1.ssm"));

        List<ServiceDetail> ssm = ec2.describeVpcEndpointServices(b -> b.filters(filter("service-name", "com.amazonaws.us-east-1.ssm*"),
                filter("service-type", "Interface"))).serviceDetails();
        assertEquals(List.of("com.amazonaws.us-east-1.ssm", "com.amazonaws.us-east-1.ssm-contacts", "com.amazonaws.us-east-1.ssm-incidents",
                        "com.amazonaws.us-east-1.ssmmessages"),
                ssm.stream().map(ServiceDetail::serviceName).filter(n -> !n.contains("quicksetup")).toList());
        assertEquals(0, ec2.describeVpcEndpointServices(b -> b.filters(filter("owner", "123456789012"))).serviceDetails().size());
        assertEquals(0, ec2.describeVpcEndpointServices(b -> b.filters(filter("service-region", "eu-west-1"))).serviceDetails().size());
        assertEquals(0, ec2.describeVpcEndpointServices(b -> b.filters(filter("tag:Name", "x"))).serviceDetails().size());
        assertTrue(ec2.describeVpcEndpointServices(b -> b.filters(filter("supported-ip-address-types", "ipv4"))).serviceDetails().size() > 100);
        Ec2Exception bad = assertThrows(Ec2Exception.class, () -> ec2.describeVpcEndpointServices(b -> b.filters(filter("colour", "red"))));
        assertEquals("InvalidParameterValue", bad.awsErrorDetails().errorCode());
    }

    @Test
    void unknownServiceNameIsRefused(Ec2Client ec2) {
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.describeVpcEndpointServices(b -> b.serviceNames("com.amazonaws.us-east-1.nope")));
        assertEquals("InvalidServiceName", e.awsErrorDetails().errorCode());
        assertEquals("The Vpc Endpoint Service 'com.amazonaws.us-east-1.nope' does not exist", e.awsErrorDetails().errorMessage());
        // A service of another region is not offered here.
        Ec2Exception other = assertThrows(Ec2Exception.class, () -> ec2.describeVpcEndpointServices(b -> b.serviceNames("com.amazonaws.eu-west-1.sqs")));
        assertEquals("InvalidServiceName", other.awsErrorDetails().errorCode());
    }

    @Test
    void regionsListOnlyWhatTheyOffer(URI endpoint, Ec2Client ec2) {
        assertEquals(1, ec2.describeVpcEndpointServices(b -> b.serviceNames("com.amazonaws.us-east-1.s3express")).serviceDetails().size());
        try (Ec2Client sa = LocalVpcExtension.ec2(endpoint, "000000000000", Region.SA_EAST_1)) {
            List<String> names = sa.describeVpcEndpointServices(b -> b.filters(filter("service-type", "Gateway"))).serviceNames();
            assertEquals(List.of("com.amazonaws.sa-east-1.dynamodb", "com.amazonaws.sa-east-1.s3"), names);
            Ec2Exception e = assertThrows(Ec2Exception.class, () -> sa.describeVpcEndpointServices(b -> b.serviceNames("com.amazonaws.sa-east-1.s3express")));
            assertEquals("InvalidServiceName", e.awsErrorDetails().errorCode());
            ServiceDetail sqs = sa.describeVpcEndpointServices(b -> b.serviceNames("com.amazonaws.sa-east-1.sqs")).serviceDetails().get(0);
            assertEquals("sqs.sa-east-1.amazonaws.com", sqs.privateDnsName());
            assertEquals(List.of("sa-east-1a", "sa-east-1b", "sa-east-1c"), sqs.availabilityZones());
        }
    }

    @Test
    void paginationWalksEveryEntryOnce(Ec2Client ec2) {
        List<String> all = ec2.describeVpcEndpointServices(b -> b.filters(filter("service-name", "com.amazonaws.us-east-1.s*"))).serviceNames();
        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeVpcEndpointServicesResponse r = ec2.describeVpcEndpointServices(b -> b.filters(filter("service-name", "com.amazonaws.us-east-1.s*"))
                    .maxResults(5).nextToken(t));
            assertTrue(r.serviceNames().size() <= 5);
            paged.addAll(r.serviceNames());
            token = r.nextToken();
            pages++;
        } while (token != null);
        assertEquals(all, paged);
        assertTrue(pages > 2, "several pages: " + pages);
        // The model sets no bound; AWS answers a page size over 1,000 with at most 1,000 items, not an error.
        assertTrue(ec2.describeVpcEndpointServices(b -> b.maxResults(2000)).serviceNames().size() <= 1000);
        assertEquals(1, ec2.describeVpcEndpointServices(b -> b.maxResults(1)).serviceNames().size());
    }
}
