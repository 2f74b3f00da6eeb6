package io.localvpc.core.ops;

import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.net.Ipv4;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NatGatewayOpsTest {
    private final RoutingTestSupport s = new RoutingTestSupport();

    private String state(String natId) {
        var v = s.store.view(RoutingTestSupport.SCOPE);
        return NatGatewayOps.stateOf(v, v.find(NatGateway.class, natId).orElseThrow()).awsName();
    }

    @Test
    void statesFollowTheStoredTimestamps() {
        Vpc vpc = s.vpc("10.0.0.0/16");
        Subnet subnet = s.subnet(vpc, "10.0.1.0/24");
        NatGateway nat = s.write(tx -> NatGatewayOps.create(tx, subnet.id(), "private", null, null));
        Duration delay = NatGatewayOps.transitionDelay();
        assertEquals("pending", state(nat.id()));
        s.clock.advance(delay.minusMillis(1));
        assertEquals("pending", state(nat.id()));
        s.clock.advance(Duration.ofMillis(1));
        assertEquals("available", state(nat.id()));

        s.write(tx -> NatGatewayOps.delete(tx, nat.id()));
        assertEquals("deleting", state(nat.id()));
        s.clock.advance(delay);
        assertEquals("deleted", state(nat.id()));

        // Still listed for an hour after it reached deleted, then forgotten by the next create.
        var v = s.store.view(RoutingTestSupport.SCOPE);
        assertTrue(NatGatewayOps.isVisible(v, v.find(NatGateway.class, nat.id()).orElseThrow()));
        s.clock.advance(NatGatewayOps.DELETED_VISIBLE_FOR);
        var later = s.store.view(RoutingTestSupport.SCOPE);
        assertFalse(NatGatewayOps.isVisible(later, later.find(NatGateway.class, nat.id()).orElseThrow()));
        s.write(tx -> NatGatewayOps.create(tx, subnet.id(), "private", null, null));
        assertTrue(s.store.view(RoutingTestSupport.SCOPE).find(NatGateway.class, nat.id()).isEmpty());
    }

    @Test
    void elasticIpsComeFromThePoolAndAreUnique() {
        Set<String> ips = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            String ip = s.write(tx -> AddressOps.allocate(tx, null)).publicIp();
            assertTrue(AddressOps.POOL.contains(Ipv4.parse(ip)), ip);
            assertNotEquals("0", ip.substring(ip.lastIndexOf('.') + 1), ip);
            assertNotEquals("255", ip.substring(ip.lastIndexOf('.') + 1), ip);
            assertTrue(ips.add(ip), "handed out twice: " + ip);
        }
    }
}
