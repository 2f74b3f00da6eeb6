package io.localvpc.core.path;

import io.localvpc.core.state.Scope;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What the health checks last found of each registered target of each target group: the runtime half of
 * DescribeTargetHealth, written by the health checker and read by the path engine when a Network Load Balancer picks
 * a target. Runtime state only, like {@link Publications}: a restart starts every target at {@code initial} again,
 * as re-registering does on AWS.
 */
public final class TargetHealthBook {

    /** One target of one group: the group's ARN, the target's id and port. */
    public record TargetKey(Scope scope, String targetGroupArn, String targetId, int port) {
    }

    /**
     * A target's health as ELBv2 reports it.
     *
     * @param state       {@code initial}, {@code healthy}, {@code unhealthy}, {@code unused}, {@code draining} or
     *                    {@code unavailable}
     * @param reason      AWS's reason code ({@code Elb.InitialHealthChecking}, {@code Target.FailedHealthChecks} …), or
     *                    null when healthy
     * @param description a sentence saying why, or null when healthy
     */
    public record Health(String state, String reason, String description) {
        public boolean isHealthy() {
            return "healthy".equals(state);
        }
    }

    private final Map<TargetKey, Health> byTarget = new ConcurrentHashMap<>();

    public void record(TargetKey target, Health health) {
        byTarget.put(target, health);
    }

    /** The last health found, or null when the target has not been checked since it was registered. */
    public Health of(TargetKey target) {
        return byTarget.get(target);
    }

    /** Forgets targets the test selects (deregistered, or their group deleted). */
    public void forgetWhere(Predicate<TargetKey> test) {
        byTarget.keySet().removeIf(test);
    }
}
