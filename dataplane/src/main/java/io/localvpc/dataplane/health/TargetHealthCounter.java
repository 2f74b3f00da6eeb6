package io.localvpc.dataplane.health;

import io.localvpc.core.ops.elbv2.TargetHealthStatus;
import io.localvpc.core.path.TargetHealthBook.Health;

/**
 * One target's run of health-check results and the state it gives, as ELBv2 counts: a target starts {@code initial};
 * {@code healthyThreshold} passes in a row make it {@code healthy}, {@code unhealthyThreshold} failures in a row make it
 * {@code unhealthy} (with the last failure's reason); a result breaks the other kind's run. Not thread-safe: the
 * checker applies results on its one scheduling thread.
 */
final class TargetHealthCounter {
    static final Health HEALTHY = new Health("healthy", null, null);

    private Health health = TargetHealthStatus.INITIAL;
    private int passes;
    private int failures;

    Health health() {
        return health;
    }

    /** Counts one passed check; returns the health after it. */
    Health passed(int healthyThreshold) {
        failures = 0;
        passes++;
        if (!health.isHealthy() && passes >= healthyThreshold) health = HEALTHY;
        return health;
    }

    /** Counts one failed check with AWS's reason code and a sentence; returns the health after it. */
    Health failed(int unhealthyThreshold, String reason, String description) {
        passes = 0;
        failures++;
        if (health.state().equals("unhealthy") || failures >= unhealthyThreshold) health = new Health("unhealthy", reason, description);
        return health;
    }
}
