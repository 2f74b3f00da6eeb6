package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.catalog.ManagedPrefixLists;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.RouteTableAssociation;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcCidrAssociation;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Route tables: their routes (with AWS's rules on destinations and targets) and their associations
 * with subnets, including which table is the VPC's main one.
 */
public final class RouteTableOps {
    private RouteTableOps() {
    }

    /** What a route sends to: exactly one member is set. */
    public record Target(String gatewayId, String natGatewayId, String networkInterfaceId, String instanceId) {
        int count() {
            int n = 0;
            for (String s : new String[]{gatewayId, natGatewayId, networkInterfaceId, instanceId}) if (s != null) n++;
            return n;
        }
    }

    /** Where a route leads: an IPv4 CIDR (canonical) or a prefix list id; exactly one is set. */
    public record Destination(String cidrBlock, String prefixListId) {
        public String text() {
            return cidrBlock != null ? cidrBlock : prefixListId;
        }

        boolean matches(Route r) {
            return cidrBlock != null ? cidrBlock.equals(r.destinationCidrBlock()) : prefixListId.equals(r.destinationPrefixListId());
        }
    }

    /** An association found by its id, with the table that holds it. */
    public record Found(RouteTable table, RouteTableAssociation association) {
    }

    public static RouteTable require(View view, String id) {
        return Lookup.require(view, RouteTable.class, IdKind.ROUTE_TABLE, id);
    }

    /** A new table with the local route for each of the VPC's CIDR blocks. */
    public static RouteTable create(Tx tx, String vpcId) {
        Vpc vpc = VpcOps.require(tx, vpcId);
        List<Route> routes = vpc.associatedCidrs().stream().map(VpcCidrAssociation::cidrBlock).map(Route::local).toList();
        return tx.put(new RouteTable(tx.newId("rtb"), tx.scope().account(), vpc.id(), routes, List.of()));
    }

    public static void delete(Tx tx, String id) {
        RouteTable t = require(tx, id);
        if (t.isMain()) {
            throw AwsException.dependencyViolation("The routeTable '" + id + "' has dependencies and cannot be deleted. It is the main route table of "
                    + t.vpcId() + "; make another table main first (ReplaceRouteTableAssociation).");
        }
        if (!t.associations().isEmpty()) {
            throw AwsException.dependencyViolation("The routeTable '" + id + "' has dependencies and cannot be deleted. It is associated with "
                    + String.join(", ", t.associations().stream().map(RouteTableAssociation::subnetId).toList()) + "; disassociate them first.");
        }
        List<String> endpoints = VpcEndpointOps.endpointsUsing(tx, id);
        if (!endpoints.isEmpty()) {
            throw AwsException.dependencyViolation("The routeTable '" + id + "' has dependencies and cannot be deleted. Gateway VPC endpoints route through it: "
                    + String.join(", ", endpoints) + "; remove it from them first (ModifyVpcEndpoint RemoveRouteTableId).");
        }
        tx.remove(RouteTable.class, id);
    }

    // ---- routes ----

    /** Parses the destination members of CreateRoute/ReplaceRoute/DeleteRoute. */
    public static Destination destination(View view, String cidrText, String ipv6Text, String prefixListId) {
        if (ipv6Text != null) {
            throw new AwsException("UnsupportedOperation", "localvpc models IPv4 only; DestinationIpv6CidrBlock is not supported.");
        }
        if (cidrText != null && prefixListId != null) {
            throw AwsException.invalidParameterCombination("Specify only one of destinationCidrBlock and destinationPrefixListId.");
        }
        if (cidrText == null && prefixListId == null) {
            throw AwsException.missingParameter("destinationCidrBlock or destinationPrefixListId");
        }
        if (cidrText != null) {
            Ipv4Cidr cidr = Ipv4Cidr.parse(cidrText).orElseThrow(() -> AwsException.invalidParameterValue(
                    "Value (" + cidrText + ") for parameter destinationCidrBlock is invalid. This is not a valid CIDR block."));
            if (!cidr.toString().equals(cidrText)) {
                throw AwsException.invalidParameterValue("Value (" + cidrText + ") for parameter destinationCidrBlock is invalid: host bits are set. Did you mean " + cidr + "?");
            }
            return new Destination(cidrText, null);
        }
        IdKind.PREFIX_LIST.check(prefixListId);
        boolean known = ManagedPrefixLists.find(view.scope().region(), prefixListId).isPresent() || view.findAny(prefixListId).isPresent();
        if (!known) throw IdKind.PREFIX_LIST.notFound(prefixListId);
        return new Destination(null, prefixListId);
    }

    public static void createRoute(Tx tx, String tableId, Destination dest, Target target) {
        RouteTable t = require(tx, tableId);
        Optional<Route> existing = t.routes().stream().filter(dest::matches).findFirst();
        if (existing.isPresent()) {
            Route r = existing.get();
            throw new AwsException("RouteAlreadyExists", "The route identified by " + dest.text() + " already exists"
                    + (isEndpointRoute(r) ? " in " + tableId + "; it belongs to gateway VPC endpoint " + r.gatewayId()
                    + " and changes only through ModifyVpcEndpoint or DeleteVpcEndpoints." : ". Use ReplaceRoute to change its target."));
        }
        Route route = build(tx, t, dest, target);
        List<Route> routes = new ArrayList<>(t.routes());
        routes.add(route);
        tx.put(t.withRoutes(routes));
    }

    public static void replaceRoute(Tx tx, String tableId, Destination dest, Target target) {
        RouteTable t = require(tx, tableId);
        Route old = t.routes().stream().filter(dest::matches).findFirst().orElseThrow(() -> new AwsException("InvalidRoute.NotFound",
                "There is no route defined for '" + dest.text() + "' in the route table " + tableId + ". Use CreateRoute instead."));
        refuseManaged(old, tableId, "replace");
        Route next = build(tx, t, dest, target);
        tx.put(t.withRoutes(t.routes().stream().map(r -> r == old ? next : r).toList()));
    }

    public static void deleteRoute(Tx tx, String tableId, Destination dest) {
        RouteTable t = require(tx, tableId);
        Route old = t.routes().stream().filter(dest::matches).findFirst().orElseThrow(() -> new AwsException("InvalidRoute.NotFound",
                "No route with destination " + dest.text() + " exists in route table " + tableId + "."));
        refuseManaged(old, tableId, "remove");
        tx.put(t.withRoutes(t.routes().stream().filter(r -> r != old).toList()));
    }

    public static boolean isEndpointRoute(Route r) {
        return r.gatewayId() != null && r.gatewayId().startsWith(IdKind.VPC_ENDPOINT.prefix() + "-");
    }

    private static void refuseManaged(Route r, String tableId, String verb) {
        if (r.isLocal()) {
            throw AwsException.invalidParameterValue("cannot " + verb + " local route " + r.destination() + " in route table " + tableId
                    + ": it carries traffic within the VPC and exists as long as the VPC CIDR block does.");
        }
        if (isEndpointRoute(r)) {
            throw AwsException.invalidParameterValue("cannot " + verb + " the route to " + r.destination() + " in route table " + tableId
                    + ": it belongs to gateway VPC endpoint " + r.gatewayId() + ". Change it with ModifyVpcEndpoint (RemoveRouteTableIds) or DeleteVpcEndpoints.");
        }
    }

    /** Checks the target against the table's VPC and builds the route, as AWS validates CreateRoute. */
    private static Route build(View view, RouteTable t, Destination dest, Target target) {
        if (target.count() == 0) {
            throw AwsException.missingParameter("gatewayId, natGatewayId, networkInterfaceId or instanceId (the route's target)");
        }
        if (target.count() > 1) {
            throw AwsException.invalidParameterCombination("A route has exactly one target; specify only one of gatewayId, natGatewayId, networkInterfaceId and instanceId.");
        }
        String gatewayId = null, natId = null, eniId = null, instanceId = null;
        boolean gatewayTarget = false;
        if (target.gatewayId() != null) {
            String gw = target.gatewayId();
            if (gw.startsWith(IdKind.VPC_ENDPOINT.prefix() + "-")) {
                throw AwsException.invalidParameterValue("Routes to gateway VPC endpoint " + gw + " are managed by the endpoint: add route tables with "
                        + "CreateVpcEndpoint or ModifyVpcEndpoint (AddRouteTableIds) instead.");
            }
            if (gw.equals("local")) {
                throw AwsException.invalidParameterValue("The gateway 'local' is only used by the VPC's own local routes.");
            }
            InternetGateway igw = InternetGatewayOps.require(view, gw);
            if (!t.vpcId().equals(igw.attachedVpcId())) {
                throw AwsException.invalidParameterValue("route table " + t.id() + " and network gateway " + gw + " belong to different networks"
                        + (igw.attachedVpcId() == null ? " (the gateway is not attached; AttachInternetGateway to " + t.vpcId() + " first)" : ""));
            }
            gatewayId = gw;
            gatewayTarget = true;
        } else if (target.natGatewayId() != null) {
            NatGateway nat = NatGatewayOps.require(view, target.natGatewayId());
            NatGateway.State state = NatGatewayOps.stateOf(view, nat);
            if (state == NatGateway.State.DELETED || state == NatGateway.State.DELETING) throw IdKind.NAT_GATEWAY.notFound(nat.id());
            if (!nat.vpcId().equals(t.vpcId())) {
                throw AwsException.invalidParameterValue("route table " + t.id() + " and NAT gateway " + nat.id() + " belong to different networks");
            }
            natId = nat.id();
        } else if (target.networkInterfaceId() != null) {
            NetworkInterface eni = Lookup.require(view, NetworkInterface.class, IdKind.NETWORK_INTERFACE, target.networkInterfaceId());
            if (!eni.vpcId().equals(t.vpcId())) {
                throw AwsException.invalidParameterValue("route table " + t.id() + " and network interface " + eni.id() + " belong to different networks");
            }
            eniId = eni.id();
            if (eni.attachment() != null) instanceId = eni.attachment().instanceId();
        } else {
            instanceId = IdKind.INSTANCE.check(target.instanceId());
            if (view.findAny(instanceId).isEmpty()) throw IdKind.INSTANCE.notFound(instanceId);
            // AWS routes to an instance through its primary interface and shows both ids.
            Optional<NetworkInterface> primary = AddressOps.primaryInterfaceOf(view, instanceId);
            if (primary.isPresent()) {
                if (!primary.get().vpcId().equals(t.vpcId())) {
                    throw AwsException.invalidParameterValue("route table " + t.id() + " and instance " + instanceId + " belong to different networks");
                }
                eniId = primary.get().id();
            }
        }
        if (dest.cidrBlock() != null && gatewayTarget) {
            Ipv4Cidr d = Ipv4Cidr.parse(dest.cidrBlock()).orElseThrow();
            for (Route r : t.routes()) {
                if (!r.isLocal()) continue;
                if (Ipv4Cidr.parse(r.destinationCidrBlock()).orElseThrow().contains(d)) {
                    throw AwsException.invalidParameterValue("The destination " + dest.cidrBlock() + " is equal to or more specific than the VPC CIDR "
                            + r.destinationCidrBlock() + "; such a route can target only a network interface, an instance or a NAT gateway.");
                }
            }
        }
        return new Route(dest.cidrBlock(), null, dest.prefixListId(), gatewayId, natId, eniId, instanceId, null, Route.ORIGIN_CREATE_ROUTE);
    }

    // ---- associations ----

    public static Optional<Found> findAssociation(View view, String associationId) {
        for (RouteTable t : view.all(RouteTable.class)) {
            for (RouteTableAssociation a : t.associations()) {
                if (a.associationId().equals(associationId)) return Optional.of(new Found(t, a));
            }
        }
        return Optional.empty();
    }

    public static Found requireAssociation(View view, String associationId) {
        IdKind.ROUTE_TABLE_ASSOCIATION.check(associationId);
        return findAssociation(view, associationId).orElseThrow(() -> IdKind.ROUTE_TABLE_ASSOCIATION.notFound(associationId));
    }

    /** The table holding a subnet's explicit association, if any. */
    public static Optional<RouteTable> explicitTableOf(View view, String subnetId) {
        return view.all(RouteTable.class).stream()
                .filter(t -> t.associations().stream().anyMatch(a -> subnetId.equals(a.subnetId())))
                .findFirst();
    }

    /** The table that routes a subnet's traffic: its explicit one, else its VPC's main table. */
    public static Optional<RouteTable> effectiveTableOf(View view, Subnet subnet) {
        return explicitTableOf(view, subnet.id()).or(() -> VpcOps.mainRouteTable(view, subnet.vpcId()));
    }

    public static RouteTableAssociation associate(Tx tx, String tableId, String subnetId) {
        RouteTable t = require(tx, tableId);
        Subnet subnet = Lookup.require(tx, Subnet.class, IdKind.SUBNET, subnetId);
        if (!subnet.vpcId().equals(t.vpcId())) {
            throw AwsException.invalidParameterValue("Route table " + tableId + " and subnet " + subnetId + " belong to different networks");
        }
        explicitTableOf(tx, subnetId).ifPresent(current -> {
            throw new AwsException("Resource.AlreadyAssociated", "the specified association for route table " + tableId
                    + " conflicts with an existing association: subnet " + subnetId + " is associated with " + current.id()
                    + ". Use ReplaceRouteTableAssociation to move it.");
        });
        RouteTableAssociation a = new RouteTableAssociation(tx.newId("rtbassoc"), subnetId, false);
        List<RouteTableAssociation> next = new ArrayList<>(t.associations());
        next.add(a);
        tx.put(t.withAssociations(next));
        return a;
    }

    public static void disassociate(Tx tx, String associationId) {
        Found f = requireAssociation(tx, associationId);
        if (f.association().main()) {
            throw AwsException.invalidParameterValue("cannot disassociate the main route table association " + associationId
                    + ". Make another table main with ReplaceRouteTableAssociation instead.");
        }
        tx.put(f.table().withAssociations(f.table().associations().stream().filter(a -> a != f.association()).toList()));
    }

    /**
     * Moves an association to another table of the same VPC and returns the new association. Moving the
     * main association makes the other table the VPC's main route table.
     */
    public static RouteTableAssociation replaceAssociation(Tx tx, String associationId, String tableId) {
        Found f = requireAssociation(tx, associationId);
        RouteTable target = require(tx, tableId);
        if (!target.vpcId().equals(f.table().vpcId())) {
            throw AwsException.invalidParameterValue("Route table " + tableId + " belongs to " + target.vpcId() + ", but association "
                    + associationId + " is in " + f.table().vpcId() + "; both must be in the same VPC.");
        }
        RouteTable source = tx.put(f.table().withAssociations(f.table().associations().stream().filter(a -> a != f.association()).toList()));
        RouteTable dest = source.id().equals(target.id()) ? source : target;
        RouteTableAssociation moved = new RouteTableAssociation(tx.newId("rtbassoc"), f.association().subnetId(), f.association().main());
        List<RouteTableAssociation> next = new ArrayList<>(dest.associations());
        next.add(moved);
        tx.put(dest.withAssociations(next));
        return moved;
    }

    /** For subnet deletion: AWS drops the subnet's explicit association with it. */
    public static void forgetSubnet(Tx tx, String subnetId) {
        explicitTableOf(tx, subnetId).ifPresent(t -> tx.put(t.withAssociations(
                t.associations().stream().filter(a -> !subnetId.equals(a.subnetId())).toList())));
    }
}
