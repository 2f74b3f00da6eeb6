package io.localvpc.dataplane.health;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ELBv2's thresholds: runs of passes and failures move a target between initial, healthy and unhealthy. */
class TargetHealthCounterTest {
    @Test
    void initialUntilTheHealthyThresholdThenHealthy() {
        TargetHealthCounter c = new TargetHealthCounter();
        assertEquals("initial", c.health().state());
        assertEquals("Elb.InitialHealthChecking", c.health().reason());
        assertEquals("initial", c.passed(3).state());
        assertEquals("initial", c.passed(3).state());
        assertEquals("healthy", c.passed(3).state());
    }

    @Test
    void failuresInARowMakeItUnhealthyWithTheLastReason() {
        TargetHealthCounter c = new TargetHealthCounter();
        for (int i = 0; i < 2; i++) c.passed(2);
        assertEquals("healthy", c.failed(2, "Target.Timeout", "Request timed out").state());
        assertEquals("healthy", c.passed(2).state()); // a pass breaks the run of failures
        c.failed(2, "Target.Timeout", "Request timed out");
        var unhealthy = c.failed(2, "Target.FailedHealthChecks", "Health checks failed");
        assertEquals("unhealthy", unhealthy.state());
        assertEquals("Target.FailedHealthChecks", unhealthy.reason());
        assertEquals("Target.ResponseCodeMismatch", c.failed(2, "Target.ResponseCodeMismatch", "codes [500]").reason());
        assertEquals("unhealthy", c.passed(2).state());
        assertEquals("healthy", c.passed(2).state());
    }

    @Test
    void aNewTargetThatNeverPassesTurnsUnhealthyAtTheUnhealthyThreshold() {
        TargetHealthCounter c = new TargetHealthCounter();
        assertEquals("initial", c.failed(3, "Target.Timeout", "x").state());
        assertEquals("initial", c.failed(3, "Target.Timeout", "x").state());
        assertEquals("unhealthy", c.failed(3, "Target.Timeout", "x").state());
    }
}
