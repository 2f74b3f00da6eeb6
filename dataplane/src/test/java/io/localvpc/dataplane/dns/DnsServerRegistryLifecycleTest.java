package io.localvpc.dataplane.dns;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A VPC's resolver stops, its port closed, once the VPC no longer exists (issue 10). */
class DnsServerRegistryLifecycleTest {

    @Test
    void serversOfVpcsThatAreGoneStopAndFreeTheirPort() throws Exception {
        Set<String> vpcs = ConcurrentHashMap.newKeySet();
        vpcs.addAll(Set.of("vpc-00000001", "vpc-00000002"));
        try (DnsServerRegistry registry = new DnsServerRegistry(vpc -> TestViews.vpc("10.0.0.5"), vpcs::contains)) {
            InetSocketAddress gone = registry.ensureIfExists("vpc-00000001").orElseThrow();
            InetSocketAddress kept = registry.ensureIfExists("vpc-00000002").orElseThrow();
            assertAccepts(gone);

            vpcs.remove("vpc-00000001");
            List<String> stopped = registry.stopGone().get(30, TimeUnit.SECONDS);

            assertEquals(List.of("vpc-00000001"), stopped);
            assertEquals(Map.of("vpc-00000002", kept), registry.running());
            // Binding the port ourselves proves it was freed, the connection it accepted included (a connect could
            // reach whoever else took the port since). The closed connection may linger in TIME_WAIT, as any does.
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(true);
                tcp.bind(gone, 1);
                assertEquals(gone.getPort(), tcp.getLocalPort(), "the TCP port is free again");
            }
            try (DatagramSocket udp = new DatagramSocket(gone)) {
                assertEquals(gone.getPort(), udp.getLocalPort(), "the UDP port is free again");
            }
            assertAccepts(kept);
            assertTrue(registry.stopGone().get(30, TimeUnit.SECONDS).isEmpty(), "nothing else is gone");
        }
    }

    @Test
    void noServerStartsForAVpcThatDoesNotExist() {
        try (DnsServerRegistry registry = new DnsServerRegistry(vpc -> TestViews.vpc("10.0.0.5"), vpc -> false)) {
            assertTrue(registry.ensureIfExists("vpc-00000001").isEmpty());
            assertTrue(registry.running().isEmpty());
        }
    }

    private static void assertAccepts(InetSocketAddress address) throws IOException {
        new Socket(address.getAddress(), address.getPort()).close();
    }
}
