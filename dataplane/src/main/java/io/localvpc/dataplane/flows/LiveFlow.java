package io.localvpc.dataplane.flows;

import io.localvpc.dataplane.proxy.ConnectRequest;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A recorded flow while the recorder holds it: fixed facts, and the bytes and state that change until it closes.
 * Bytes are counted by the connection's event loop as they move; the rest changes under its {@link FlowRing}'s lock.
 */
final class LiveFlow {
    final long id;
    final Instant started;
    final ConnectRequest request;
    final DecidedFlow decided;
    final String note;
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private volatile boolean open;
    /** The recorder's stamp of the last change: the id when recorded, a later stamp when it closed. */
    private volatile long changed;
    private volatile Instant ended;

    LiveFlow(long id, Instant started, ConnectRequest request, DecidedFlow decided, String note, Instant endedAlready) {
        this.id = id;
        this.started = started;
        this.request = request;
        this.decided = decided;
        this.note = note;
        this.changed = id;
        this.ended = endedAlready;
        this.open = endedAlready == null;
    }

    void count(long out, long in) {
        if (out != 0) bytesOut.addAndGet(out);
        if (in != 0) bytesIn.addAndGet(in);
    }

    /** Closed, with the connection's own totals (they count what the per-buffer reports may have missed). */
    void close(long stamp, Instant at, long totalOut, long totalIn) {
        bytesOut.set(totalOut);
        bytesIn.set(totalIn);
        ended = at;
        changed = stamp;
        open = false;
    }

    boolean isOpen() {
        return open;
    }

    long changed() {
        return changed;
    }

    FlowRecord snapshot() {
        boolean o = open;
        return new FlowRecord(id, started, o ? null : ended, request, decided, note, bytesOut.get(), bytesIn.get(), o);
    }
}
