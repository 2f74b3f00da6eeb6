package io.localvpc.server.metrics;

import io.localvpc.core.iam.Decision;
import io.localvpc.core.iam.PolicyKind;
import io.localvpc.dataplane.policy.PolicyDecisionListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.Locale;

/** Policy decisions at the endpoints, by service, outcome and the kind of policy that decided. */
final class PolicyDecisionMetrics implements PolicyDecisionListener {
    private final Counter decisions;

    PolicyDecisionMetrics(PrometheusRegistry registry) {
        decisions = Counter.builder().name("localvpc_policy_decisions_total")
                .help("Permissions decided for requests through the endpoints and public paths, by service, outcome (allow, explicit_deny,"
                        + " implicit_deny, unclassified: forwarded without evaluation) and the kind of policy whose statement decided (none when no statement did)")
                .labelNames("service", "outcome", "policy").register(registry);
    }

    @Override
    public void decided(String service, Decision decision, PolicyKind deciding) {
        decisions.labelValues(service, decision.name().toLowerCase(Locale.ROOT), policy(deciding)).inc();
    }

    @Override
    public void unclassified(String service) {
        decisions.labelValues(service, "unclassified", "none").inc();
    }

    private static String policy(PolicyKind kind) {
        if (kind == null) return "none";
        return switch (kind) {
            case ENDPOINT -> "endpoint";
            case RESOURCE -> "resource";
            case TRUST -> "trust";
            case IDENTITY, INLINE -> "identity";
            case SESSION -> "session";
        };
    }
}
