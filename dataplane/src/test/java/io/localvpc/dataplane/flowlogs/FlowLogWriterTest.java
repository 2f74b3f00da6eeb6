package io.localvpc.dataplane.flowlogs;

import io.localvpc.core.model.FlowLog;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.ops.DefaultVpc;
import io.localvpc.core.ops.FlowLogOps;
import io.localvpc.core.ops.NetworkInterfaceOps;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.time.ManualClock;
import io.localvpc.dataplane.flows.DecidedFlow;
import io.localvpc.dataplane.origin.FlowOrigin;
import io.localvpc.dataplane.proxy.ConnectRequest;
import io.localvpc.dataplane.proxy.ConnectionDecision;
import io.localvpc.dataplane.proxy.ProxiedConnection;
import io.localvpc.dataplane.proxy.ProxyProtocol;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer's aggregation windows, driven round by round on a clock the test sets (no thread, no waiting): what a
 * long connection moved in each window, NODATA for a quiet interface, SKIPDATA when the tap dropped records, and the
 * traffic type's filter.
 */
class FlowLogWriterTest {
    private static final Scope SCOPE = new Scope("111122223333", "us-east-1");
    private static final String S3_IP = "52.216.0.10";

    private record Put(String bucket, String key, List<String> lines) {
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Put> puts = new ArrayList<>();
    private Store store;
    private NetworkInterface busy;
    private NetworkInterface quiet;

    @BeforeEach
    void network() {
        store = new Store(Journal.NONE, clock, DefaultVpc::create);
        store.write(SCOPE, tx -> {
            Subnet subnet = tx.all(Subnet.class).iterator().next();
            busy = NetworkInterfaceOps.create(tx, new NetworkInterfaceOps.Spec(subnet.id(), null, List.of(), null, 0));
            quiet = NetworkInterfaceOps.create(tx, new NetworkInterfaceOps.Spec(subnet.id(), null, List.of(), null, 0));
            return null;
        });
    }

    private String flowLog(String trafficType, int interval) {
        return store.write(SCOPE, tx -> FlowLogOps.create(tx, new FlowLogOps.CreateRequest(List.of(busy.vpcId()), "VPC", trafficType, "s3",
                "arn:aws:s3:::logs", null, null, null, interval, null, null, null), bucket -> true).flowLogs().get(0).id());
    }

    private FlowLogWriter writer(FlowLogTap tap) {
        return new FlowLogWriter(store, tap, (bucket, key, gz) -> puts.add(new Put(bucket, key, gunzip(gz))), clock, false);
    }

    private static List<String> gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private DecidedFlow decided(boolean accepted) {
        FlowOrigin origin = accepted ? new FlowOrigin(SCOPE.account(), SCOPE.region(), busy.vpcId(), busy.id(), busy.privateIpAddress(),
                "vpce-1", "gateway-endpoint", "vpce-1", null, "s3.us-east-1.amazonaws.com") : null;
        return new DecidedFlow(SCOPE.account(), SCOPE.region(), busy.vpcId(), busy.id(), busy.privateIpAddress(), S3_IP, accepted,
                accepted ? "gateway endpoint vpce-1" : null, null, origin);
    }

    private ProxiedConnection connection(long id) {
        return new ProxiedConnection(id, new ConnectRequest(busy.id(), "s3.us-east-1.amazonaws.com", 443, ProxyProtocol.SOCKS5),
                new InetSocketAddress("127.0.0.1", 40001), new InetSocketAddress("127.0.0.1", 9), "summary", clock.instant(), decided(true));
    }

    private void at(long seconds) {
        clock.set(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seconds));
    }

    private String record(String src, String dst, String sport, String dport, long packets, long bytes, long start, long end, String action) {
        long base = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        return "2 " + SCOPE.account() + " " + busy.id() + " " + src + " " + dst + " " + sport + " " + dport + " 6 " + packets + " " + bytes + " "
                + (base + start) + " " + (base + end) + " " + action + " OK";
    }

    private String noData(long start, long end) {
        long base = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        return "2 " + SCOPE.account() + " " + quiet.id() + " - - - - - - - " + (base + start) + " " + (base + end) + " - NODATA";
    }

    @Test
    void aLongConnectionIsWrittenPerWindowWithWhatItMovedInEach() {
        flowLog("ALL", 60);
        FlowLogTap tap = new FlowLogTap(clock, FlowLogTap.QUEUE_CAPACITY);
        FlowLogWriter writer = writer(tap);
        assertTrue(tap.enabled(), "a flow log exists: the tap listens");
        String ip = busy.privateIpAddress();

        ProxiedConnection c = connection(7);
        tap.opened(c);
        tap.bytes(c, 100, 0);
        at(30);
        assertEquals(0, writer.tick(false), "the 60 s window is still open");
        at(61);
        assertEquals(1, writer.tick(false));
        Put first = puts.get(0);
        assertEquals("logs", first.bucket());
        assertTrue(first.key().startsWith("AWSLogs/111122223333/vpcflowlogs/us-east-1/2026/01/01/111122223333_vpcflowlogs_us-east-1_fl-"), first.key());
        assertTrue(first.key().contains("_20260101T0001Z_"), first.key());
        assertEquals(FlowLogTestLines.DEFAULT_HEADER, first.lines().get(0));
        // the first window: SYN, ACK and one data segment out; SYN-ACK and an ACK back
        assertEquals(List.of(record(ip, S3_IP, "40001", "443", 3, 100, 0, 0, "ACCEPT"), record(S3_IP, ip, "443", "40001", 2, 0, 0, 0, "ACCEPT"),
                noData(0, 61)), first.lines().subList(1, first.lines().size()));

        at(90);
        tap.closed(c, 100, 5000);
        at(121);
        assertEquals(1, writer.tick(false));
        List<String> second = puts.get(1).lines().subList(1, puts.get(1).lines().size());
        // the second window: no new bytes out (2 ACKs for 4 segments in, a FIN), 5,000 in (4 segments, no ACK: nothing came from the workload, a FIN)
        assertEquals(List.of(record(ip, S3_IP, "40001", "443", 3, 0, 61, 90, "ACCEPT"), record(S3_IP, ip, "443", "40001", 5, 5000, 61, 90, "ACCEPT"),
                noData(61, 121)), second);
        at(181);
        assertEquals(1, writer.tick(false), "only NODATA now");
        assertEquals(FlowLogTestLines.DEFAULT_HEADER, puts.get(2).lines().get(0));
        assertEquals(java.util.Set.of(noData(121, 181).replace(quiet.id(), busy.id()), noData(121, 181)),
                new java.util.HashSet<>(puts.get(2).lines().subList(1, 3)));
        writer.close();
    }

    @Test
    void refusedFlowsAreRejectsKeptByAllAndRejectLogsOnly() {
        String all = flowLog("ALL", 600);
        String accepts = store.write(SCOPE, tx -> FlowLogOps.create(tx, new FlowLogOps.CreateRequest(List.of(busy.vpcId()), "VPC", "ACCEPT", "s3",
                "arn:aws:s3:::logs/accept", null, null, null, 600, null, null, null), bucket -> true).flowLogs().get(0).id());
        FlowLogTap tap = new FlowLogTap(clock, FlowLogTap.QUEUE_CAPACITY);
        FlowLogWriter writer = writer(tap);
        tap.refused(new ConnectRequest(busy.id(), "10.9.9.9", 443, ProxyProtocol.SOCKS5),
                new ConnectionDecision.Refuse(io.localvpc.dataplane.proxy.Refusal.NOT_ALLOWED, "no route", decided(false)));
        at(5);
        assertEquals(2, writer.tick(true), "a flush delivers both windows at once");
        for (Put p : puts) {
            List<String> records = p.lines().subList(1, p.lines().size());
            if (p.key().contains(all)) {
                assertEquals(2, records.size(), records.toString());
                assertTrue(records.get(0).matches("2 111122223333 " + busy.id() + " " + busy.privateIpAddress().replace(".", "\\.") + " "
                        + S3_IP.replace(".", "\\.") + " 0 443 6 1 0 \\d+ \\d+ REJECT OK"), records.get(0));
            } else {
                assertTrue(p.key().contains(accepts), p.key());
                assertEquals(2, records.size(), "NODATA for both interfaces: " + records);
                assertTrue(records.stream().allMatch(r -> r.endsWith(" - NODATA")), records.toString());
            }
        }
        writer.close();
    }

    @Test
    void recordsTheTapCouldNotQueueBecomeSkipdata() {
        flowLog("ALL", 600);
        FlowLogTap tap = new FlowLogTap(clock, 1);
        FlowLogWriter writer = writer(tap);
        for (int i = 0; i < 3; i++) {
            tap.refused(new ConnectRequest(busy.id(), "10.9.9.9", 443, ProxyProtocol.SOCKS5),
                    new ConnectionDecision.Refuse(io.localvpc.dataplane.proxy.Refusal.NOT_ALLOWED, "no route", decided(false)));
        }
        assertEquals(2, tap.dropped());
        at(5);
        writer.tick(true);
        List<String> records = puts.get(0).lines().subList(1, puts.get(0).lines().size());
        long base = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        assertTrue(records.contains("2 111122223333 " + busy.id() + " - - - - - - - " + base + " " + (base + 5) + " - SKIPDATA"), records.toString());
        assertEquals(1, records.stream().filter(r -> r.contains(" REJECT OK")).count(), "the one queued is written");
        writer.close();
    }

    @Test
    void aDeletedFlowLogWritesNothingMore() {
        String id = flowLog("ALL", 60);
        FlowLogTap tap = new FlowLogTap(clock, FlowLogTap.QUEUE_CAPACITY);
        FlowLogWriter writer = writer(tap);
        writer.tick(false);
        store.write(SCOPE, tx -> FlowLogOps.delete(tx, List.of(id)));
        at(61);
        assertEquals(0, writer.tick(true));
        assertEquals(List.of(), puts);
        assertTrue(!tap.enabled(), "no flow log left: the tap stops listening");
        assertEquals(0, store.view(SCOPE).all(FlowLog.class).size());
        writer.close();
    }
}
