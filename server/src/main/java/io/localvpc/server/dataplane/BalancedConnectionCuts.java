package io.localvpc.server.dataplane;

import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.path.Target;
import io.localvpc.core.path.TargetHealthBook;
import io.localvpc.core.state.Change;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.StoreListener;
import io.localvpc.core.state.View;
import io.localvpc.dataplane.flows.DecidedFlow;
import io.localvpc.dataplane.proxy.WorkloadProxy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cuts open connections through Network Load Balancers when what they were decided on ends, as AWS does: the consumer's
 * endpoint connection rejected or the endpoint deleted (PrivateLink stops carrying its traffic), the target group or
 * the target's registration gone, a deregistered target past its deregistration delay when the group terminates
 * connections on deregistration ({@code deregistration_delay.connection_termination.enabled}, off by default as on
 * AWS, where draining connections otherwise run on), and a target found unhealthy while the group terminates
 * connections to unhealthy targets ({@code target_health_state.unhealthy.connection_termination.enabled}, on by
 * default). Zone faults are cut where zones go down ({@link DataPlane}).
 *
 * <p>Checked after every commit and every half second (delays and health change without a commit), on its own thread,
 * never on an event loop: a check reads views and closes channels.
 */
final class BalancedConnectionCuts implements StoreListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("localvpc.proxy");
    private static final Duration DEFAULT_DEREGISTRATION_DELAY = Duration.ofSeconds(300);

    private final Store store;
    private final WorkloadProxy proxy;
    private final TargetHealthBook health;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "localvpc-balanced-cuts");
        t.setDaemon(true);
        return t;
    });

    BalancedConnectionCuts(Store store, WorkloadProxy proxy, TargetHealthBook health) {
        this.store = store;
        this.proxy = proxy;
        this.health = health;
        checks.scheduleWithFixedDelay(this::sweep, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public void committed(Scope scope, List<Change> changes) {
        checks.execute(this::sweep);
    }

    @Override
    public void replaced() {
        checks.execute(this::sweep);
    }

    private void sweep() {
        try {
            proxy.closeWhere(c -> {
                String why = c.context() instanceof DecidedFlow d && d.balanced() != null ? whyCut(d, d.balanced()) : null;
                if (why != null) LOG.log(System.Logger.Level.INFO, "#" + c.id() + " cut: " + why);
                return why != null;
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "checking load-balanced connections failed", e);
        }
    }

    /** Why the connection must end now, or null while what it was decided on still holds. */
    String whyCut(DecidedFlow d, Target.LoadBalanced b) {
        if (b.endpointId() != null) {
            Optional<View> consumer = store.viewIfPresent(new Scope(d.account(), d.region()));
            VpcEndpoint e = consumer.flatMap(v -> v.find(VpcEndpoint.class, b.endpointId())).orElse(null);
            if (e == null) return b.endpointId() + " is deleted";
            VpcEndpoint.State state = e.state(consumer.get().now());
            if (state != VpcEndpoint.State.AVAILABLE) {
                return "rejected".equals(state.awsName()) ? b.endpointId() + " was rejected by the service owner" : b.endpointId() + " is " + state;
            }
        }
        Scope providerScope = new Scope(b.providerAccount(), d.region());
        Optional<View> provider = store.viewIfPresent(providerScope);
        TargetGroup group = provider.flatMap(v -> v.find(TargetGroup.class, b.targetGroupArn())).orElse(null);
        if (group == null) return "target group " + b.targetGroupArn() + " is deleted";
        TargetGroup.RegisteredTarget registered = null;
        for (TargetGroup.RegisteredTarget t : group.targets()) {
            if (t.id().equals(b.targetId()) && t.port() == b.target().port()) registered = t;
        }
        boolean terminateOnDeregistration = "true".equals(group.attributes().get("deregistration_delay.connection_termination.enabled"));
        if (registered == null) return terminateOnDeregistration ? b.targetId() + " is deregistered from " + group.name() : null;
        if (registered.deregisteringSince() != null && terminateOnDeregistration) {
            Instant end = registered.deregisteringSince().plus(delay(group));
            if (!provider.get().now().isBefore(end)) return b.targetId() + " is deregistered from " + group.name() + " and its deregistration delay has passed";
        }
        if (health != null && !"false".equals(group.attributes().get("target_health_state.unhealthy.connection_termination.enabled"))) {
            TargetHealthBook.Health h = health.of(new TargetHealthBook.TargetKey(providerScope, group.id(), b.targetId(), b.target().port()));
            if (h != null && "unhealthy".equals(h.state()) && anyHealthy(providerScope, group)) {
                return b.targetId() + " of " + group.name() + " is unhealthy (" + h.reason() + ")";
            }
        }
        return null;
    }

    /** Whether the group has a healthy target: when none has, the load balancer fails open and cuts nothing for health. */
    private boolean anyHealthy(Scope scope, TargetGroup group) {
        for (TargetGroup.RegisteredTarget t : group.targets()) {
            TargetHealthBook.Health h = health.of(new TargetHealthBook.TargetKey(scope, group.id(), t.id(), t.port()));
            if (h != null && h.isHealthy()) return true;
        }
        return false;
    }

    private static Duration delay(TargetGroup group) {
        String s = group.attributes().get("deregistration_delay.timeout_seconds");
        try {
            return s == null ? DEFAULT_DEREGISTRATION_DELAY : Duration.ofSeconds(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return DEFAULT_DEREGISTRATION_DELAY;
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
