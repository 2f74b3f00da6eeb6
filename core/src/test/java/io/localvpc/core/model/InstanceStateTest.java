package io.localvpc.core.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceStateTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instance in(Instance.State state, Instant settlesAt) {
        return new Instance("i-0123456789abcdef0", "000000000000", "r-0123456789abcdef0", "ami-12345678", "t3.micro", null, 0,
                "subnet-0123456789abcdef0", "vpc-0123456789abcdef0", "us-east-1a", "10.0.0.4", List.of(), state, settlesAt, T0, T0, "", false, null, null);
    }

    @Test
    void transitionalStatesSettleAtTheirTime() {
        Instant settles = T0.plusSeconds(1);
        assertEquals(Instance.State.PENDING, in(Instance.State.PENDING, settles).stateAt(T0));
        assertEquals(Instance.State.RUNNING, in(Instance.State.PENDING, settles).stateAt(settles));
        assertEquals(Instance.State.STOPPED, in(Instance.State.STOPPING, settles).stateAt(settles.plusMillis(1)));
        assertEquals(Instance.State.TERMINATED, in(Instance.State.SHUTTING_DOWN, settles).stateAt(settles));
        assertEquals(Instance.State.STOPPED, in(Instance.State.STOPPED, settles).stateAt(T0));
    }

    @Test
    void codesAreAws() {
        assertEquals(List.of(0, 16, 32, 48, 64, 80), java.util.Arrays.stream(Instance.State.values()).map(Instance.State::code).toList());
        assertEquals("shutting-down", Instance.State.SHUTTING_DOWN.awsName());
    }

    @Test
    void terminatedInstancesVanishAfterAnHour() {
        Instance i = in(Instance.State.SHUTTING_DOWN, T0);
        assertTrue(i.visibleAt(T0.plus(Duration.ofMinutes(59))));
        assertFalse(i.visibleAt(T0.plus(Duration.ofMinutes(60))));
        assertTrue(in(Instance.State.STOPPED, T0).visibleAt(T0.plus(Duration.ofDays(30))));
    }
}
