package io.localvpc.testkit;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asks a VPC's resolver for A records the way programs on an instance do: with dnsjava (always here) and
 * with {@code dig} (CI installs dnsutils; elsewhere a test that needs it is skipped, under CI=true it fails).
 */
final class DnsQueries {
    private DnsQueries() {
    }

    /** The A records (sorted) for {@code name}, over UDP or TCP; the answer must be NOERROR. */
    static List<String> dnsjava(InetSocketAddress resolver, String name, boolean tcp) throws IOException {
        Message response = query(resolver, name, tcp);
        assertEquals(Rcode.NOERROR, response.getRcode(), name + " answered " + Rcode.string(response.getRcode()));
        List<String> out = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof ARecord a) out.add(a.getAddress().getHostAddress());
        }
        return out.stream().sorted().toList();
    }

    /** The response code for {@code name} (NOERROR, NXDOMAIN, SERVFAIL, …). */
    static int rcode(InetSocketAddress resolver, String name) throws IOException {
        return query(resolver, name, false).getRcode();
    }

    private static Message query(InetSocketAddress resolver, String name, boolean tcp) throws IOException {
        SimpleResolver r = new SimpleResolver(resolver);
        r.setTCP(tcp);
        r.setTimeout(Duration.ofSeconds(5));
        return r.send(Message.newQuery(Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."), Type.A, DClass.IN)));
    }

    /** Skips the calling test when dig is absent, except under CI=true where that is a failure. */
    static void requireDig() {
        RequiredTools.require("dig", "dnsutils", "-v");
    }

    /** {@code dig @host -p port name +short}: the A records it prints, sorted. */
    static List<String> dig(InetSocketAddress resolver, String name) throws Exception {
        Process p = new ProcessBuilder("dig", "@" + resolver.getHostString(), "-p", String.valueOf(resolver.getPort()),
                name, "A", "+short", "+tries=1", "+time=5").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "dig did not finish");
        assertEquals(0, p.exitValue(), "dig failed: " + out);
        return out.lines().map(String::trim).filter(l -> !l.isEmpty()).sorted().toList();
    }
}
