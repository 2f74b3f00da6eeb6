package io.localvpc.core.ops;

import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.state.Resource;
import io.localvpc.core.state.View;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteStatesTest {
    private final RoutingTestSupport s = new RoutingTestSupport();

    private static Route to(String gateway, String nat, String eni, String instance) {
        return new Route("0.0.0.0/0", null, null, gateway, nat, eni, instance, null, Route.ORIGIN_CREATE_ROUTE);
    }

    private String state(Vpc vpc, Route r) {
        View v = s.store.view(RoutingTestSupport.SCOPE);
        RouteTable t = new RouteTable("rtb-00000000", "000000000000", vpc.id(), List.of(r), List.of());
        return RouteStates.stateOf(v, t, r);
    }

    @Test
    void localRoutesAreAlwaysActive() {
        Vpc vpc = s.vpc("10.0.0.0/16");
        assertEquals("active", state(vpc, Route.local("10.0.0.0/16")));
    }

    @Test
    void internetGatewayMustBeAttachedToThisVpc() {
        Vpc vpc = s.vpc("10.0.0.0/16");
        Vpc other = s.vpc("10.1.0.0/16");
        InternetGateway igw = s.write(InternetGatewayOps::create);
        Route r = to(igw.id(), null, null, null);
        assertEquals("blackhole", state(vpc, r));
        s.write(tx -> { InternetGatewayOps.attach(tx, igw.id(), other.id()); return null; });
        assertEquals("blackhole", state(vpc, r));
        assertEquals("active", state(other, r));
        s.write(tx -> { InternetGatewayOps.detach(tx, igw.id(), other.id()); InternetGatewayOps.delete(tx, igw.id()); return null; });
        assertEquals("blackhole", state(other, r));
    }

    @Test
    void natGatewayRoutesFollowItsLifecycle() {
        Vpc vpc = s.vpc("10.0.0.0/16");
        Subnet subnet = s.subnet(vpc, "10.0.1.0/24");
        NatGateway nat = s.write(tx -> NatGatewayOps.create(tx, subnet.id(), "private", null, null));
        Route r = to(null, nat.id(), null, null);
        assertEquals("active", state(vpc, r));
        s.clock.advance(NatGatewayOps.transitionDelay());
        assertEquals("active", state(vpc, r));
        s.write(tx -> NatGatewayOps.delete(tx, nat.id()));
        assertEquals("blackhole", state(vpc, r));
        s.clock.advance(NatGatewayOps.transitionDelay());
        assertEquals("blackhole", state(vpc, r));
        assertEquals("blackhole", state(vpc, to(null, "nat-0123456789abcdef0", null, null)));
    }

    @Test
    void failedNatGatewayIsABlackhole() {
        Vpc vpc = s.vpc("10.0.0.0/16");
        Subnet subnet = s.subnet(vpc, "10.0.1.0/24");
        String alloc = s.write(tx -> AddressOps.allocate(tx, "vpc")).id();
        NatGateway nat = s.write(tx -> NatGatewayOps.create(tx, subnet.id(), "public", alloc, null));
        assertEquals("blackhole", state(vpc, to(null, nat.id(), null, null)));
    }

    @Test
    void interfaceRoutesNeedTheInterfaceAndItsInstanceRunning() {
        Vpc vpc = s.vpc("10.0.0.0/16");
        Subnet subnet = s.subnet(vpc, "10.0.1.0/24");
        NetworkInterface loose = s.write(tx -> tx.put(new NetworkInterface(tx.newId("eni"), "000000000000", vpc.id(), subnet.id(), "us-east-1a", "", "interface",
                "10.0.1.10", List.of(), List.of(), "02:00:00:00:00:01", true, false, null, null, null, tx.now())));
        assertEquals("active", state(vpc, to(null, null, loose.id(), null)), "an interface attached to nothing forwards");

        Instance instance = s.write(tx -> InstanceOps.run(tx, new InstanceOps.LaunchSpec("ami-12345678", null, 1, 1, subnet.id(), List.of(),
                List.of(), null, List.of(), null, null), Duration.ZERO)).instances().get(0);
        Route viaEni = to(null, null, instance.primaryNetworkInterfaceId(), null);
        Route viaInstance = to(null, null, null, instance.id());
        assertEquals("active", state(vpc, viaEni));
        assertEquals("active", state(vpc, viaInstance));

        s.write(tx -> InstanceOps.stop(tx, List.of(instance.id()), Duration.ZERO));
        assertEquals("blackhole", state(vpc, viaEni), "a stopped instance forwards nothing");
        assertEquals("blackhole", state(vpc, viaInstance));

        s.write(tx -> { tx.remove(NetworkInterface.class, loose.id()); return null; });
        assertEquals("blackhole", state(vpc, to(null, null, loose.id(), null)));
        assertEquals("blackhole", state(vpc, to(null, null, null, "i-0fffffffffffffff0")));
    }

    @Test
    void endpointRoutesAreActiveWhileTheEndpointExists() {
        Vpc vpc = s.vpc("10.0.0.0/16");
        assertEquals("blackhole", state(vpc, new Route(null, null, "pl-63a5400a", "vpce-0123456789abcdef0", null, null, null, null,
                Route.ORIGIN_CREATE_ROUTE)), "an endpoint that does not exist carries nothing");
        VpcEndpoint endpoint = s.write(tx -> VpcEndpointOps.create(tx, new VpcEndpointOps.Create(vpc.id(), "Gateway",
                "com.amazonaws.us-east-1.s3", null, List.of(), List.of(), List.of(), null, null, null, null, java.util.Map.of(), null)));
        Route r = new Route(null, null, "pl-63a5400a", endpoint.id(), null, null, null, null, Route.ORIGIN_CREATE_ROUTE);
        assertEquals("active", state(vpc, r));
        s.write(tx -> VpcEndpointOps.delete(tx, List.of(endpoint.id())));
        assertEquals("blackhole", state(vpc, r), "a deleting endpoint carries nothing");
    }

    @Test
    void routesAddedWithTheTableOpsStartActive() {
        Vpc vpc = s.vpc("10.0.0.0/16");
        InternetGateway igw = s.write(InternetGatewayOps::create);
        s.write(tx -> { InternetGatewayOps.attach(tx, igw.id(), vpc.id()); return null; });
        RouteTable t = s.write(tx -> RouteTableOps.create(tx, vpc.id()));
        s.write(tx -> { RouteTableOps.createRoute(tx, t.id(), RouteTableOps.destination(tx, "0.0.0.0/0", null, null),
                new RouteTableOps.Target(igw.id(), null, null, null)); return null; });
        View v = s.store.view(RoutingTestSupport.SCOPE);
        RouteTable stored = v.find(RouteTable.class, t.id()).orElseThrow();
        List<String> states = new ArrayList<>();
        for (Route r : stored.routes()) states.add(RouteStates.stateOf(v, stored, r));
        assertEquals(List.of("active", "active"), states);
        s.clock.advance(Duration.ofDays(1));
        assertEquals("active", RouteStates.stateOf(s.store.view(RoutingTestSupport.SCOPE), stored, stored.routes().get(1)));
    }
}
