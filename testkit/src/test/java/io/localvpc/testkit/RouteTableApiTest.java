package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteOrigin;
import software.amazon.awssdk.services.ec2.model.RouteState;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.localvpc.testkit.RoutingFixtures.awsError;
import static io.localvpc.testkit.RoutingFixtures.filter;
import static io.localvpc.testkit.RoutingFixtures.mainTable;
import static io.localvpc.testkit.RoutingFixtures.route;
import static io.localvpc.testkit.RoutingFixtures.subnet;
import static io.localvpc.testkit.RoutingFixtures.table;
import static io.localvpc.testkit.RoutingFixtures.vpc;
import static io.localvpc.testkit.RoutingFixtures.vpcWithIgw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalVpcExtension.class)
class RouteTableApiTest {

    @Test
    void createDescribeAndDelete(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.10.0.0/16");
        ec2.associateVpcCidrBlock(r -> r.vpcId(vpcId).cidrBlock("10.11.0.0/16"));
        RouteTable t = ec2.createRouteTable(r -> r.vpcId(vpcId).tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.ROUTE_TABLE).tags(Tag.builder().key("Name").value("private").build()).build())).routeTable();
        assertTrue(t.routeTableId().matches("rtb-[0-9a-f]{17}"), t.routeTableId());
        assertEquals(vpcId, t.vpcId());
        assertEquals("000000000000", t.ownerId());
        assertEquals(List.of(), t.associations());
        assertEquals(List.of(), t.propagatingVgws());
        assertEquals(List.of(Tag.builder().key("Name").value("private").build()), t.tags());
        assertEquals(List.of("10.10.0.0/16", "10.11.0.0/16"), t.routes().stream().map(Route::destinationCidrBlock).toList());
        for (Route r : t.routes()) {
            assertEquals("local", r.gatewayId());
            assertEquals(RouteOrigin.CREATE_ROUTE_TABLE, r.origin());
            assertEquals(RouteState.ACTIVE, r.state());
        }
        assertEquals(t, table(ec2, t.routeTableId()));

        ec2.deleteRouteTable(r -> r.routeTableId(t.routeTableId()));
        awsError(assertThrows(Ec2Exception.class, () -> table(ec2, t.routeTableId())), "InvalidRouteTableID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteRouteTable(r -> r.routeTableId(t.routeTableId()))), "InvalidRouteTableID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteRouteTable(r -> r.routeTableId("rtb-nope"))), "InvalidRouteTableID.Malformed");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRouteTable(r -> r.vpcId("vpc-0123456789abcdef0"))), "InvalidVpcID.NotFound");
    }

    @Test
    void defaultVpcMainTableRoutesToItsInternetGateway(Ec2Client ec2) {
        String vpcId = ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
        RouteTable main = mainTable(ec2, vpcId);
        Route local = main.routes().get(0);
        assertEquals("172.31.0.0/16", local.destinationCidrBlock());
        Route internet = route(ec2, main.routeTableId(), "0.0.0.0/0");
        assertTrue(internet.gatewayId().startsWith("igw-"), internet.gatewayId());
        assertEquals(RouteState.ACTIVE, internet.state());
        assertEquals(RouteOrigin.CREATE_ROUTE, internet.origin());
        var igw = ec2.describeInternetGateways(r -> r.internetGatewayIds(internet.gatewayId())).internetGateways().get(0);
        assertEquals(vpcId, igw.attachments().get(0).vpcId());
        RouteTableAssociation assoc = main.associations().get(0);
        assertTrue(assoc.main());
        assertNull(assoc.subnetId());
        assertEquals("associated", assoc.associationState().stateAsString());
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteRouteTable(r -> r.routeTableId(main.routeTableId()))), "DependencyViolation");
    }

    @Test
    void routesToAnInternetGatewayBlackholeWhenItIsDetachedOrDeleted(Ec2Client ec2) {
        String[] net = vpcWithIgw(ec2, "10.12.0.0/16");
        String vpcId = net[0], igwId = net[1];
        String rtb = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        assertTrue(ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igwId)).returnValue());
        Route r0 = route(ec2, rtb, "0.0.0.0/0");
        assertEquals(igwId, r0.gatewayId());
        assertEquals(RouteState.ACTIVE, r0.state());
        assertEquals(RouteOrigin.CREATE_ROUTE, r0.origin());

        ec2.detachInternetGateway(r -> r.vpcId(vpcId).internetGatewayId(igwId));
        assertEquals(RouteState.BLACKHOLE, route(ec2, rtb, "0.0.0.0/0").state());
        assertEquals(Set.of(rtb), ids(ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpcId), filter("route.state", "blackhole")))));

        ec2.attachInternetGateway(r -> r.vpcId(vpcId).internetGatewayId(igwId));
        assertEquals(RouteState.ACTIVE, route(ec2, rtb, "0.0.0.0/0").state());

        ec2.detachInternetGateway(r -> r.vpcId(vpcId).internetGatewayId(igwId));
        ec2.deleteInternetGateway(r -> r.internetGatewayId(igwId));
        Route gone = route(ec2, rtb, "0.0.0.0/0");
        assertEquals(RouteState.BLACKHOLE, gone.state());
        assertEquals(igwId, gone.gatewayId());
        // A blackhole route can be removed like any other.
        ec2.deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0"));
        assertEquals(1, table(ec2, rtb).routes().size());
    }

    @Test
    void routesToNatGatewaysAndInterfacesBlackholeWhenTheTargetIsDeleted(LocalVpc server, Ec2Client ec2) {
        String[] net = vpcWithIgw(ec2, "10.13.0.0/16");
        String vpcId = net[0];
        String subnetId = subnet(server, ec2, vpcId, "10.13.1.0/24");
        String alloc = ec2.allocateAddress(r -> r.domain("vpc")).allocationId();
        var nat = ec2.createNatGateway(r -> r.subnetId(subnetId).allocationId(alloc)).natGateway();
        String eniId = nat.natGatewayAddresses().get(0).networkInterfaceId();
        String rtb = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();

        ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat.natGatewayId()));
        ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("192.168.0.0/16").networkInterfaceId(eniId));
        // A route more specific than the VPC CIDR may target an interface (middlebox routing).
        ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.13.2.0/24").networkInterfaceId(eniId));
        Route toNat = route(ec2, rtb, "0.0.0.0/0");
        assertEquals(nat.natGatewayId(), toNat.natGatewayId());
        assertNull(toNat.gatewayId());
        assertEquals(RouteState.ACTIVE, toNat.state());
        assertEquals(eniId, route(ec2, rtb, "192.168.0.0/16").networkInterfaceId());
        assertEquals(RouteState.ACTIVE, route(ec2, rtb, "192.168.0.0/16").state());
        assertEquals(Set.of(rtb), ids(ec2.describeRouteTables(r -> r.filters(filter("route.nat-gateway-id", nat.natGatewayId())))));
        assertEquals(Set.of(rtb), ids(ec2.describeRouteTables(r -> r.filters(filter("route.network-interface-id", eniId)))));

        ec2.deleteNatGateway(r -> r.natGatewayId(nat.natGatewayId()));
        assertEquals(RouteState.BLACKHOLE, route(ec2, rtb, "0.0.0.0/0").state());
        assertEquals(RouteState.BLACKHOLE, route(ec2, rtb, "192.168.0.0/16").state());
        assertEquals(RouteState.ACTIVE, route(ec2, rtb, "10.13.0.0/16").state());
    }

    @Test
    void replaceRouteChangesTheTarget(LocalVpc server, Ec2Client ec2) {
        String[] net = vpcWithIgw(ec2, "10.14.0.0/16");
        String vpcId = net[0], igwId = net[1];
        String subnetId = subnet(server, ec2, vpcId, "10.14.1.0/24");
        String natId = ec2.createNatGateway(r -> r.subnetId(subnetId).connectivityType("private")).natGateway().natGatewayId();
        String rtb = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igwId));
        ec2.replaceRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").natGatewayId(natId));
        Route replaced = route(ec2, rtb, "0.0.0.0/0");
        assertEquals(natId, replaced.natGatewayId());
        assertNull(replaced.gatewayId());
        assertEquals(2, table(ec2, rtb).routes().size());

        awsError(assertThrows(Ec2Exception.class, () -> ec2.replaceRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.99.0.0/16").gatewayId(igwId))),
                "InvalidRoute.NotFound");
        Ec2Exception local = awsError(assertThrows(Ec2Exception.class, () -> ec2.replaceRoute(r -> r.routeTableId(rtb)
                .destinationCidrBlock("10.14.0.0/16").natGatewayId(natId))), "InvalidParameterValue");
        assertTrue(local.awsErrorDetails().errorMessage().contains("local route"), local.getMessage());
    }

    @Test
    void routeErrorsAreAwsErrors(Ec2Client ec2) {
        String[] net = vpcWithIgw(ec2, "10.15.0.0/16");
        String vpcId = net[0], igwId = net[1];
        String[] other = vpcWithIgw(ec2, "10.16.0.0/16");
        String detached = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        String rtb = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igwId));

        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igwId))),
                "RouteAlreadyExists");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.15.0.0/16").gatewayId(igwId))),
                "RouteAlreadyExists");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("300.0.0.0/8").gatewayId(igwId))),
                "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("1.2.3.4/8").gatewayId(igwId))),
                "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.15.3.0/24").gatewayId(igwId))),
                "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("8.8.8.0/24").gatewayId(other[1]))),
                "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("8.8.8.0/24").gatewayId(detached))),
                "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("8.8.8.0/24")
                .gatewayId("igw-0123456789abcdef0"))), "InvalidInternetGatewayID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("8.8.8.0/24")
                .natGatewayId("nat-0123456789abcdef0"))), "NatGatewayNotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("8.8.8.0/24")
                .networkInterfaceId("eni-0123456789abcdef0"))), "InvalidNetworkInterfaceID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("8.8.8.0/24")
                .instanceId("i-0123456789abcdef0"))), "InvalidInstanceID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("8.8.8.0/24"))),
                "MissingParameter");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).gatewayId(igwId))), "MissingParameter");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId("rtb-0123456789abcdef0")
                .destinationCidrBlock("8.8.8.0/24").gatewayId(igwId))), "InvalidRouteTableID.NotFound");
        Ec2Exception endpoint = awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb)
                .destinationPrefixListId("pl-63a5400a").gatewayId("vpce-0123456789abcdef0"))), "InvalidParameterValue");
        assertTrue(endpoint.awsErrorDetails().errorMessage().contains("ModifyVpcEndpoint"), endpoint.getMessage());
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationPrefixListId("pl-00000000")
                .gatewayId(igwId))), "InvalidPrefixListID.NotFound");

        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("8.8.8.0/24"))),
                "InvalidRoute.NotFound");
        Ec2Exception local = awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteRoute(r -> r.routeTableId(rtb)
                .destinationCidrBlock("10.15.0.0/16"))), "InvalidParameterValue");
        assertTrue(local.awsErrorDetails().errorMessage().contains("cannot remove local route"), local.getMessage());
    }

    @Test
    void prefixListDestinations(Ec2Client ec2) {
        String[] net = vpcWithIgw(ec2, "10.17.0.0/16");
        String rtb = ec2.createRouteTable(r -> r.vpcId(net[0])).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(rtb).destinationPrefixListId("pl-63a5400a").gatewayId(net[1]));
        Route r0 = route(ec2, rtb, "pl-63a5400a");
        assertNull(r0.destinationCidrBlock());
        assertEquals(net[1], r0.gatewayId());
        assertEquals(Set.of(rtb), ids(ec2.describeRouteTables(r -> r.filters(filter("route.destination-prefix-list-id", "pl-63a5400a"),
                filter("vpc-id", net[0])))));
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createRoute(r -> r.routeTableId(rtb).destinationPrefixListId("pl-63a5400a")
                .gatewayId(net[1]))), "RouteAlreadyExists");
        ec2.deleteRoute(r -> r.routeTableId(rtb).destinationPrefixListId("pl-63a5400a"));
        assertEquals(1, table(ec2, rtb).routes().size());
    }

    @Test
    void subnetAssociations(LocalVpc server, Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.18.0.0/16");
        String otherVpc = vpc(ec2, "10.19.0.0/16");
        String subnetId = subnet(server, ec2, vpcId, "10.18.1.0/24");
        String foreignSubnet = subnet(server, ec2, otherVpc, "10.19.1.0/24");
        String a = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        String b = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();

        var assoc = ec2.associateRouteTable(r -> r.routeTableId(a).subnetId(subnetId));
        assertTrue(assoc.associationId().matches("rtbassoc-[0-9a-f]{17}"), assoc.associationId());
        assertEquals("associated", assoc.associationState().stateAsString());
        RouteTableAssociation shown = table(ec2, a).associations().get(0);
        assertEquals(subnetId, shown.subnetId());
        assertFalse(shown.main());
        assertEquals(a, shown.routeTableId());
        assertEquals(Set.of(a), ids(ec2.describeRouteTables(r -> r.filters(filter("association.subnet-id", subnetId)))));
        assertEquals(Set.of(a), ids(ec2.describeRouteTables(r -> r.filters(filter("association.route-table-association-id", assoc.associationId())))));
        assertEquals(Set.of(a), ids(ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpcId), filter("association.main", "false")))));

        awsError(assertThrows(Ec2Exception.class, () -> ec2.associateRouteTable(r -> r.routeTableId(b).subnetId(subnetId))), "Resource.AlreadyAssociated");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.associateRouteTable(r -> r.routeTableId(b).subnetId(foreignSubnet))), "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteRouteTable(r -> r.routeTableId(a))), "DependencyViolation");

        String moved = ec2.replaceRouteTableAssociation(r -> r.associationId(assoc.associationId()).routeTableId(b)).newAssociationId();
        assertEquals(List.of(), table(ec2, a).associations());
        assertEquals(subnetId, table(ec2, b).associations().get(0).subnetId());
        awsError(assertThrows(Ec2Exception.class, () -> ec2.disassociateRouteTable(r -> r.associationId(assoc.associationId()))),
                "InvalidAssociationID.NotFound");

        ec2.disassociateRouteTable(r -> r.associationId(moved));
        assertEquals(List.of(), table(ec2, b).associations());
        ec2.deleteRouteTable(r -> r.routeTableId(b));

        String mainAssoc = mainTable(ec2, vpcId).associations().get(0).routeTableAssociationId();
        awsError(assertThrows(Ec2Exception.class, () -> ec2.disassociateRouteTable(r -> r.associationId(mainAssoc))), "InvalidParameterValue");
    }

    @Test
    void replacingTheMainAssociationMakesAnotherTableMain(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.20.0.0/16");
        RouteTable oldMain = mainTable(ec2, vpcId);
        String next = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        String newAssoc = ec2.replaceRouteTableAssociation(r -> r.associationId(oldMain.associations().get(0).routeTableAssociationId())
                .routeTableId(next)).newAssociationId();
        RouteTable nowMain = mainTable(ec2, vpcId);
        assertEquals(next, nowMain.routeTableId());
        assertEquals(newAssoc, nowMain.associations().get(0).routeTableAssociationId());
        assertTrue(nowMain.associations().get(0).main());
        assertEquals(List.of(), table(ec2, oldMain.routeTableId()).associations());
        // The old main table is an ordinary table now and can go; the new main one cannot.
        ec2.deleteRouteTable(r -> r.routeTableId(oldMain.routeTableId()));
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteRouteTable(r -> r.routeTableId(next))), "DependencyViolation");
        String otherVpcTable = ec2.createRouteTable(r -> r.vpcId(vpc(ec2, "10.21.0.0/16"))).routeTable().routeTableId();
        awsError(assertThrows(Ec2Exception.class, () -> ec2.replaceRouteTableAssociation(r -> r.associationId(newAssoc).routeTableId(otherVpcTable))),
                "InvalidParameterValue");
        // The VPC can still be deleted with its (new) main table.
        ec2.deleteVpc(r -> r.vpcId(vpcId));
    }

    @Test
    void filtersAndPagination(Ec2Client ec2) {
        String[] net = vpcWithIgw(ec2, "10.22.0.0/16");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 6; i++) created.add(ec2.createRouteTable(r -> r.vpcId(net[0])).routeTable().routeTableId());
        created.add(mainTable(ec2, net[0]).routeTableId());
        String first = created.iterator().next();
        ec2.createRoute(r -> r.routeTableId(first).destinationCidrBlock("0.0.0.0/0").gatewayId(net[1]));

        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeRouteTablesResponse page = ec2.describeRouteTables(r -> r.filters(filter("vpc-id", net[0])).maxResults(5).nextToken(t));
            page.routeTables().forEach(x -> seen.add(x.routeTableId()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(created, seen);
        assertEquals(2, pages);

        assertEquals(Set.of(first), ids(ec2.describeRouteTables(r -> r.filters(filter("route.gateway-id", net[1])))));
        assertEquals(Set.of(first), ids(ec2.describeRouteTables(r -> r.filters(filter("vpc-id", net[0]),
                filter("route.destination-cidr-block", "0.0.0.0/0"), filter("route.origin", "CreateRoute"), filter("route.state", "active")))));
        assertEquals(Set.of(first), ids(ec2.describeRouteTables(r -> r.filters(filter("route-table-id", first), filter("owner-id", "000000000000")))));
        assertEquals(created, ids(ec2.describeRouteTables(r -> r.filters(filter("vpc-id", net[0]), filter("route.gateway-id", "local")))));
        assertEquals(Set.of(), ids(ec2.describeRouteTables(r -> r.filters(filter("vpc-id", net[0]), filter("route.instance-id", "i-*")))));
        String main = mainTable(ec2, net[0]).routeTableId();
        assertEquals(Set.of(main), ids(ec2.describeRouteTables(r -> r.filters(filter("association.route-table-id", main)))));
        awsError(assertThrows(Ec2Exception.class, () -> ec2.describeRouteTables(r -> r.maxResults(1000))), "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.describeRouteTables(r -> r.routeTableIds("rtb-0123456789abcdef0"))),
                "InvalidRouteTableID.NotFound");
    }

    private static Set<String> ids(DescribeRouteTablesResponse response) {
        Set<String> out = new HashSet<>();
        response.routeTables().forEach(t -> out.add(t.routeTableId()));
        return out;
    }
}
