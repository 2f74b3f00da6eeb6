package io.localvpc.core.ops;

import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.state.Resource;
import io.localvpc.core.state.View;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteStatesTest {
    private final RoutingTestSupport s = new RoutingTestSupport();

    /** Stand-in for the instance record another family adds: it forwards only while running. */
    record TestInstance(String id, boolean running) implements Resource, io.localvpc.core.model.RouteTarget {
        @Override
        public boolean canForward(View view) {
            return running;
        }
    }

    /** Stand-in for a gateway VPC endpoint record. */
    record TestEndpoint(String id) implements Resource {
    }

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
        NetworkInterface eni = s.write(tx -> tx.put(new NetworkInterface(tx.newId("eni"), "000000000000", vpc.id(), subnet.id(), "us-east-1a", "", "interface",
                "10.0.1.10", List.of(), List.of(), "02:00:00:00:00:01", true, false, null, null, null, tx.now())));
        Route r = to(null, null, eni.id(), null);
        assertEquals("active", state(vpc, r));

        s.write(tx -> tx.put(new TestInstance("i-0123456789abcdef0", true)));
        s.write(tx -> tx.put(eni.withAttachment(new NetworkInterface.Attachment("eni-attach-00000000", "i-0123456789abcdef0", 0, true))));
        assertEquals("active", state(vpc, r));
        assertEquals("active", state(vpc, to(null, null, null, "i-0123456789abcdef0")));

        s.write(tx -> tx.put(new TestInstance("i-0123456789abcdef0", false)));
        assertEquals("blackhole", state(vpc, r));
        assertEquals("blackhole", state(vpc, to(null, null, null, "i-0123456789abcdef0")));

        s.write(tx -> { tx.remove(NetworkInterface.class, eni.id()); return null; });
        assertEquals("blackhole", state(vpc, r));
        assertEquals("blackhole", state(vpc, to(null, null, null, "i-0fffffffffffffff0")));
    }

    @Test
    void endpointRoutesAreActiveWhileTheEndpointExists() {
        Vpc vpc = s.vpc("10.0.0.0/16");
        Route r = new Route(null, null, "pl-63a5400a", "vpce-0123456789abcdef0", null, null, null, null, Route.ORIGIN_CREATE_ROUTE);
        assertEquals("blackhole", state(vpc, r));
        s.write(tx -> tx.put(new TestEndpoint("vpce-0123456789abcdef0")));
        assertEquals("active", state(vpc, r));
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
