package io.localvpc.dataplane.flowlogs;

import io.localvpc.core.flowlogs.FlowLogRecord;
import io.localvpc.core.model.FlowLog;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.state.Change;
import io.localvpc.core.state.ResourceTypes;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.StoreListener;
import io.localvpc.core.state.View;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPOutputStream;

/**
 * Writes VPC flow logs: one thread that, about once a second, takes the connections that ended from the
 * {@link FlowLogTap}, turns each into records on every interface a flow log watches (both directions, the bytes as
 * counted, packets estimated by {@link PacketEstimate}), and when a flow log's aggregation window has run its
 * {@code MaxAggregationInterval} (or a flush asks) adds what open connections moved in it and delivers the window: as
 * one gzip object to the embedded S3 under AWS's key layout, or to the upstream that plays CloudWatch Logs or Firehose
 * ({@link FlowLogStreams}). A failed delivery is kept as the flow log's DeliverLogsErrorMessage until one succeeds.
 * Interfaces the flow log watches that had no records in the window get a NODATA record, those whose records were dropped a SKIPDATA record. Nothing here runs on an event
 * loop; the data plane only pays for the tap's counters.
 */
public final class FlowLogWriter implements StoreListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("localvpc.flowlogs");
    private static final String FLOW_LOG_TYPE = ResourceTypes.nameOf(FlowLog.class);
    private static final long TICK_NANOS = 1_000_000_000L;

    private final Store store;
    private final FlowLogTap tap;
    private final FlowLogSink sink;
    private final FlowLogStreams streams;
    /** Why each flow log's last delivery failed, by flow log id; absent when it succeeded. */
    private final Map<String, String> deliveryErrors = new java.util.concurrent.ConcurrentHashMap<>();
    private final Clock clock;
    private final Thread thread;
    private final Map<String, FlowLogWindow> windows = new HashMap<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Integer>> flushes = new ConcurrentLinkedQueue<>();
    /** Rises with each commit touching flow logs, so the writer never turns the tap off on a reading older than one. */
    private final AtomicLong flowLogCommits = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private volatile boolean running = true;

    public FlowLogWriter(Store store, FlowLogTap tap, FlowLogSink sink, FlowLogStreams streams, Clock clock) {
        this(store, tap, sink, streams, clock, true);
    }

    /** Without its thread ({@code run} false), rounds happen only when a test calls {@link #tick}. */
    FlowLogWriter(Store store, FlowLogTap tap, FlowLogSink sink, Clock clock, boolean run) {
        this(store, tap, sink, FlowLogStreams.NONE, clock, run);
    }

    FlowLogWriter(Store store, FlowLogTap tap, FlowLogSink sink, FlowLogStreams streams, Clock clock, boolean run) {
        this.store = store;
        this.tap = tap;
        this.sink = sink;
        this.streams = streams;
        this.clock = clock;
        this.thread = new Thread(this::run, "localvpc-flow-log-writer");
        thread.setDaemon(true);
        for (Scope s : store.scopes()) {
            if (store.viewIfPresent(s).map(v -> !v.all(FlowLog.class).isEmpty()).orElse(false)) tap.enable(true);
        }
        if (run) thread.start();
        else running = false;
    }

    @Override
    public void committed(Scope scope, List<Change> changes) {
        for (Change c : changes) {
            if (c.type().equals(FLOW_LOG_TYPE)) {
                flowLogCommits.incrementAndGet();
                if (!c.isRemoval()) tap.enable(true); // at once: the next connection is logged, not one a tick later
                LockSupport.unpark(thread);
                return;
            }
        }
    }

    @Override
    public void replaced() {
        flowLogCommits.incrementAndGet();
        LockSupport.unpark(thread);
    }

    /** Delivers every open window now; completes with the number of objects written. */
    public CompletableFuture<Integer> flush() {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("the flow log writer has stopped"));
            return done;
        }
        flushes.add(done);
        LockSupport.unpark(thread);
        return done;
    }

    public long recordsWritten() {
        return records.get();
    }

    public long objectsWritten() {
        return objects.get();
    }

    /** Why the flow log's last delivery failed (DescribeFlowLogs' DeliverLogsErrorMessage), or null when it did not. */
    public String deliveryError(String flowLogId) {
        return deliveryErrors.get(flowLogId);
    }

    public long deliveryFailures() {
        return failures.get();
    }

    /** Ended connections the tap dropped because this writer fell behind (each became SKIPDATA). */
    public long dropped() {
        return tap.dropped();
    }

    /** Time spent in rounds so far (records written per busy second is what the writer sustains). */
    public long busyNanos() {
        return busyNanos.get();
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(TICK_NANOS);
            List<CompletableFuture<Integer>> asked = new ArrayList<>();
            for (CompletableFuture<Integer> f; (f = flushes.poll()) != null; ) asked.add(f);
            long began = System.nanoTime();
            try {
                int delivered = tick(!asked.isEmpty());
                busyNanos.addAndGet(System.nanoTime() - began);
                for (CompletableFuture<Integer> f : asked) f.complete(delivered);
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "the flow log writer failed a round; it carries on", e);
                for (CompletableFuture<Integer> f : asked) f.completeExceptionally(e);
            }
        }
        for (CompletableFuture<Integer> f; (f = flushes.poll()) != null; ) f.completeExceptionally(new IllegalStateException("stopped"));
    }

    /** One round: follow the stored flow logs, write what ended, deliver the windows that are due (all when forced). */
    int tick(boolean force) {
        long now = clock.millis();
        reconcile(now);
        List<TappedFlow> ended = new ArrayList<>();
        tap.drainEnded(ended);
        Map<Scope, Optional<View>> views = new HashMap<>();
        for (TappedFlow f : ended) write(f, true, views);
        for (Map.Entry<String, Long> s : tap.takeSkipped().entrySet()) skipped(s.getKey(), views);
        int delivered = 0;
        for (FlowLogWindow w : windows.values()) {
            if (!force && !w.due(now)) continue;
            Optional<View> view = views.computeIfAbsent(w.scope, store::viewIfPresent);
            java.util.Set<Long> open = new java.util.HashSet<>();
            for (TappedFlow f : tap.open()) {
                open.add(f.id);
                if (f.decided.account().equals(w.scope.account()) && f.decided.region().equals(w.scope.region())) write(f, false, w, view);
            }
            w.reported.keySet().retainAll(open); // a connection whose end was dropped is not carried on
            if (deliver(w, view, now)) delivered++;
            w.next(now);
        }
        return delivered;
    }

    /** Follows the state: windows for new flow logs (starting now), none for deleted ones (their open window is dropped). */
    private void reconcile(long now) {
        long commits = flowLogCommits.get();
        Map<String, FlowLogWindow> seen = new HashMap<>();
        for (Scope s : store.scopes()) {
            Optional<View> v = store.viewIfPresent(s);
            if (v.isEmpty()) continue;
            for (FlowLog log : v.get().all(FlowLog.class)) {
                FlowLogWindow w = windows.get(log.id());
                // capture starts when the flow log was made (seen a round later); after a restart, now
                long created = log.createdAt().toEpochMilli();
                if (w == null || !w.scope.equals(s)) w = new FlowLogWindow(s, log, created <= now && now - created < 1000L * log.maxAggregationInterval() ? created : now);
                seen.put(log.id(), w);
            }
        }
        windows.clear();
        windows.putAll(seen);
        deliveryErrors.keySet().retainAll(seen.keySet());
        if (seen.isEmpty() && flowLogCommits.get() == commits) tap.enable(false);
    }

    private void write(TappedFlow f, boolean closing, Map<Scope, Optional<View>> views) {
        Scope scope = new Scope(f.decided.account(), f.decided.region());
        Optional<View> view = null;
        for (FlowLogWindow w : windows.values()) {
            if (!w.scope.equals(scope)) continue;
            if (view == null) view = views.computeIfAbsent(scope, store::viewIfPresent);
            write(f, closing, w, view);
        }
    }

    /** The flow's records for one flow log: what it moved since that flow log last wrote it, on each interface watched. */
    private void write(TappedFlow f, boolean closing, FlowLogWindow w, Optional<View> view) {
        long[] before = closing ? w.reported.remove(f.id) : w.reported.get(f.id);
        if (view.isEmpty() || !w.keeps(f.accepted)) return;
        boolean first = before == null;
        long out = f.bytesOut();
        long in = f.bytesIn();
        long dOut = first ? out : out - before[0];
        long dIn = first ? in : in - before[1];
        if (!closing) w.reported.put(f.id, new long[]{out, in});
        if (!first && !closing && dOut == 0 && dIn == 0) return; // nothing moved in this window
        long start = first ? f.startedMillis : Math.max(f.startedMillis, w.startMillis);
        long end = Math.max(start, closing ? f.endedMillis() : f.lastByteMillis());
        boolean opened = first && f.connected;
        for (FlowSide side : FlowSides.of(view.get(), f.decided, f.srcPort, f.dstPort, f.accepted)) {
            if (!w.covers(side.interfaceId(), side.subnetId(), side.vpcId())) continue;
            for (FlowLeg leg : side.legs()) {
                if (!f.connected && !leg.request()) continue; // nothing came back
                long bytes = !f.connected ? 0 : leg.request() ? dOut : dIn;
                long packets = !f.connected ? 1 : PacketEstimate.packets(bytes, leg.request() ? dIn : dOut, opened, closing, leg.request());
                int flags = !f.connected ? PacketEstimate.SYN : PacketEstimate.flags(opened, closing, leg.request());
                if (packets == 0) continue;
                FlowLogRecord r = new FlowLogRecord(w.scope.account(), side.interfaceId(), leg.srcAddr(), leg.dstAddr(), leg.srcPort(),
                        leg.dstPort(), 6, packets, bytes, start / 1000, end / 1000, f.accepted ? "ACCEPT" : "REJECT", FlowLogRecord.OK,
                        side.vpcId(), side.subnetId(), side.instanceId(), flags, leg.pktSrcAddr(), leg.pktDstAddr(), w.scope.region(),
                        side.azId(), leg.pktSrcService(), leg.pktDstService(), leg.direction(), leg.trafficPath());
                w.add(side.interfaceId(), start, r.format(w.format));
            }
        }
    }

    private void skipped(String interfaceId, Map<Scope, Optional<View>> views) {
        for (FlowLogWindow w : windows.values()) {
            Optional<View> view = views.computeIfAbsent(w.scope, store::viewIfPresent);
            view.flatMap(v -> v.find(NetworkInterface.class, interfaceId))
                    .filter(n -> w.covers(n.id(), n.subnetId(), n.vpcId()))
                    .ifPresent(n -> w.interfacesSkipped.add(n.id()));
        }
    }

    /** Writes the window's object: the header, its records, NODATA and SKIPDATA where due. False when nothing was written. */
    private boolean deliver(FlowLogWindow w, Optional<View> view, long now) {
        List<FlowLogLine> status = new ArrayList<>();
        long start = w.startMillis / 1000;
        long end = now / 1000;
        if (view.isPresent()) {
            for (NetworkInterface n : view.get().all(NetworkInterface.class)) {
                if (!w.covers(n.id(), n.subnetId(), n.vpcId())) continue;
                if (w.interfacesSkipped.contains(n.id())) {
                    status.add(new FlowLogLine(n.id(), w.startMillis,
                            FlowLogRecord.status(w.scope.account(), n.id(), start, end, FlowLogRecord.SKIPDATA).format(w.format)));
                } else if (!w.interfacesWithRecords.contains(n.id())) {
                    status.add(new FlowLogLine(n.id(), w.startMillis,
                            FlowLogRecord.status(w.scope.account(), n.id(), start, end, FlowLogRecord.NODATA).format(w.format)));
                }
            }
        }
        if (w.lines.isEmpty() && status.isEmpty()) return false;
        List<FlowLogLine> all = new ArrayList<>(w.lines);
        all.addAll(status);
        String where = switch (w.log.destinationType()) {
            case FlowLog.CLOUD_WATCH_LOGS -> "log group " + w.log.logGroupName();
            case FlowLog.FIREHOSE -> "delivery stream " + w.log.deliveryStreamName();
            default -> "s3://" + w.log.bucket() + "/";
        };
        try {
            switch (w.log.destinationType()) {
                case FlowLog.CLOUD_WATCH_LOGS -> streams.putLogEvents(w.log, w.scope.account(), all);
                case FlowLog.FIREHOSE -> streams.putRecords(w.log, w.scope.account(), all);
                default -> {
                    String key = FlowLogObjectKey.of(w.log, w.scope.account(), w.scope.region(), Instant.ofEpochMilli(now),
                            String.format("%08x", ThreadLocalRandom.current().nextInt()));
                    where += key;
                    sink.put(w.log.bucket(), key, gzip(w.format.header(), all));
                }
            }
        } catch (Exception e) {
            failures.incrementAndGet();
            deliveryErrors.put(w.log.id(), accessError(e));
            LOG.log(System.Logger.Level.WARNING, "flow log " + w.log.id() + " could not be delivered to " + where
                    + " (" + all.size() + " records dropped): " + e.getMessage());
            return false;
        }
        deliveryErrors.remove(w.log.id());
        objects.incrementAndGet();
        records.addAndGet(all.size());
        return true;
    }

    /** AWS's DeliverLogsErrorMessage words ("Access error", "Rate limited", "Unknown error") with what went wrong. */
    private static String accessError(Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (why.startsWith("Access error")) return why;
        String kind = why.startsWith("Throttling") || why.startsWith("LimitExceeded") ? "Rate limited" : "Access error";
        return kind + ": " + why;
    }

    static byte[] gzip(String header, List<FlowLogLine> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 120 * lines.size() / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 8192)) {
            gz.write(header.getBytes(StandardCharsets.US_ASCII));
            gz.write('\n');
            for (FlowLogLine line : lines) {
                gz.write(line.text().getBytes(StandardCharsets.US_ASCII));
                gz.write('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException("gzip in memory failed", e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.close();
    }
}
