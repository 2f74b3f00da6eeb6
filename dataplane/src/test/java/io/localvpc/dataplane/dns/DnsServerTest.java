package io.localvpc.dataplane.dns;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DNS server on real loopback sockets, asked by dnsjava's SimpleResolver over UDP and TCP. */
class DnsServerTest {

    private static Message ask(InetSocketAddress server, boolean tcp, String name, int type) throws Exception {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(10));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    private static List<String> addresses(Message m) {
        return m.getSection(Section.ANSWER).stream().filter(r -> r.getType() == Type.A).map(Record::rdataToString).toList();
    }

    @Test
    void answersOverUdpAndTcpOnOnePort() throws Exception {
        try (DnsServer dns = DnsServer.start(TestViews.vpc("10.0.1.25"), 0, "vpc-test")) {
            assertTrue(dns.address().getAddress().isLoopbackAddress());
            for (boolean tcp : new boolean[] {false, true}) {
                Message a = ask(dns.address(), tcp, "s3.us-east-1.amazonaws.com.", Type.A);
                assertEquals(List.of("10.0.1.25"), addresses(a), tcp ? "tcp" : "udp");
                assertEquals(60, a.getSection(Section.ANSWER).get(0).getTTL());
                assertEquals(Rcode.NXDOMAIN, ask(dns.address(), tcp, "nothing.example.", Type.A).getRcode());
            }
        }
    }

    @Test
    void aTruncatedUdpAnswerIsCompleteOverTcp() throws Exception {
        try (DnsServer dns = DnsServer.start(TestViews.vpc("10.0.1.25"), 0, "vpc-test")) {
            SimpleResolver resolver = new SimpleResolver(dns.address());
            resolver.setTimeout(Duration.ofSeconds(10));
            // SimpleResolver retries over TCP by itself when the UDP answer comes back with TC set.
            Message m = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("many.internal.example."), Type.A, DClass.IN)));
            assertEquals(60, addresses(m).size());
        }
    }

    @Test
    void dnsSupportOffIsRefusedOnTheWire() throws Exception {
        try (DnsServer dns = DnsServer.start(TestViews.dnsSupportOff("vpc-0abc"), 0, "vpc-0abc")) {
            assertEquals(Rcode.REFUSED, ask(dns.address(), false, "s3.us-east-1.amazonaws.com.", Type.A).getRcode());
        }
    }

    @Test
    void theRegistryRunsOneServerPerVpcOnDemand() throws Exception {
        try (DnsServerRegistry registry = new DnsServerRegistry(vpc -> vpc.equals("vpc-00000001")
                ? TestViews.vpc("10.0.0.5") : TestViews.vpc("172.31.0.5"))) {
            assertTrue(registry.address("vpc-00000001").isEmpty());
            InetSocketAddress first = registry.ensure("vpc-00000001");
            InetSocketAddress second = registry.ensure("vpc-00000002");
            assertEquals(first, registry.ensure("vpc-00000001"), "asking again gives the running server");
            assertNotEquals(first.getPort(), second.getPort());
            assertEquals(Map.of("vpc-00000001", first, "vpc-00000002", second), registry.running());

            assertEquals(List.of("10.0.0.5"), addresses(ask(first, false, "s3.us-east-1.amazonaws.com.", Type.A)));
            assertEquals(List.of("172.31.0.5"), addresses(ask(second, true, "s3.us-east-1.amazonaws.com.", Type.A)));

            assertTrue(registry.stop("vpc-00000001"));
            assertFalse(registry.stop("vpc-00000001"));
            assertTrue(registry.address("vpc-00000001").isEmpty());
            assertEquals(List.of("172.31.0.5"), addresses(ask(second, false, "s3.us-east-1.amazonaws.com.", Type.A)));
        }
    }

    @Test
    void aClosedRegistryStartsNothing() {
        DnsServerRegistry registry = new DnsServerRegistry(vpc -> TestViews.vpc("10.0.0.5"));
        registry.close();
        assertThrows(IllegalStateException.class, () -> registry.ensure("vpc-00000001"));
    }
}
