package io.localvpc.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalVpcExtension.class)
class VpcApiTest {

    private static Ec2Exception awsError(Ec2Exception e, String code) {
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        return e;
    }

    @Test
    void createDescribeAndDeleteVpc(Ec2Client ec2) {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16").tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.VPC).tags(Tag.builder().key("Name").value("app").build()).build())).vpc();
        assertTrue(vpc.vpcId().matches("vpc-[0-9a-f]{17}"), vpc.vpcId());
        assertEquals("10.0.0.0/16", vpc.cidrBlock());
        assertEquals("available", vpc.stateAsString());
        assertEquals("000000000000", vpc.ownerId());
        assertFalse(vpc.isDefault());
        assertEquals(List.of(Tag.builder().key("Name").value("app").build()), vpc.tags());
        assertEquals(1, vpc.cidrBlockAssociationSet().size());

        Vpc described = ec2.describeVpcs(r -> r.vpcIds(vpc.vpcId())).vpcs().get(0);
        assertEquals(vpc, described);

        ec2.deleteVpc(r -> r.vpcId(vpc.vpcId()));
        awsError(assertThrows(Ec2Exception.class, () -> ec2.describeVpcs(r -> r.vpcIds(vpc.vpcId()))), "InvalidVpcID.NotFound");
    }

    @Test
    void newVpcGetsMainRouteTableDefaultSecurityGroupAndNetworkAcl(Ec2Client ec2) {
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        Filter inVpc = Filter.builder().name("vpc-id").values(vpcId).build();
        var tables = ec2.describeRouteTables(r -> r.filters(inVpc)).routeTables();
        var groups = ec2.describeSecurityGroups(r -> r.filters(inVpc)).securityGroups();
        var acls = ec2.describeNetworkAcls(r -> r.filters(inVpc)).networkAcls();
        assertEquals(1, tables.size());
        assertEquals(1, groups.size());
        assertEquals("default", groups.get(0).groupName());
        assertEquals(1, acls.size());
        assertTrue(acls.get(0).isDefault());
    }

    @Test
    void defaultVpcExistsInEveryRegion(URI endpoint) {
        try (Ec2Client west = LocalVpcExtension.ec2(endpoint, "test", Region.EU_WEST_1)) {
            Vpc def = west.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build())).vpcs().get(0);
            assertEquals("172.31.0.0/16", def.cidrBlock());
            assertTrue(def.isDefault());
        }
    }

    @Test
    void accountsAndRegionsAreIsolated(URI endpoint, Ec2Client ec2) {
        String mine = ec2.createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc().vpcId();
        try (Ec2Client other = LocalVpcExtension.ec2(endpoint, "111122223333", Region.US_EAST_1);
             Ec2Client otherRegion = LocalVpcExtension.ec2(endpoint, "test", Region.US_WEST_2)) {
            awsError(assertThrows(Ec2Exception.class, () -> other.describeVpcs(r -> r.vpcIds(mine))), "InvalidVpcID.NotFound");
            awsError(assertThrows(Ec2Exception.class, () -> otherRegion.describeVpcs(r -> r.vpcIds(mine))), "InvalidVpcID.NotFound");
            Vpc theirs = other.createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc();
            assertEquals("111122223333", theirs.ownerId());
        }
    }

    @Test
    void filtersAndPagination(Ec2Client ec2) {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            int n = i;
            created.add(ec2.createVpc(r -> r.cidrBlock("10.50." + (n * 16) + ".0/20").tagSpecifications(TagSpecification.builder()
                    .resourceType(ResourceType.VPC).tags(Tag.builder().key("page").value("yes").build()).build())).vpc().vpcId());
        }
        Filter tagged = Filter.builder().name("tag:page").values("yes").build();
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeVpcsResponse page = ec2.describeVpcs(r -> r.filters(tagged).maxResults(5).nextToken(t));
            page.vpcs().forEach(v -> seen.add(v.vpcId()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(created, seen);
        assertEquals(2, pages);
        assertEquals(7, ec2.describeVpcs(r -> r.filters(Filter.builder().name("cidr").values("10.50.*").build())).vpcs().size());
        awsError(assertThrows(Ec2Exception.class, () -> ec2.describeVpcs(r -> r.filters(Filter.builder().name("nonsense").values("x").build()))),
                "InvalidParameterValue");
    }

    @Test
    void dnsAttributes(Ec2Client ec2) {
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.3.0.0/16")).vpc().vpcId();
        assertTrue(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT)).enableDnsSupport().value());
        assertFalse(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES)).enableDnsHostnames().value());
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(AttributeBooleanValue.builder().value(true).build()));
        assertTrue(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES)).enableDnsHostnames().value());
    }

    @Test
    void secondaryCidrs(Ec2Client ec2) {
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.4.0.0/16")).vpc().vpcId();
        var assoc = ec2.associateVpcCidrBlock(r -> r.vpcId(vpcId).cidrBlock("10.5.0.0/16")).cidrBlockAssociation();
        assertEquals("10.5.0.0/16", assoc.cidrBlock());
        awsError(assertThrows(Ec2Exception.class, () -> ec2.associateVpcCidrBlock(r -> r.vpcId(vpcId).cidrBlock("10.4.128.0/17"))), "InvalidVpc.Range");
        assertEquals(2, ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0).cidrBlockAssociationSet().size());
        ec2.disassociateVpcCidrBlock(r -> r.associationId(assoc.associationId()));
        assertEquals(1, ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0).cidrBlockAssociationSet().size());
    }

    @Test
    void badInputGetsAwsErrors(Ec2Client ec2) {
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/8"))), "InvalidVpc.Range");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createVpc(r -> r.cidrBlock("10.0.0/16"))), "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createVpc(r -> r.cidrBlock(null))), "MissingParameter");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteVpc(r -> r.vpcId("vpc-zzz"))), "InvalidVpcID.Malformed");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteVpc(r -> r.vpcId("vpc-0123456789abcdef0"))), "InvalidVpcID.NotFound");
    }

    @Test
    void dryRunAndClientToken(Ec2Client ec2) {
        int before = ec2.describeVpcs().vpcs().size();
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createVpc(r -> r.cidrBlock("10.9.0.0/16").dryRun(true))), "DryRunOperation");
        assertEquals(before, ec2.describeVpcs().vpcs().size());
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createVpc(r -> r.cidrBlock("10.9.0.0/8").dryRun(true))), "InvalidVpc.Range");
        assertNotNull(ec2.describeVpcs(r -> r.dryRun(false)).vpcs());
    }
}
