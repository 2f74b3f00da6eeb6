package io.localvpc.server.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.core.catalog.Region;
import io.localvpc.core.catalog.Zone;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.RouteTableAssociation;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcCidrAssociation;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.ops.NatGatewayOps;
import io.localvpc.core.ops.RouteStates;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.core.state.View;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One VPC as the console draws it: its zones (those its subnets are in), its subnets with the route table that
 * serves each and whether that makes them public, its route tables with each route's target and state, its
 * internet and NAT gateways, its endpoints ({@link EndpointCards}), its instances and its other network
 * interfaces. {@code loadBalancers} and {@code endpointServices} are always empty: NLBs and endpoint services of
 * one's own are not modelled yet, and the page draws them in the VPC's edge band once these lists carry them.
 */
final class VpcPicture {
    private VpcPicture() {
    }

    static ObjectNode of(View view, Region region, Vpc vpc, Set<String> downZoneIds) {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("id", vpc.id());
        o.put("name", ConsoleNames.nameOf(view, vpc.id()));
        o.put("isDefault", vpc.isDefault());
        o.put("dnsSupport", vpc.enableDnsSupport());
        o.put("dnsHostnames", vpc.enableDnsHostnames());
        ArrayNode cidrs = o.putArray("cidrs");
        vpc.associatedCidrs().stream().map(VpcCidrAssociation::cidrBlock).forEach(cidrs::add);

        List<Subnet> subnets = view.all(Subnet.class).stream().filter(s -> s.vpcId().equals(vpc.id())).toList();
        List<RouteTable> tables = view.all(RouteTable.class).stream().filter(t -> t.vpcId().equals(vpc.id())).toList();
        RouteTable main = tables.stream().filter(RouteTable::isMain).findFirst().orElse(null);
        Map<String, RouteTable> tableOfSubnet = new HashMap<>();
        for (RouteTable t : tables) {
            for (RouteTableAssociation a : t.associations()) if (a.subnetId() != null) tableOfSubnet.put(a.subnetId(), t);
        }

        ArrayNode zones = o.putArray("zones");
        new TreeSet<>(subnets.stream().map(Subnet::availabilityZone).toList()).forEach(name -> {
            String id = region.zoneByName(name).map(Zone::id).orElse(null);
            zones.addObject().put("name", name).put("id", id).put("down", id != null && downZoneIds.contains(id));
        });

        ArrayNode subnetOut = o.putArray("subnets");
        for (Subnet s : subnets) {
            RouteTable table = tableOfSubnet.getOrDefault(s.id(), main);
            ObjectNode n = subnetOut.addObject();
            n.put("id", s.id()).put("name", ConsoleNames.nameOf(view, s.id())).put("cidr", s.cidrBlock())
                    .put("zone", s.availabilityZone()).put("zoneId", s.availabilityZoneId())
                    .put("mapPublicIpOnLaunch", s.mapPublicIpOnLaunch())
                    .put("routeTableId", table == null ? null : table.id())
                    .put("routeTableIsImplicit", !tableOfSubnet.containsKey(s.id()));
            SubnetExposure.publicRoute(view, table).ifPresentOrElse(
                    r -> n.put("exposure", "public").put("exposureReason", "route " + r.destination() + " → " + r.gatewayId()),
                    () -> n.put("exposure", "private").put("exposureReason", "no route to an internet gateway"));
        }

        ArrayNode tableOut = o.putArray("routeTables");
        for (RouteTable t : tables) tableOut.add(routeTable(view, t));

        ArrayNode igws = o.putArray("internetGateways");
        view.all(InternetGateway.class).stream().filter(g -> vpc.id().equals(g.attachedVpcId()))
                .forEach(g -> igws.addObject().put("id", g.id()).put("name", ConsoleNames.nameOf(view, g.id())));

        ArrayNode nats = o.putArray("natGateways");
        view.all(NatGateway.class).stream().filter(g -> g.vpcId().equals(vpc.id()) && NatGatewayOps.isVisible(view, g))
                .forEach(g -> nats.addObject().put("id", g.id()).put("name", ConsoleNames.nameOf(view, g.id()))
                        .put("subnetId", g.subnetId()).put("connectivity", g.connectivityType())
                        .put("state", NatGatewayOps.stateOf(view, g).awsName())
                        .put("privateIp", g.privateIp()).put("publicIp", g.publicIp()));

        o.set("endpoints", EndpointCards.of(view, region, vpc.id(), downZoneIds));

        ArrayNode instances = o.putArray("instances");
        view.all(Instance.class).stream().filter(i -> i.vpcId().equals(vpc.id()) && i.visibleAt(view.now()))
                .forEach(i -> instances.addObject().put("id", i.id()).put("name", ConsoleNames.nameOf(view, i.id()))
                        .put("subnetId", i.subnetId()).put("zone", i.availabilityZone()).put("state", i.stateAt(view.now()).awsName())
                        .put("privateIp", i.privateIpAddress()).put("publicIp", i.autoAssignedPublicIp()).put("type", i.instanceType()));

        // Interfaces made by the user (CreateNetworkInterface) are workloads too; those of instances, endpoints and
        // NAT gateways are drawn with their owners.
        ArrayNode others = o.putArray("networkInterfaces");
        view.all(NetworkInterface.class).stream()
                .filter(e -> e.vpcId().equals(vpc.id()) && !e.requesterManaged() && e.attachment() == null && "interface".equals(e.interfaceType()))
                .forEach(e -> others.addObject().put("id", e.id()).put("name", ConsoleNames.nameOf(view, e.id()))
                        .put("subnetId", e.subnetId()).put("privateIp", e.privateIpAddress()).put("description", e.description()));

        o.putArray("loadBalancers");
        o.putArray("endpointServices");
        return o;
    }

    private static ObjectNode routeTable(View view, RouteTable t) {
        ObjectNode n = ResourceCodec.mapper().createObjectNode();
        n.put("id", t.id()).put("name", ConsoleNames.nameOf(view, t.id())).put("main", t.isMain());
        ArrayNode subnetIds = n.putArray("subnetIds");
        t.associations().stream().map(RouteTableAssociation::subnetId).filter(s -> s != null).sorted().forEach(subnetIds::add);
        ArrayNode routes = n.putArray("routes");
        for (Route r : t.routes()) {
            String[] target = target(r);
            routes.addObject().put("destination", r.destination()).put("target", target[1]).put("targetKind", target[0])
                    .put("state", RouteStates.stateOf(view, t, r)).put("origin", r.origin());
        }
        return n;
    }

    /** What a route points at, as {kind, id}: the kinds the page draws differently. */
    private static String[] target(Route r) {
        if (r.isLocal()) return new String[]{"local", "local"};
        if (r.gatewayId() != null) return new String[]{r.gatewayId().startsWith("vpce-") ? "endpoint" : "internet-gateway", r.gatewayId()};
        if (r.natGatewayId() != null) return new String[]{"nat-gateway", r.natGatewayId()};
        if (r.networkInterfaceId() != null) return new String[]{"network-interface", r.networkInterfaceId()};
        if (r.instanceId() != null) return new String[]{"instance", r.instanceId()};
        if (r.egressOnlyInternetGatewayId() != null) return new String[]{"egress-only-internet-gateway", r.egressOnlyInternetGatewayId()};
        return new String[]{"none", null};
    }
}
