package io.localvpc.dataplane.flows;

import io.localvpc.core.path.Hop;
import io.localvpc.core.state.Scope;
import io.localvpc.dataplane.origin.FlowOrigin;
import io.localvpc.dataplane.proxy.ConnectRequest;
import io.localvpc.dataplane.proxy.ConnectionDecision;
import io.localvpc.dataplane.proxy.ProxiedConnection;
import io.localvpc.dataplane.proxy.ProxyProtocol;
import io.localvpc.dataplane.proxy.Refusal;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flow recorder fed as the proxy feeds it: decisions, bytes, closes; read back by scope, filter and cursor. */
class FlowRecorderTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private static final String S3 = "s3.us-east-1.amazonaws.com";
    private final FlowRecorder recorder = new FlowRecorder();
    private long connectionIds;

    private static DecidedFlow delivered(String vpc, String eni) {
        FlowOrigin origin = new FlowOrigin(SCOPE.account(), SCOPE.region(), vpc, eni, "10.0.1.10", "vpce-1", "gateway-endpoint", "vpce-1", null, S3);
        return new DecidedFlow(SCOPE.account(), SCOPE.region(), vpc, eni, "10.0.1.10", "52.216.8.1", true, "gateway endpoint vpce-1", null, origin);
    }

    private static DecidedFlow refusedFlow(String vpc, String eni) {
        Hop deciding = new Hop(Hop.Kind.ROUTE, "rtb-1", false, null, "203.0.113.9");
        return new DecidedFlow(SCOPE.account(), SCOPE.region(), vpc, eni, "10.0.1.10", "203.0.113.9", false, "no route", deciding, null);
    }

    private ProxiedConnection connection(String identity, String host, DecidedFlow decided) {
        return new ProxiedConnection(++connectionIds, new ConnectRequest(identity, host, 443, ProxyProtocol.HTTP_CONNECT),
                new InetSocketAddress("127.0.0.1", 50000), new InetSocketAddress("127.0.0.1", 9000), "summary", Instant.now(), decided);
    }

    private void refuse(String identity, String host, DecidedFlow decided) {
        recorder.refused(new ConnectRequest(identity, host, 443, ProxyProtocol.SOCKS5),
                new ConnectionDecision.Refuse(Refusal.NETWORK_UNREACHABLE, "no route to " + host + " in rtb-1", decided));
    }

    private List<FlowRecord> all() {
        return recorder.read(SCOPE, FlowFilter.ALL, 0).flows();
    }

    @Test
    void aDeliveredFlowIsOpenCountsItsBytesAndClosesWithTheConnectionsTotals() {
        ProxiedConnection c = connection("i-1", S3, delivered("vpc-1", "eni-1"));
        recorder.opened(c);
        recorder.bytes(c, 100, 0);
        recorder.bytes(c, 0, 250);
        FlowRecord open = all().get(0);
        assertTrue(open.open());
        assertNull(open.ended());
        assertEquals("ACCEPT", open.verdict());
        assertEquals(100, open.bytesOut());
        assertEquals(250, open.bytesIn());
        assertEquals("gateway endpoint vpce-1", open.decided().path());
        assertEquals("i-1", open.request().identity());

        recorder.closed(c, 120, 300);
        FlowRecord closed = all().get(0);
        assertFalse(closed.open());
        assertNotNull(closed.ended());
        assertEquals(120, closed.bytesOut(), "the connection's own total wins");
        assertEquals(300, closed.bytesIn());
        recorder.bytes(c, 5, 5);
        assertEquals(120, all().get(0).bytesOut(), "nothing counts after the close");
    }

    @Test
    void aRefusedFlowIsRecordedClosedWithItsDecidingHop() {
        refuse("i-1", "203.0.113.9", refusedFlow("vpc-1", "eni-1"));
        FlowRecord f = all().get(0);
        assertEquals("REJECT", f.verdict());
        assertFalse(f.open());
        assertEquals("no route to 203.0.113.9 in rtb-1", f.decided().deciding().describe());
        assertNull(f.note(), "the deciding hop says why");
    }

    @Test
    void aFlowTheNetworkAcceptedButNothingServedIsAnAcceptWithTheReason() {
        refuse("i-1", S3, delivered("vpc-1", "eni-1"));
        FlowRecord f = all().get(0);
        assertEquals("ACCEPT", f.verdict());
        assertFalse(f.open());
        assertEquals("no route to " + S3 + " in rtb-1", f.note());

        ProxiedConnection c = connection("i-1", S3, delivered("vpc-1", "eni-1"));
        recorder.failed(c, new java.net.ConnectException("Connection refused"));
        FlowRecord failed = all().get(0);
        assertEquals("ACCEPT", failed.verdict());
        assertTrue(failed.note().contains("Connection refused"), failed.note());
    }

    @Test
    void whatTheRecorderCannotPlaceInAnAccountIsNotRecorded() {
        recorder.refused(new ConnectRequest(null, S3, 443, ProxyProtocol.SOCKS5), new ConnectionDecision.Refuse("no identity"));
        recorder.opened(connection("i-1", S3, null));
        assertEquals(List.of(), all());
        assertEquals(0, recorder.read(SCOPE, FlowFilter.ALL, 0).cursor());
    }

    @Test
    void eachAccountAndRegionKeepsItsOwnLastFlows() {
        FlowRecorder small = new FlowRecorder(3);
        for (int i = 1; i <= 5; i++) {
            small.refused(new ConnectRequest("i-" + i, "203.0.113.9", 443, ProxyProtocol.SOCKS5),
                    new ConnectionDecision.Refuse(Refusal.NETWORK_UNREACHABLE, "no route", refusedFlow("vpc-1", "eni-" + i)));
        }
        DecidedFlow elsewhere = new DecidedFlow("111122223333", "us-east-1", "vpc-9", "eni-9", "10.9.0.1", "203.0.113.9", false, null, null, null);
        small.refused(new ConnectRequest("i-9", "203.0.113.9", 443, ProxyProtocol.SOCKS5), new ConnectionDecision.Refuse(Refusal.NETWORK_UNREACHABLE, "x", elsewhere));

        FlowPage page = small.read(SCOPE, FlowFilter.ALL, 0);
        assertEquals(3, page.capacity());
        assertEquals(List.of("i-5", "i-4", "i-3"), page.flows().stream().map(f -> f.request().identity()).toList(), "the newest three, newest first");
        assertEquals(List.of("i-9"), small.read(new Scope("111122223333", "us-east-1"), FlowFilter.ALL, 0).flows().stream()
                .map(f -> f.request().identity()).toList());
        assertEquals(List.of(), small.read(new Scope("000000000000", "eu-west-1"), FlowFilter.ALL, 0).flows());
    }

    @Test
    void aCursorGivesWhatIsNewOrClosedSinceAndWhatIsStillOpen() {
        ProxiedConnection stays = connection("i-1", S3, delivered("vpc-1", "eni-1"));
        ProxiedConnection closes = connection("i-1", S3, delivered("vpc-1", "eni-1"));
        recorder.opened(stays);
        recorder.opened(closes);
        refuse("i-1", "203.0.113.9", refusedFlow("vpc-1", "eni-1"));
        FlowPage first = recorder.read(SCOPE, FlowFilter.ALL, 0);
        assertEquals(3, first.flows().size());

        FlowPage quiet = recorder.read(SCOPE, FlowFilter.ALL, first.cursor());
        assertEquals(2, quiet.flows().size(), "the two open flows, whose bytes move: " + quiet.flows());
        assertTrue(quiet.flows().stream().allMatch(FlowRecord::open));

        recorder.closed(closes, 10, 20);
        refuse("i-2", "203.0.113.10", refusedFlow("vpc-1", "eni-2"));
        FlowPage next = recorder.read(SCOPE, FlowFilter.ALL, quiet.cursor());
        List<Long> ids = next.flows().stream().map(FlowRecord::id).toList();
        assertEquals(3, ids.size(), "the new refusal, the closed flow and the open one: " + next.flows());
        FlowRecord closed = next.flows().stream().filter(f -> !f.open() && f.verdict().equals("ACCEPT")).findFirst().orElseThrow();
        assertEquals(20, closed.bytesIn());
        assertTrue(next.cursor() > quiet.cursor());
        assertEquals(ids.stream().sorted(java.util.Comparator.reverseOrder()).toList(), ids, "newest first");
    }

    @Test
    void aClearForgetsEveryFlowAndSaysSoWhileCursorsStayValid() {
        refuse("i-1", "203.0.113.9", refusedFlow("vpc-1", "eni-1"));
        ProxiedConnection open = connection("i-1", S3, delivered("vpc-1", "eni-1"));
        recorder.opened(open);
        FlowPage before = recorder.read(SCOPE, FlowFilter.ALL, 0);
        recorder.clear();
        recorder.closed(open, 1, 1);
        FlowPage cleared = recorder.read(SCOPE, FlowFilter.ALL, before.cursor());
        assertEquals(List.of(), cleared.flows());
        assertEquals(before.epoch() + 1, cleared.epoch(), "a reader learns that what it holds is gone");
        refuse("i-2", "203.0.113.9", refusedFlow("vpc-1", "eni-2"));
        FlowPage after = recorder.read(SCOPE, FlowFilter.ALL, before.cursor());
        assertEquals(List.of("i-2"), after.flows().stream().map(f -> f.request().identity()).toList(),
                "the old cursor still finds what is new, and a forgotten flow's close does not bring it back");
    }

    @Test
    void filtersByVpcSourceAndVerdict() {
        recorder.opened(connection("i-1", S3, delivered("vpc-1", "eni-1")));
        recorder.opened(connection("eni-2", S3, delivered("vpc-2", "eni-2")));
        refuse("i-3", "203.0.113.9", refusedFlow("vpc-2", "eni-3"));

        assertEquals(List.of("i-3", "eni-2"), ids(new FlowFilter("vpc-2", null, null)));
        assertEquals(List.of("i-1"), ids(new FlowFilter(null, "i-1", null)));
        assertEquals(List.of("i-1"), ids(new FlowFilter(null, "eni-1", null)), "an instance's flows leave from its interface");
        assertEquals(List.of("i-3"), ids(new FlowFilter(null, null, "reject")));
        assertEquals(List.of("eni-2", "i-1"), ids(new FlowFilter(null, null, "ACCEPT")));
        assertEquals(List.of(), ids(new FlowFilter("vpc-1", null, "REJECT")));
        assertThrows(IllegalArgumentException.class, () -> new FlowFilter(null, null, "DROP"));
    }

    private List<String> ids(FlowFilter filter) {
        return recorder.read(SCOPE, filter, 0).flows().stream().map(f -> f.request().identity()).toList();
    }
}
