package io.localvpc.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoint calls as a whole: AWS's refusals, Describe's filters and pages, DeleteVpcEndpoints' report, the raw XML. */
@ExtendWith(LocalVpcExtension.class)
class VpcEndpointApiTest {
    private static final String S3 = "com.amazonaws.us-east-1.s3";
    private static final String DYNAMODB = "com.amazonaws.us-east-1.dynamodb";

    private static Ec2Exception refused(String code, org.junit.jupiter.api.function.Executable call) {
        Ec2Exception e = assertThrows(Ec2Exception.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        return e;
    }

    @Test
    void createRefusesWhatAwsRefuses(Ec2Client ec2, URI endpoint) {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.40.0.0/16")).vpc().vpcId();
        Ec2Exception unknown = refused("InvalidServiceName", () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName("com.amazonaws.us-east-1.nosuch")));
        assertEquals("The Vpc Endpoint Service 'com.amazonaws.us-east-1.nosuch' does not exist", unknown.awsErrorDetails().errorMessage());
        refused("InvalidServiceName", () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName("com.amazonaws.eu-west-1.s3")));
        refused("InvalidVpcID.NotFound", () -> ec2.createVpcEndpoint(r -> r.vpcId("vpc-0123456789abcdef0").serviceName(S3)));
        refused("InvalidVpcID.Malformed", () -> ec2.createVpcEndpoint(r -> r.vpcId("vpc-x").serviceName(S3)));
        refused("MissingParameter", () -> ec2.createVpcEndpoint(r -> r.serviceName(S3)));
        refused("InvalidParameter", () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).ipAddressType("dualstack")));
        refused("InvalidParameter", () -> ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(S3)
                .privateDnsEnabled(false).dnsOptions(d -> d.dnsRecordIpType("ipv6"))));
        refused("InvalidPolicyDocument", () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).policyDocument("{not json")));
        refused("InvalidPolicyDocument", () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3)
                .policyDocument("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}")));
        refused("InvalidPolicyDocument", () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).policyDocument(
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\",\"Sid\":\"" + "a".repeat(20_480) + "\"}]}")));
        // The type is case-sensitive, as on AWS; the SDK would not send a bad value, so send it raw.
        RawEc2.Reply lower = new RawEc2(endpoint).call("CreateVpcEndpoint", "VpcId", vpc, "ServiceName", S3, "VpcEndpointType", "gateway");
        assertEquals(400, lower.status());
        assertTrue(lower.body().contains("<Code>InvalidVpcEndpointType</Code>"), lower.body());
        assertEquals(List.of(), ec2.describeVpcEndpoints(r -> r.filters(f -> f.name("vpc-id").values(vpc))).vpcEndpoints());
    }

    @Test
    void quotasPerVpc(Ec2Client ec2) {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.41.0.0/16")).vpc().vpcId();
        for (int i = 0; i < 50; i++) {
            ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(DYNAMODB).privateDnsEnabled(false));
        }
        refused("VpcEndpointLimitExceeded", () -> ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc)
                .serviceName(DYNAMODB).privateDnsEnabled(false)));
        // Gateway endpoints have their own, larger quota.
        ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(DYNAMODB));
    }

    @Test
    void describeFiltersTagsAndPages(Ec2Client ec2) {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.42.0.0/16")).vpc().vpcId();
        TagSpecification tags = TagSpecification.builder().resourceType("vpc-endpoint").tags(Tag.builder().key("team").value("data").build()).build();
        Set<String> ids = new HashSet<>();
        // Three gateway endpoints: S3 and DynamoDB on no table, S3 again on no table (a table holds one route per service).
        for (String service : List.of(S3, DYNAMODB, S3)) {
            ids.add(ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(service).tagSpecifications(tags)).vpcEndpoint().vpcEndpointId());
        }
        for (int i = 0; i < 3; i++) {
            ids.add(ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(DYNAMODB)
                    .privateDnsEnabled(false).tagSpecifications(tags)).vpcEndpoint().vpcEndpointId());
        }
        Filter inVpc = Filter.builder().name("vpc-id").values(vpc).build();
        VpcEndpoint first = ec2.describeVpcEndpoints(r -> r.filters(inVpc)).vpcEndpoints().get(0);
        assertEquals(List.of(Tag.builder().key("team").value("data").build()), first.tags());

        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeVpcEndpointsResponse page = ec2.describeVpcEndpoints(r -> r.filters(inVpc).maxResults(5).nextToken(t));
            page.vpcEndpoints().forEach(e -> seen.add(e.vpcEndpointId()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(ids, seen);
        assertEquals(2, pages);

        assertEquals(3, count(ec2, inVpc, Filter.builder().name("vpc-endpoint-type").values("Gateway").build()));
        assertEquals(4, count(ec2, inVpc, Filter.builder().name("service-name").values(DYNAMODB).build()));
        assertEquals(6, count(ec2, inVpc, Filter.builder().name("tag:team").values("data").build()));
        assertEquals(6, count(ec2, inVpc, Filter.builder().name("ip-address-type").values("ipv4").build()));
        assertEquals(6, count(ec2, inVpc, Filter.builder().name("service-region").values("us-east-1").build()));
        assertEquals(3, count(ec2, inVpc, Filter.builder().name("vpc-endpoint-state").values("available").build(),
                Filter.builder().name("vpc-endpoint-type").values("Gateway").build()));
        assertEquals(1, count(ec2, Filter.builder().name("vpc-endpoint-id").values(first.vpcEndpointId()).build()));
        refused("InvalidParameterValue", () -> ec2.describeVpcEndpoints(r -> r.filters(f -> f.name("nonsense").values("x"))));
        refused("InvalidVpcEndpointId.NotFound", () -> ec2.describeVpcEndpoints(r -> r.vpcEndpointIds("vpce-0123456789abcdef0")));
        refused("InvalidVpcEndpointId.Malformed", () -> ec2.describeVpcEndpoints(r -> r.vpcEndpointIds("vpce-zz")));
    }

    private static int count(Ec2Client ec2, Filter... filters) {
        return ec2.describeVpcEndpoints(r -> r.filters(filters)).vpcEndpoints().size();
    }

    @Test
    void deleteReportsBadIdsPerItem(Ec2Client ec2) {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.43.0.0/16")).vpc().vpcId();
        String id = ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3)).vpcEndpoint().vpcEndpointId();
        List<UnsuccessfulItem> failed = ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(id, "vpce-0123456789abcdef0", "bogus")).unsuccessful();
        assertEquals(2, failed.size());
        assertEquals("vpce-0123456789abcdef0", failed.get(0).resourceId());
        assertEquals("InvalidVpcEndpoint.NotFound", failed.get(0).error().code());
        assertEquals("The Vpc Endpoint Id 'vpce-0123456789abcdef0' does not exist", failed.get(0).error().message());
        assertEquals("InvalidVpcEndpointId.Malformed", failed.get(1).error().code());
        assertEquals("deleted", ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(id)).vpcEndpoints().get(0).stateAsString());
        refused("InvalidVpcEndpointId.NotFound", () -> ec2.modifyVpcEndpoint(r -> r.vpcEndpointId("vpce-0123456789abcdef0").resetPolicy(true)));
        refused("IncorrectState", () -> ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(id).resetPolicy(true)));
    }

    @Test
    void dryRunAndClientToken(Ec2Client ec2) {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.44.0.0/16")).vpc().vpcId();
        refused("DryRunOperation", () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).dryRun(true)));
        refused("InvalidServiceName", () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName("com.amazonaws.us-east-1.nope").dryRun(true)));
        VpcEndpoint a = ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).clientToken("tok-1")).vpcEndpoint();
        VpcEndpoint b = ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).clientToken("tok-1")).vpcEndpoint();
        assertEquals(a.vpcEndpointId(), b.vpcEndpointId());
        assertEquals(1, count(ec2, Filter.builder().name("vpc-id").values(vpc).build()));
    }

    @Test
    void rawXmlIsWhatGoAndTerraformParse(Ec2Client ec2, URI endpoint) {
        String vpc = NetworkFixtures.dnsReadyVpc(ec2, "10.45.0.0/16");
        String rtb = NetworkFixtures.mainRouteTable(ec2, vpc);
        String gw = ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).routeTableIds(rtb)).vpcEndpoint().vpcEndpointId();
        String body = new RawEc2(endpoint).call("DescribeVpcEndpoints", "VpcEndpointId.1", gw).body();
        assertTrue(body.startsWith("<?xml"), body);
        assertTrue(body.contains("<DescribeVpcEndpointsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>"), body);
        assertTrue(body.contains("<routeTableIdSet><item>" + rtb + "</item></routeTableIdSet>"), body);
        assertTrue(body.contains("<subnetIdSet/>"), body);
        assertTrue(body.contains("<groupSet/>"), body);
        assertTrue(body.contains("<networkInterfaceIdSet/>"), body);
        assertTrue(body.contains("<dnsEntrySet/>"), body);
        assertTrue(body.contains("<tagSet/>"), body);
        assertTrue(body.contains("<state>available</state>"), body);
        assertTrue(body.contains("<vpcEndpointType>Gateway</vpcEndpointType>"), body);
        assertTrue(body.contains("<requesterManaged>false</requesterManaged>"), body);
        assertTrue(body.matches("(?s).*<creationTimestamp>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z</creationTimestamp>.*"), body);

        String subnet = NetworkFixtures.subnetId(ec2, vpc, "10.45.1.0/24", "us-east-1a");
        String ifc = ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(DYNAMODB).subnetIds(subnet))
                .vpcEndpoint().vpcEndpointId();
        String ib = new RawEc2(endpoint).call("DescribeVpcEndpoints", "VpcEndpointId.1", ifc).body();
        assertTrue(ib.contains("<subnetIdSet><item>" + subnet + "</item></subnetIdSet>"), ib);
        assertTrue(ib.contains("<routeTableIdSet/>"), ib);
        assertTrue(ib.contains("<groupSet><item><groupId>" + NetworkFixtures.defaultGroup(ec2, vpc) + "</groupId><groupName>default</groupName></item></groupSet>"), ib);
        assertTrue(ib.contains("<dnsOptions><dnsRecordIpType>ipv4</dnsRecordIpType></dnsOptions>"), ib);
        assertTrue(ib.contains("<dnsEntrySet><item><dnsName>" + ifc + "-"), ib);
        assertTrue(ib.matches("(?s).*<networkInterfaceIdSet><item>eni-[0-9a-f]{17}</item></networkInterfaceIdSet>.*"), ib);
        assertTrue(ib.contains("<privateDnsEnabled>true</privateDnsEnabled>"), ib);

        String del = new RawEc2(endpoint).call("DeleteVpcEndpoints", "VpcEndpointId.1", "vpce-0123456789abcdef0").body();
        assertTrue(del.contains("<unsuccessful><item><error><code>InvalidVpcEndpoint.NotFound</code><message>"), del);
        assertTrue(del.contains("<resourceId>vpce-0123456789abcdef0</resourceId></item></unsuccessful>"), del);
        String ok = new RawEc2(endpoint).call("DeleteVpcEndpoints", "VpcEndpointId.1", gw).body();
        assertTrue(ok.contains("<unsuccessful/>"), ok);
        String mod = new RawEc2(endpoint).call("ModifyVpcEndpoint", "VpcEndpointId", ifc, "ResetPolicy", "true").body();
        assertTrue(mod.contains("<return>true</return>"), mod);
    }
}
