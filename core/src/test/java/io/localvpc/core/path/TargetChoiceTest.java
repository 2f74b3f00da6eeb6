package io.localvpc.core.path;

import io.localvpc.core.model.TargetGroup;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The target a node picks: healthy, in its zone unless cross-zone, by flow; AWS's fail-open when every target failed. */
class TargetChoiceTest {
    private static final List<String> ZONES = List.of("use1-az1", "use1-az2");

    private static TargetChoice.Candidate c(String id, String zone, String state) {
        return new TargetChoice.Candidate(new TargetGroup.RegisteredTarget(id, 80, null, Instant.EPOCH, null), zone, state,
                "healthy".equals(state) ? null : "Target.FailedHealthChecks");
    }

    private static TargetChoice.Result choose(List<TargetChoice.Candidate> cs, String nodeZone, boolean crossZone, int hash) {
        return TargetChoice.choose("targetgroup/t/1", cs, ZONES, nodeZone, crossZone, hash);
    }

    private static String chosen(TargetChoice.Result r) {
        return assertInstanceOf(TargetChoice.Chosen.class, r, r::toString).candidate().target().id();
    }

    @Test
    void spreadsFlowsEvenlyOverTheHealthyTargetsOfTheNodesZone() {
        List<TargetChoice.Candidate> cs = List.of(c("a1", "use1-az1", "healthy"), c("a2", "use1-az1", "healthy"), c("b1", "use1-az2", "healthy"),
                c("a3", "use1-az1", "unhealthy"));
        Map<String, Integer> counts = new HashMap<>();
        for (int port = 32768; port < 32768 + 2000; port++) {
            counts.merge(chosen(choose(cs, "use1-az1", false, FlowHash.of(6, 0x0A000105L, port, 0x0A000009L, 80))), 1, Integer::sum);
        }
        assertEquals(2, counts.size(), counts::toString);
        assertTrue(counts.get("a1") > 800 && counts.get("a2") > 800, counts::toString);
    }

    @Test
    void crossZoneTakesHealthyTargetsOfEveryEnabledZone() {
        List<TargetChoice.Candidate> cs = List.of(c("a1", "use1-az1", "unhealthy"), c("b1", "use1-az2", "healthy"));
        assertEquals("b1", chosen(choose(cs, "use1-az1", true, 7)));
        assertInstanceOf(TargetChoice.NoTarget.class, choose(cs, "use1-az1", false, 7));
    }

    @Test
    void failsOpenOnlyWhenEveryTargetInEveryEnabledZoneFailedItsChecks() {
        List<TargetChoice.Candidate> failed = List.of(c("a1", "use1-az1", "unhealthy"), c("b1", "use1-az2", "unhealthy"));
        TargetChoice.Chosen open = assertInstanceOf(TargetChoice.Chosen.class, choose(failed, "use1-az1", false, 1));
        assertTrue(open.failOpen());
        assertEquals(2, open.eligible(), "failing open reaches every target in every enabled zone");
        List<TargetChoice.Candidate> oneNew = List.of(c("a1", "use1-az1", "unhealthy"), c("b1", "use1-az2", "initial"));
        TargetChoice.NoTarget none = assertInstanceOf(TargetChoice.NoTarget.class, choose(oneNew, "use1-az1", false, 1));
        assertEquals("no healthy target in targetgroup/t/1 in use1-az1: a1:80 unhealthy (Target.FailedHealthChecks)", none.why());
    }

    @Test
    void drainingUnusedAndDownZoneTargetsTakeNothing() {
        List<TargetChoice.Candidate> cs = List.of(c("d", "use1-az1", "draining"), c("u", "use1-az3", "healthy"), c("x", null, "healthy"));
        TargetChoice.NoTarget none = assertInstanceOf(TargetChoice.NoTarget.class, choose(cs, "use1-az1", true, 3));
        assertFalse(none.why().contains("failing open"));
        assertEquals("targetgroup/t/1 has no registered targets", ((TargetChoice.NoTarget) choose(List.of(), "use1-az1", false, 0)).why());
    }
}
