package io.localvpc.dataplane.flows;

import io.localvpc.core.state.Scope;
import io.localvpc.dataplane.proxy.ConnectRequest;
import io.localvpc.dataplane.proxy.ConnectionDecision;
import io.localvpc.dataplane.proxy.ConnectionListener;
import io.localvpc.dataplane.proxy.ProxiedConnection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recent flows of every account and region: each connection the workload proxy was asked for, with the path
 * engine's decision ({@link DecidedFlow}, carried on the proxy's decision), its bytes while it is open, and when it
 * closed. It listens to the proxy, so it is fed where the decision is made (a refusal) and where bytes are counted
 * and connections close. It keeps the last {@code capacity} flows per account and region; the console reads them,
 * and flow logs can be written from them.
 *
 * <p>Connections refused before any account is known (a missing or malformed identity, an instance no account
 * has) belong to no account and are not recorded; the proxy's log has them.
 */
public final class FlowRecorder implements ConnectionListener {
    public static final int DEFAULT_CAPACITY = 1000;

    private final int capacity;
    private final AtomicLong stamps = new AtomicLong();
    private final AtomicLong clears = new AtomicLong();
    private final Map<Scope, FlowRing> rings = new ConcurrentHashMap<>();
    /** The open flows by the proxy's connection id, so each buffer's bytes find theirs. */
    private final Map<Long, LiveFlow> open = new ConcurrentHashMap<>();

    public FlowRecorder() {
        this(DEFAULT_CAPACITY);
    }

    public FlowRecorder(int capacityPerScope) {
        if (capacityPerScope < 1) throw new IllegalArgumentException("capacity must be at least 1");
        this.capacity = capacityPerScope;
    }

    @Override
    public void opened(ProxiedConnection connection) {
        if (!(connection.context() instanceof DecidedFlow decided)) return;
        LiveFlow flow = ring(decided).add(stamps, id -> new LiveFlow(id, connection.started(), connection.request(), decided, null, null));
        open.put(connection.id(), flow);
    }

    @Override
    public void bytes(ProxiedConnection connection, long fromWorkload, long toWorkload) {
        LiveFlow flow = open.get(connection.id());
        if (flow != null) flow.count(fromWorkload, toWorkload);
    }

    @Override
    public void closed(ProxiedConnection connection, long totalFromWorkload, long totalToWorkload) {
        LiveFlow flow = open.remove(connection.id());
        // a flow forgotten by a clear is not brought back (nor its account's ring) by its close
        FlowRing ring = flow == null ? null : rings.get(new Scope(flow.decided.account(), flow.decided.region()));
        if (ring != null) ring.close(stamps, flow, Instant.now(), totalFromWorkload, totalToWorkload);
    }

    @Override
    public void failed(ProxiedConnection connection, Throwable cause) {
        if (connection.context() instanceof DecidedFlow decided) {
            ended(connection.request(), decided, "the path is open, but connecting to the destination failed: "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
        }
    }

    @Override
    public void refused(ConnectRequest request, ConnectionDecision.Refuse refusal) {
        if (refusal.context() instanceof DecidedFlow decided) ended(request, decided, decided.accepted() ? refusal.reason() : null);
    }

    private void ended(ConnectRequest request, DecidedFlow decided, String note) {
        Instant now = Instant.now();
        ring(decided).add(stamps, id -> new LiveFlow(id, now, request, decided, note, now));
    }

    private FlowRing ring(DecidedFlow decided) {
        return rings.computeIfAbsent(new Scope(decided.account(), decided.region()), s -> new FlowRing(capacity));
    }

    /**
     * Forgets every recorded flow (the state was reset: they name resources that are gone). Connections still open
     * are no longer shown, even when they close. Stamps keep rising, so a reader's cursor stays valid;
     * {@link FlowPage#epoch()} tells it to drop what it held.
     */
    public void clear() {
        clears.incrementAndGet();
        rings.clear();
    }

    /**
     * The flows of an account and region that pass {@code filter}, newest first: with {@code after} 0 every one held;
     * with the cursor of an earlier read, those recorded or closed since and those still open. Never sets anything up.
     */
    public FlowPage read(Scope scope, FlowFilter filter, long after) {
        FlowRing ring = rings.get(scope);
        long epoch = clears.get();
        if (ring == null) return new FlowPage(stamps.get(), epoch, capacity, List.of());
        FlowRing.Held held = ring.held(stamps);
        List<FlowRecord> out = new ArrayList<>();
        for (LiveFlow f : held.newestFirst()) {
            if ((f.changed() > after || f.isOpen()) && filter.matches(f.request, f.decided)) out.add(f.snapshot());
        }
        return new FlowPage(held.cursor(), epoch, capacity, out);
    }
}
