package io.localvpc.dataplane.health;

import io.localvpc.core.path.Flow;
import io.localvpc.core.path.PathEngine;
import io.localvpc.core.path.Target;
import io.localvpc.core.path.TargetHealthBook;
import io.localvpc.core.path.TargetHealthBook.TargetKey;
import io.localvpc.core.path.Verdict;
import io.localvpc.core.state.Change;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.StoreListener;
import io.localvpc.core.state.View;
import io.netty.channel.EventLoopGroup;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The health checks of Network Load Balancer targets. Every second while some listener forwards to a group with
 * targets, a round finds the targets due (each group's interval), decides each check as a flow from the load
 * balancer's node in the target's zone to the target with the {@link PathEngine} (so security groups and network ACLs
 * judge it as they judge any connection), probes the program published there ({@link HealthProbe}, on Netty's event
 * loops), and counts the results into the {@link TargetHealthBook} that DescribeTargetHealth and the data path read.
 *
 * <p>Rounds and results run on one scheduling thread, so the counters need no locks. With no listener forwarding to a
 * target there is no timer at all: a committed change to load balancers, listeners or target groups wakes it.
 * At most {@value #MAX_IN_FLIGHT} checks are open at once; the rest start as open ones end.
 */
public final class HealthChecker implements StoreListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("localvpc.health");
    static final int MAX_IN_FLIGHT = 64;
    private static final Set<String> WAKING_TYPES = Set.of("load-balancer", "listener", "target-group");

    private final Store store;
    private final PathEngine engine;
    private final TargetHealthBook book;
    private final EventLoopGroup loops;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "localvpc-health-checks");
        t.setDaemon(true);
        return t;
    });
    private final Map<TargetKey, Tracked> tracked = new HashMap<>();
    /** The checks found due by the last round and not started yet (the open-check limit held them back). */
    private final java.util.ArrayDeque<Due> due = new java.util.ArrayDeque<>();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong checks = new AtomicLong();
    private final java.time.Duration tick;
    private ScheduledFuture<?> ticker; // only on the scheduling thread
    private int inFlight;

    private record Due(CheckedTarget target, Tracked state, View view) {
    }

    /** A target being checked: its counter, when it is next due, and whether a check is open. */
    private static final class Tracked {
        final TargetHealthCounter counter = new TargetHealthCounter();
        Instant nextDue = Instant.MIN;
        boolean open;
    }

    public HealthChecker(Store store, PathEngine engine, TargetHealthBook book, EventLoopGroup loops, Clock clock) {
        this(store, engine, book, loops, clock, java.time.Duration.ofSeconds(1));
    }

    /** @param tick how often rounds run while there are targets (tests pass a long one and run rounds themselves) */
    HealthChecker(Store store, PathEngine engine, TargetHealthBook book, EventLoopGroup loops, Clock clock, java.time.Duration tick) {
        this.tick = tick;
        this.store = store;
        this.engine = engine;
        this.book = book;
        this.loops = loops;
        this.clock = clock;
    }

    /** Looks for targets to check now (at start-up, for a restored state). */
    public void wake() {
        scheduler.execute(this::round);
    }

    @Override
    public void committed(Scope scope, List<Change> changes) {
        for (Change c : changes) {
            if (WAKING_TYPES.contains(c.type())) {
                wake();
                return;
            }
        }
    }

    @Override
    public void replaced() {
        wake();
    }

    /** Rounds run so far (each looks at every target; a target is probed when due). */
    public long rounds() {
        return rounds.get();
    }

    /** Health checks started so far. */
    public long checks() {
        return checks.get();
    }

    /** Runs one round on the scheduling thread and waits for it (tests drive the checker round by round). */
    void roundNow() throws Exception {
        scheduler.submit(this::round).get();
    }

    /** Whether rounds are scheduled (there are targets behind listeners). */
    boolean ticking() throws Exception {
        return scheduler.submit(() -> ticker != null).get();
    }

    /** One round: who is checked now, who is due, and start their checks. Runs on the scheduling thread. */
    void round() {
        try {
            rounds.incrementAndGet();
            Instant now = clock.instant();
            Map<TargetKey, CheckedTarget> plan = new HashMap<>();
            Map<Scope, View> views = new HashMap<>();
            boolean anyTargets = false;
            for (Scope scope : store.scopes()) {
                View view = store.viewIfPresent(scope).orElse(null);
                if (view == null || !CheckedTargets.anyBehindListeners(view)) continue;
                anyTargets = true;
                List<CheckedTarget> in = CheckedTargets.in(view);
                if (in.isEmpty()) continue;
                views.put(scope, view);
                for (CheckedTarget t : in) plan.put(t.key(), t);
            }
            Set<TargetKey> gone = new HashSet<>(tracked.keySet());
            gone.removeAll(plan.keySet());
            if (!gone.isEmpty()) {
                tracked.keySet().removeAll(gone);
                book.forgetWhere(gone::contains); // a target checked again later starts at initial, as after re-registering
            }
            if (!anyTargets) {
                due.clear();
                stopTicking();
                return;
            }
            startTicking();
            due.clear();
            for (CheckedTarget t : plan.values()) {
                Tracked state = tracked.computeIfAbsent(t.key(), k -> new Tracked());
                if (!state.open && !now.isBefore(state.nextDue)) due.add(new Due(t, state, views.get(t.key().scope())));
            }
            startDue();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "health-check round failed; the next round tries again", e);
        }
    }

    /**
     * Starts due checks while fewer than {@value #MAX_IN_FLIGHT} are open; the rest wait for a check to end (not for the
     * next round), so the limit bounds concurrency without capping the rate.
     */
    private void startDue() {
        while (inFlight < MAX_IN_FLIGHT && !due.isEmpty()) {
            Due d = due.poll();
            CheckedTarget t = d.target();
            Tracked state = d.state();
            if (state.open || tracked.get(t.key()) != state) continue;
            state.open = true;
            state.nextDue = clock.instant().plusSeconds(t.settings().intervalSeconds());
            inFlight++;
            checks.incrementAndGet();
            CompletableFuture<ProbeOutcome> checked;
            try {
                checked = check(d.view(), t);
            } catch (RuntimeException e) { // counted as a failed check, so the target is not left open for ever
                checked = CompletableFuture.failedFuture(e);
            }
            checked.whenComplete((outcome, failure) -> scheduler.execute(() -> {
                inFlight--;
                state.open = false;
                if (tracked.get(t.key()) == state) { // still checked
                    ProbeOutcome o = failure != null ? ProbeOutcome.failed("Elb.InternalError", "Health check could not run: " + failure) : outcome;
                    book.record(t.key(), o.passed() ? state.counter.passed(t.settings().healthyThreshold())
                            : state.counter.failed(t.settings().unhealthyThreshold(), o.reason(), o.description()));
                }
                startDue();
            }));
        }
    }

    /** Decides the check's way through the network, then probes the program that plays the target's port. */
    private CompletableFuture<ProbeOutcome> check(View view, CheckedTarget t) {
        Verdict v = engine.decide(view, new Flow(t.nodeInterfaceId(), t.address(), t.port(), Flow.TCP, Flow.DEFAULT_EPHEMERAL_PORT));
        if (v instanceof Verdict.Delivered d && d.target() instanceof Target.Interface i && i.servedBy() != null) {
            return HealthProbe.run(loops.next(), i.servedBy(), t.address() + ":" + t.port(), t.settings());
        }
        if (v instanceof Verdict.Refused r && r.reason() == Verdict.Reason.CONNECTION_REFUSED) {
            return CompletableFuture.completedFuture(ProbeOutcome.failed("Target.FailedHealthChecks", "Health checks failed: " + v.summary()));
        }
        // a filter or an unreachable host drops the check's packets: the check times out, as on AWS
        return CompletableFuture.completedFuture(ProbeOutcome.timedOut(v.summary()));
    }

    private void startTicking() {
        if (ticker == null) ticker = scheduler.scheduleWithFixedDelay(this::round, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopTicking() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
