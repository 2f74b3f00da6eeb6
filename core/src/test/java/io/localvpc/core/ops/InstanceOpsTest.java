package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceOpsTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private final Store store = new Store(Journal.NONE, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), DefaultVpc::create);

    private static InstanceOps.LaunchSpec spec(int min, int max) {
        return new InstanceOps.LaunchSpec("ami-12345678", null, min, max, null, List.of(), List.of(), null, List.of(), null, null);
    }

    @Test
    void launchGoesToTheDefaultSubnetOfTheFirstZoneWithAPublicIp() {
        InstanceOps.Launch launch = store.write(SCOPE, tx -> InstanceOps.run(tx, spec(2, 2), Duration.ofSeconds(1)));
        var view = store.view(SCOPE);
        Subnet subnet = InstanceOps.defaultSubnet(view);
        assertEquals("us-east-1a", subnet.availabilityZone());
        assertEquals(2, launch.instances().size());
        for (Instance i : launch.instances()) {
            assertEquals(subnet.id(), i.subnetId());
            assertEquals(Instance.State.PENDING, i.stateAt(view.now()));
            NetworkInterface eni = view.find(NetworkInterface.class, i.primaryNetworkInterfaceId()).orElseThrow();
            assertEquals(i.id(), eni.attachment().instanceId());
            assertNotNull(eni.publicIp());
            assertEquals(eni.publicIp(), i.autoAssignedPublicIp());
        }
        assertEquals(List.of("172.31.0.4", "172.31.0.5"), launch.instances().stream().map(Instance::privateIpAddress).toList());
    }

    @Test
    void stopReleasesTheAutoAssignedPublicIpAndTerminateDeletesTheInterface() {
        Instance i = store.write(SCOPE, tx -> InstanceOps.run(tx, spec(1, 1), Duration.ZERO)).instances().get(0);
        List<InstanceOps.StateChange> stop = store.write(SCOPE, tx -> InstanceOps.stop(tx, List.of(i.id()), Duration.ZERO));
        assertEquals(Instance.State.RUNNING, stop.get(0).previous());
        assertEquals(Instance.State.STOPPED, stop.get(0).current());
        assertNull(store.view(SCOPE).find(NetworkInterface.class, i.primaryNetworkInterfaceId()).orElseThrow().publicIp());
        store.write(SCOPE, tx -> InstanceOps.terminate(tx, List.of(i.id()), Duration.ZERO));
        assertTrue(store.view(SCOPE).find(NetworkInterface.class, i.primaryNetworkInterfaceId()).isEmpty());
        AwsException e = assertThrows(AwsException.class, () -> store.write(SCOPE, tx -> InstanceOps.start(tx, List.of(i.id()), Duration.ZERO)));
        assertEquals("IncorrectInstanceState", e.code());
    }

    @Test
    void refusedLaunchLeavesNothingBehind() {
        AwsException e = assertThrows(AwsException.class, () -> store.write(SCOPE, tx -> InstanceOps.run(tx,
                new InstanceOps.LaunchSpec("ami-12345678", null, 1, 1, null, List.of("sg-0123456789abcdef0"), List.of(), null, List.of(), null, null),
                Duration.ZERO)));
        assertEquals("InvalidGroup.NotFound", e.code());
        assertTrue(store.view(SCOPE).all(Instance.class).isEmpty());
        assertTrue(store.view(SCOPE).all(NetworkInterface.class).isEmpty());
    }

    @Test
    void dnsNamesFollowAwsRegionalForms() {
        assertEquals("ip-10-0-1-5.ec2.internal", NetworkInterfaceOps.privateDnsName("us-east-1", "10.0.1.5"));
        assertEquals("ip-10-0-1-5.eu-west-1.compute.internal", NetworkInterfaceOps.privateDnsName("eu-west-1", "10.0.1.5"));
        assertEquals("ec2-3-80-0-9.compute-1.amazonaws.com", NetworkInterfaceOps.publicDnsName("us-east-1", "3.80.0.9"));
        assertEquals("ec2-3-80-0-9.eu-west-1.compute.amazonaws.com", NetworkInterfaceOps.publicDnsName("eu-west-1", "3.80.0.9"));
    }

    @Test
    void publicIpsComeFromThePool() {
        String ip = NetworkInterfaceOps.allocatePublicIp(store.view(SCOPE));
        assertTrue(NetworkInterfaceOps.PUBLIC_POOL.contains(io.localvpc.core.net.Ipv4.parse(ip)), ip);
    }
}
