package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.RouteTableAssociation;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.Tx;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoint rules on the records themselves: routes and interfaces follow the endpoint, state follows the clock. */
class VpcEndpointOpsTest {
    private static final String S3 = "com.amazonaws.us-east-1.s3";
    private final MutableClock clock = new MutableClock();
    private final Store store = new Store(Journal.NONE, clock, DefaultVpc::create);
    private final Scope scope = new Scope("000000000000", "us-east-1");

    private <T> T tx(Function<Tx, T> work) {
        return store.write(scope, work);
    }

    private static VpcEndpointOps.Create gateway(String vpcId, List<String> tables) {
        return new VpcEndpointOps.Create(vpcId, null, S3, null, tables, List.of(), List.of(), null, null, null, null, Map.of(), null);
    }

    private static VpcEndpointOps.Create iface(String vpcId, List<String> subnets, Boolean privateDns) {
        return new VpcEndpointOps.Create(vpcId, "Interface", S3, null, List.of(), subnets, List.of(), privateDns, null, null, null, Map.of(), null);
    }

    private String[] vpcWithTableAndSubnets() {
        return tx(tx -> {
            Vpc vpc = VpcOps.create(tx, "10.0.0.0/16", null, false);
            tx.put(vpc.withDnsHostnames(true));
            RouteTable t = tx.put(new RouteTable(tx.newId("rtb"), "000000000000", vpc.id(), List.of(Route.local("10.0.0.0/16")), List.<RouteTableAssociation>of()));
            Subnet a = tx.put(new Subnet(tx.newId("subnet"), "000000000000", vpc.id(), "10.0.1.0/24", "us-east-1a", "use1-az1", false, false, tx.now()));
            Subnet b = tx.put(new Subnet(tx.newId("subnet"), "000000000000", vpc.id(), "10.0.2.0/24", "us-east-1b", "use1-az2", false, false, tx.now()));
            return new String[]{vpc.id(), t.id(), a.id(), b.id()};
        });
    }

    @Test
    void gatewayEndpointAddsAndRemovesPrefixListRoutes() {
        String[] n = vpcWithTableAndSubnets();
        VpcEndpoint e = tx(tx -> VpcEndpointOps.create(tx, gateway(n[0], List.of(n[1]))));
        assertEquals(VpcEndpoint.State.AVAILABLE, e.state(clock.instant()));
        String pl = io.localvpc.core.catalog.ManagedPrefixLists.forService("us-east-1", S3).orElseThrow().id();
        RouteTable t = store.view(scope).find(RouteTable.class, n[1]).orElseThrow();
        Route r = t.routes().stream().filter(x -> pl.equals(x.destinationPrefixListId())).findFirst().orElseThrow();
        assertEquals(e.id(), r.gatewayId());
        assertEquals(Route.ORIGIN_CREATE_ROUTE, r.origin());

        AwsException dup = assertThrows(AwsException.class, () -> tx(tx -> VpcEndpointOps.create(tx, gateway(n[0], List.of(n[1])))));
        assertEquals("RouteAlreadyExists", dup.code());
        assertEquals(List.of(e.id()), VpcEndpointOps.endpointsUsing(store.view(scope), n[1]));

        tx(tx -> VpcEndpointOps.delete(tx, List.of(e.id())));
        assertTrue(store.view(scope).find(RouteTable.class, n[1]).orElseThrow().routes().stream().noneMatch(x -> e.id().equals(x.gatewayId())));
        assertEquals(List.of(), VpcEndpointOps.endpointsUsing(store.view(scope), n[1]));
    }

    @Test
    void interfaceEndpointIsPendingThenAvailableAndOwnsOneInterfacePerSubnet() {
        String[] n = vpcWithTableAndSubnets();
        EndpointProvisioning.setDelay(Duration.ofSeconds(30));
        VpcEndpoint e;
        try {
            e = tx(tx -> VpcEndpointOps.create(tx, iface(n[0], List.of(n[2], n[3]), null)));
        } finally {
            EndpointProvisioning.setDelay(null);
        }
        assertEquals(VpcEndpoint.State.PENDING, e.state(clock.instant()));
        clock.advance(Duration.ofSeconds(31));
        assertEquals(VpcEndpoint.State.AVAILABLE, store.view(scope).find(VpcEndpoint.class, e.id()).orElseThrow().state(clock.instant()));

        List<NetworkInterface> enis = VpcEndpointOps.interfacesOf(store.view(scope), e);
        assertEquals(2, enis.size());
        for (NetworkInterface eni : enis) {
            assertEquals("vpc_endpoint", eni.interfaceType());
            assertEquals("VPC Endpoint Interface " + e.id(), eni.description());
            assertTrue(eni.requesterManaged());
            assertEquals(InterfaceEndpointEnis.REQUESTER_ID, eni.requesterId());
            assertEquals(List.of(VpcOps.defaultSecurityGroup(store.view(scope), n[0]).orElseThrow().id()), eni.groupIds());
        }
        assertEquals("10.0.1.4", enis.get(0).privateIpAddress());
        VpcEndpoint.Interface v = (VpcEndpoint.Interface) e.variant();
        assertTrue(v.privateDnsEnabled());
        assertEquals(1 + 2 + 2, v.dnsEntries().size()); // regional, two zonal, s3's two private names

        AwsException conflict = assertThrows(AwsException.class, () -> tx(tx -> VpcEndpointOps.create(tx, iface(n[0], List.of(), true))));
        assertEquals("InvalidParameter", conflict.code());
        assertTrue(conflict.getMessage().contains("conflicting DNS domain for s3.us-east-1.amazonaws.com in the VPC " + n[0]), conflict.getMessage());

        tx(tx -> VpcEndpointOps.delete(tx, List.of(e.id())));
        VpcEndpoint deleting = store.view(scope).find(VpcEndpoint.class, e.id()).orElseThrow();
        assertEquals(VpcEndpoint.State.DELETING, deleting.state(clock.instant()));
        assertTrue(store.view(scope).all(NetworkInterface.class).stream().noneMatch(x -> x.description().endsWith(e.id())));
        clock.advance(Duration.ofSeconds(3));
        assertEquals(VpcEndpoint.State.DELETED, deleting.state(clock.instant()));
        assertTrue(deleting.isVisible(clock.instant()));
        clock.advance(VpcEndpoint.DELETED_VISIBLE_FOR);
        assertFalse(deleting.isVisible(clock.instant()));
    }

    @Test
    void vpcWithAnEndpointCannotBeDeleted() {
        String[] n = vpcWithTableAndSubnets();
        VpcEndpoint e = tx(tx -> VpcEndpointOps.create(tx, iface(n[0], List.of(), false)));
        AwsException ex = assertThrows(AwsException.class, () -> tx(tx -> {
            tx.remove(Subnet.class, n[2]);
            tx.remove(Subnet.class, n[3]);
            tx.remove(RouteTable.class, n[1]);
            VpcOps.delete(tx, n[0]);
            return null;
        }));
        assertEquals("DependencyViolation", ex.code());
        assertTrue(ex.getMessage().contains(e.id()), ex.getMessage());
    }

    @Test
    void recordsSurviveTheJournalRoundTrip() {
        String[] n = vpcWithTableAndSubnets();
        VpcEndpoint g = tx(tx -> VpcEndpointOps.create(tx, gateway(n[0], List.of(n[1]))));
        VpcEndpoint i = tx(tx -> VpcEndpointOps.create(tx, iface(n[0], List.of(n[2]), false)));
        for (VpcEndpoint e : List.of(g, i)) {
            assertEquals(e, ResourceCodec.fromJson(ResourceCodec.typeKey(VpcEndpoint.class), ResourceCodec.toJson(e)));
        }
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2024-05-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
