package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Describe;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.RouteTableAssociation;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.RouteStates;
import io.localvpc.core.ops.RouteTableOps;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** Route tables, their routes and their subnet associations. */
public final class RouteTableHandlers implements Ec2Family {
    /** Route targets AWS has that localvpc does not model; naming one is refused plainly. */
    @Override
    public void register(OperationRegistry r) {
        r.family("Route tables")
                .write("CreateRouteTable", this::create)
                .write("DeleteRouteTable", this::delete)
                .read("DescribeRouteTables", this::describe)
                .write("CreateRoute", this::createRoute)
                .write("ReplaceRoute", this::replaceRoute)
                .write("DeleteRoute", this::deleteRoute)
                .write("AssociateRouteTable", this::associate)
                .write("DisassociateRouteTable", this::disassociate)
                .write("ReplaceRouteTableAssociation", this::replaceAssociation);
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        RouteTable t = RouteTableOps.create(tx, in.requireString("VpcId"));
        Tagging.applySpecifications(in, tx, "route-table", t.id());
        ObjectNode out = Json.object();
        out.set("RouteTable", render(tx, t));
        return out;
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        RouteTableOps.delete(tx, in.requireString("RouteTableId"));
        return null;
    }

    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<RouteTable> filters = FilterSpec.<RouteTable>builder()
                .field("route-table-id", RouteTable::id)
                .field("vpc-id", RouteTable::vpcId)
                .field("owner-id", RouteTable::ownerId)
                .fields("association.route-table-association-id", t -> associations(t, RouteTableAssociation::associationId))
                .fields("association.route-table-id", t -> t.associations().isEmpty() ? List.of() : List.of(t.id()))
                .fields("association.subnet-id", t -> associations(t, RouteTableAssociation::subnetId))
                .fields("association.main", t -> associations(t, a -> String.valueOf(a.main())))
                .fields("route.destination-cidr-block", t -> routes(t, Route::destinationCidrBlock))
                .fields("route.destination-prefix-list-id", t -> routes(t, Route::destinationPrefixListId))
                .fields("route.gateway-id", t -> routes(t, Route::gatewayId))
                .fields("route.nat-gateway-id", t -> routes(t, Route::natGatewayId))
                .fields("route.instance-id", t -> routes(t, Route::instanceId))
                .fields("route.network-interface-id", t -> routes(t, Route::networkInterfaceId))
                .fields("route.origin", t -> routes(t, Route::origin))
                .fields("route.state", t -> routes(t, r -> RouteStates.stateOf(view, t, r)))
                .unmodelled("association.gateway-id", "route.destination-ipv6-cidr-block", "route.egress-only-internet-gateway-id",
                        "route.transit-gateway-id", "route.vpc-peering-connection-id")
                .build();
        return new Describe<>(RouteTable.class, IdKind.ROUTE_TABLE, "RouteTableIds", filters, "RouteTables", t -> render(view, t)).run(in, view);
    }

    private static Collection<String> associations(RouteTable t, Function<RouteTableAssociation, String> f) {
        return t.associations().stream().map(f).filter(java.util.Objects::nonNull).toList();
    }

    private static Collection<String> routes(RouteTable t, Function<Route, String> f) {
        return t.routes().stream().map(f).filter(java.util.Objects::nonNull).toList();
    }

    private ObjectNode createRoute(Ec2Request in, Tx tx) {
        RouteTableOps.createRoute(tx, in.requireString("RouteTableId"), destination(in, tx), target(in));
        return Json.object().put("Return", true);
    }

    private ObjectNode replaceRoute(Ec2Request in, Tx tx) {
        RouteTableOps.replaceRoute(tx, in.requireString("RouteTableId"), destination(in, tx), target(in));
        return null;
    }

    private ObjectNode deleteRoute(Ec2Request in, Tx tx) {
        String tableId = in.requireString("RouteTableId");
        RouteTableOps.require(tx, tableId);
        RouteTableOps.deleteRoute(tx, tableId, destination(in, tx));
        return null;
    }

    private static RouteTableOps.Destination destination(Ec2Request in, View view) {
        return RouteTableOps.destination(view, in.string("DestinationCidrBlock"), in.string("DestinationIpv6CidrBlock"), in.string("DestinationPrefixListId"));
    }

    private static RouteTableOps.Target target(Ec2Request in) {
        return new RouteTableOps.Target(in.string("GatewayId"), in.string("NatGatewayId"), in.string("NetworkInterfaceId"), in.string("InstanceId"));
    }

    private ObjectNode associate(Ec2Request in, Tx tx) {
        String tableId = in.requireString("RouteTableId");
        RouteTableAssociation a = RouteTableOps.associate(tx, tableId, in.requireString("SubnetId"));
        ObjectNode out = Json.object().put("AssociationId", a.associationId());
        out.set("AssociationState", associated());
        return out;
    }

    private ObjectNode disassociate(Ec2Request in, Tx tx) {
        RouteTableOps.disassociate(tx, in.requireString("AssociationId"));
        return null;
    }

    private ObjectNode replaceAssociation(Ec2Request in, Tx tx) {
        RouteTableAssociation a = RouteTableOps.replaceAssociation(tx, in.requireString("AssociationId"), in.requireString("RouteTableId"));
        ObjectNode out = Json.object().put("NewAssociationId", a.associationId());
        out.set("AssociationState", associated());
        return out;
    }

    private static ObjectNode associated() {
        return Json.object().put("State", "associated");
    }

    static ObjectNode render(View view, RouteTable t) {
        ObjectNode o = Json.object();
        ArrayNode assocs = o.putArray("Associations");
        for (RouteTableAssociation a : t.associations()) {
            ObjectNode n = assocs.addObject().put("Main", a.main()).put("RouteTableAssociationId", a.associationId()).put("RouteTableId", t.id());
            if (a.subnetId() != null) n.put("SubnetId", a.subnetId());
            n.set("AssociationState", associated());
        }
        o.putArray("PropagatingVgws");
        o.put("RouteTableId", t.id());
        ArrayNode routes = o.putArray("Routes");
        for (Route r : t.routes()) routes.add(renderRoute(view, t, r));
        o.set("Tags", Tagging.tagSet(view, t.id()));
        o.put("VpcId", t.vpcId());
        o.put("OwnerId", t.ownerId());
        return o;
    }

    private static ObjectNode renderRoute(View view, RouteTable t, Route r) {
        ObjectNode n = Json.object();
        if (r.destinationCidrBlock() != null) n.put("DestinationCidrBlock", r.destinationCidrBlock());
        if (r.destinationIpv6CidrBlock() != null) n.put("DestinationIpv6CidrBlock", r.destinationIpv6CidrBlock());
        if (r.destinationPrefixListId() != null) n.put("DestinationPrefixListId", r.destinationPrefixListId());
        if (r.gatewayId() != null) n.put("GatewayId", r.gatewayId());
        if (r.egressOnlyInternetGatewayId() != null) n.put("EgressOnlyInternetGatewayId", r.egressOnlyInternetGatewayId());
        if (r.natGatewayId() != null) n.put("NatGatewayId", r.natGatewayId());
        if (r.instanceId() != null) n.put("InstanceId", r.instanceId()).put("InstanceOwnerId", t.ownerId());
        if (r.networkInterfaceId() != null) n.put("NetworkInterfaceId", r.networkInterfaceId());
        n.put("Origin", r.origin());
        n.put("State", RouteStates.stateOf(view, t, r));
        return n;
    }
}
