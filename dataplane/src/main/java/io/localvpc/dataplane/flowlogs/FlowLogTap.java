package io.localvpc.dataplane.flowlogs;

import io.localvpc.dataplane.flows.DecidedFlow;
import io.localvpc.dataplane.proxy.ConnectRequest;
import io.localvpc.dataplane.proxy.ConnectionDecision;
import io.localvpc.dataplane.proxy.ConnectionListener;
import io.localvpc.dataplane.proxy.ProxiedConnection;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Flow logging's ear on the workload proxy, on its event loops: it keeps open connections' byte counters and hands
 * ended connections to the {@link FlowLogWriter} through a bounded queue, never waiting. While no flow log exists it
 * does nothing but read one flag. When the queue is full (the writer has fallen behind) the ended connection is
 * dropped and counted against its interface, and the writer writes SKIPDATA for it, as AWS does when it skips records.
 */
public final class FlowLogTap implements ConnectionListener {
    static final int QUEUE_CAPACITY = 65_536;

    private volatile boolean enabled;
    private final Map<Long, TappedFlow> open = new ConcurrentHashMap<>();
    private final BlockingQueue<TappedFlow> ended;
    /** Ended connections dropped because the queue was full, by the workload's interface. */
    private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
    private final AtomicLong refusedIds = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder dropped = new LongAdder();

    private final java.time.Clock clock;

    public FlowLogTap() {
        this(java.time.Clock.systemUTC(), QUEUE_CAPACITY);
    }

    /** With the clock the writer's windows use (tests set both), and a queue of this many ended connections. */
    FlowLogTap(java.time.Clock clock, int queueCapacity) {
        this.clock = clock;
        this.ended = new ArrayBlockingQueue<>(queueCapacity);
    }

    /** Turns tapping on (a flow log exists) or off (none does); connections open at the switch are not tapped. */
    void enable(boolean on) {
        enabled = on;
        if (!on) open.clear();
    }

    boolean enabled() {
        return enabled;
    }

    @Override
    public void opened(ProxiedConnection connection) {
        if (!enabled || !(connection.context() instanceof DecidedFlow decided)) return;
        open.put(connection.id(), new TappedFlow(connection.id(), decided, portOf(connection), connection.request().port(), true, true,
                connection.started().toEpochMilli(), 0));
    }

    @Override
    public void bytes(ProxiedConnection connection, long fromWorkload, long toWorkload) {
        if (!enabled) return;
        TappedFlow f = open.get(connection.id());
        if (f != null) f.count(fromWorkload, toWorkload, clock.millis());
    }

    @Override
    public void closed(ProxiedConnection connection, long totalFromWorkload, long totalToWorkload) {
        TappedFlow f = open.remove(connection.id());
        if (f == null) return;
        f.close(totalFromWorkload, totalToWorkload, clock.millis());
        hand(f);
    }

    /** The network let it through, but nothing answered: the SYN went out, and nothing came back. */
    @Override
    public void failed(ProxiedConnection connection, Throwable cause) {
        if (!enabled || !(connection.context() instanceof DecidedFlow decided)) return;
        long now = clock.millis();
        hand(new TappedFlow(connection.id(), decided, portOf(connection), connection.request().port(), true, false, now, now));
    }

    @Override
    public void refused(ConnectRequest request, ConnectionDecision.Refuse refusal) {
        if (!enabled || !(refusal.context() instanceof DecidedFlow decided)) return;
        long now = clock.millis();
        // refusals have no proxy connection id; a number of their own keeps them apart from connections
        hand(new TappedFlow(refusedIds.getAndIncrement(), decided, 0, request.port(), decided.accepted(), false, now, now));
    }

    private void hand(TappedFlow f) {
        if (ended.offer(f)) return;
        dropped.increment();
        if (f.decided.sourceEniId() != null) skipped.computeIfAbsent(f.decided.sourceEniId(), k -> new LongAdder()).increment();
    }

    private static int portOf(ProxiedConnection c) {
        return c.workload() instanceof InetSocketAddress a ? a.getPort() : 0;
    }

    /** Moves every ended connection waiting into {@code into} (the writer's thread). */
    int drainEnded(Collection<TappedFlow> into) {
        return ended.drainTo(into);
    }

    /** The connections open now. */
    Collection<TappedFlow> open() {
        return open.values();
    }

    /** The interfaces whose ended connections were dropped since the last call, with how many. */
    Map<String, Long> takeSkipped() {
        Map<String, Long> out = new java.util.HashMap<>();
        for (Map.Entry<String, LongAdder> e : skipped.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n > 0) out.put(e.getKey(), n);
        }
        return out;
    }

    /** How many ended connections were dropped because the writer fell behind, since start. */
    public long dropped() {
        return dropped.sum();
    }
}
