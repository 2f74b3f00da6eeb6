package io.localvpc.dataplane.flowlogs;

import io.localvpc.dataplane.flows.DecidedFlow;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection as flow logging sees it: fixed facts, and its bytes counted by its event loop as they move. The
 * writer thread reads the counters when a window closes and when the connection ends; nothing here blocks.
 *
 * @see FlowLogTap
 */
final class TappedFlow {
    final long id;
    final DecidedFlow decided;
    final int srcPort;
    final int dstPort;
    /** Whether the network let it through; false for a REJECT. */
    final boolean accepted;
    /** Whether a connection was made (false: the SYN went unanswered, or the network refused it). */
    final boolean connected;
    final long startedMillis;
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private volatile long lastByteMillis;
    private volatile long endedMillis;

    TappedFlow(long id, DecidedFlow decided, int srcPort, int dstPort, boolean accepted, boolean connected, long startedMillis, long endedMillis) {
        this.id = id;
        this.decided = decided;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.accepted = accepted;
        this.connected = connected;
        this.startedMillis = startedMillis;
        this.lastByteMillis = startedMillis;
        this.endedMillis = endedMillis;
    }

    void count(long out, long in, long nowMillis) {
        if (out != 0) bytesOut.addAndGet(out);
        if (in != 0) bytesIn.addAndGet(in);
        lastByteMillis = nowMillis;
    }

    /** Closed, with the connection's own totals (they count what per-buffer reports may have missed). */
    void close(long totalOut, long totalIn, long nowMillis) {
        bytesOut.set(totalOut);
        bytesIn.set(totalIn);
        lastByteMillis = nowMillis;
        endedMillis = nowMillis;
    }

    long bytesOut() {
        return bytesOut.get();
    }

    long bytesIn() {
        return bytesIn.get();
    }

    long lastByteMillis() {
        return lastByteMillis;
    }

    /** When it closed; 0 while open. */
    long endedMillis() {
        return endedMillis;
    }
}
