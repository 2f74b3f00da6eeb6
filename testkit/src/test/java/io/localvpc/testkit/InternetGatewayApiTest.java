package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.localvpc.testkit.RoutingFixtures.awsError;
import static io.localvpc.testkit.RoutingFixtures.filter;
import static io.localvpc.testkit.RoutingFixtures.subnet;
import static io.localvpc.testkit.RoutingFixtures.vpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalVpcExtension.class)
class InternetGatewayApiTest {

    private static InternetGateway describe(Ec2Client ec2, String id) {
        return ec2.describeInternetGateways(r -> r.internetGatewayIds(id)).internetGateways().get(0);
    }

    @Test
    void createAttachDetachDelete(Ec2Client ec2) {
        InternetGateway igw = ec2.createInternetGateway(r -> r.tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.INTERNET_GATEWAY).tags(Tag.builder().key("Name").value("edge").build()).build())).internetGateway();
        String id = igw.internetGatewayId();
        assertTrue(id.matches("igw-[0-9a-f]{17}"), id);
        assertEquals("000000000000", igw.ownerId());
        assertEquals(List.of(), igw.attachments());
        assertEquals(List.of(Tag.builder().key("Name").value("edge").build()), igw.tags());
        assertEquals(igw, describe(ec2, id));

        String vpcId = vpc(ec2, "10.30.0.0/16");
        ec2.attachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId));
        var attachment = describe(ec2, id).attachments().get(0);
        assertEquals(vpcId, attachment.vpcId());
        assertEquals("available", attachment.stateAsString());

        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteInternetGateway(r -> r.internetGatewayId(id))), "DependencyViolation");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteVpc(r -> r.vpcId(vpcId))), "DependencyViolation");

        ec2.detachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId));
        assertEquals(List.of(), describe(ec2, id).attachments());
        ec2.deleteInternetGateway(r -> r.internetGatewayId(id));
        awsError(assertThrows(Ec2Exception.class, () -> describe(ec2, id)), "InvalidInternetGatewayID.NotFound");
        ec2.deleteVpc(r -> r.vpcId(vpcId));
    }

    @Test
    void attachmentRules(Ec2Client ec2) {
        String vpcA = vpc(ec2, "10.31.0.0/16");
        String vpcB = vpc(ec2, "10.32.0.0/16");
        String one = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        String two = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(one).vpcId(vpcA));

        awsError(assertThrows(Ec2Exception.class, () -> ec2.attachInternetGateway(r -> r.internetGatewayId(one).vpcId(vpcB))), "Resource.AlreadyAssociated");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.attachInternetGateway(r -> r.internetGatewayId(one).vpcId(vpcA))), "Resource.AlreadyAssociated");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.attachInternetGateway(r -> r.internetGatewayId(two).vpcId(vpcA))), "Resource.AlreadyAssociated");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.detachInternetGateway(r -> r.internetGatewayId(one).vpcId(vpcB))), "Gateway.NotAttached");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.detachInternetGateway(r -> r.internetGatewayId(two).vpcId(vpcA))), "Gateway.NotAttached");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.attachInternetGateway(r -> r.internetGatewayId("igw-0123456789abcdef0").vpcId(vpcA))),
                "InvalidInternetGatewayID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.attachInternetGateway(r -> r.internetGatewayId(two).vpcId("vpc-0123456789abcdef0"))),
                "InvalidVpcID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteInternetGateway(r -> r.internetGatewayId("igw-x"))), "InvalidInternetGatewayID.Malformed");
        ec2.attachInternetGateway(r -> r.internetGatewayId(two).vpcId(vpcB));
    }

    @Test
    void detachIsRefusedWhileElasticIpsAreMappedInTheVpc(LocalVpc server, Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.33.0.0/16");
        String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId));
        String subnetId = subnet(server, ec2, vpcId, "10.33.1.0/24");
        String alloc = ec2.allocateAddress(r -> { }).allocationId();
        String nat = ec2.createNatGateway(r -> r.subnetId(subnetId).allocationId(alloc)).natGateway().natGatewayId();
        awsError(assertThrows(Ec2Exception.class, () -> ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId))), "DependencyViolation");
        ec2.deleteNatGateway(r -> r.natGatewayId(nat));
        ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId));
    }

    @Test
    void filtersAndPagination(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.34.0.0/16");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            created.add(ec2.createInternetGateway(r -> r.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INTERNET_GATEWAY)
                    .tags(Tag.builder().key("batch").value("igw-page").build()).build())).internetGateway().internetGatewayId());
        }
        String attached = created.iterator().next();
        ec2.attachInternetGateway(r -> r.internetGatewayId(attached).vpcId(vpcId));

        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeInternetGatewaysResponse page = ec2.describeInternetGateways(r -> r.filters(filter("tag:batch", "igw-page")).maxResults(5).nextToken(t));
            page.internetGateways().forEach(g -> seen.add(g.internetGatewayId()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(created, seen);
        assertEquals(2, pages);

        assertEquals(Set.of(attached), ids(ec2.describeInternetGateways(r -> r.filters(filter("attachment.vpc-id", vpcId)))));
        assertEquals(Set.of(attached), ids(ec2.describeInternetGateways(r -> r.filters(filter("tag:batch", "igw-page"),
                filter("attachment.state", "available")))));
        assertEquals(Set.of(attached), ids(ec2.describeInternetGateways(r -> r.filters(filter("internet-gateway-id", attached),
                filter("owner-id", "000000000000")))));
        assertEquals(6, ids(ec2.describeInternetGateways(r -> r.filters(filter("tag-key", "batch")))).size());
        awsError(assertThrows(Ec2Exception.class, () -> ec2.describeInternetGateways(r -> r.filters(filter("vpc-id", vpcId)))), "InvalidParameterValue");
    }

    private static Set<String> ids(DescribeInternetGatewaysResponse response) {
        Set<String> out = new HashSet<>();
        response.internetGateways().forEach(g -> out.add(g.internetGatewayId()));
        return out;
    }
}
