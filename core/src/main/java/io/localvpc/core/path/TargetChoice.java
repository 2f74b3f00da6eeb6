package io.localvpc.core.path;

import io.localvpc.core.model.TargetGroup;

import java.util.ArrayList;
import java.util.List;

/**
 * Which registered target of a target group a Network Load Balancer node sends one connection to, as AWS does: only
 * targets in the node's own zone unless cross-zone load balancing is on, only healthy ones, chosen by the flow's hash.
 * Targets that are draining (deregistered), in a zone the load balancer does not serve ({@code unused}) or in a zone
 * that is down take no new connections. When no target is healthy in any enabled zone and every one of them has
 * failed its health checks, the load balancer <em>fails open</em> and routes to all of them regardless of health (AWS:
 * "If all targets fail health checks at the same time in all enabled Availability Zones, the load balancer fails
 * open"); targets still in {@code initial} have not failed, so they keep it from failing open.
 */
final class TargetChoice {
    private TargetChoice() {
    }

    /**
     * A registered target as the choice sees it.
     *
     * @param zoneId the zone the target is in (null when unknown: its instance or interface is gone)
     * @param state  {@code healthy}, {@code initial}, {@code unhealthy}, {@code draining} or {@code unused}
     * @param reason AWS's reason code for a target that is not healthy, or null
     */
    record Candidate(TargetGroup.RegisteredTarget target, String zoneId, String state, String reason) {
        boolean healthy() {
            return "healthy".equals(state);
        }

        String describe() {
            return target.id() + ":" + target.port() + " " + state + (reason == null ? "" : " (" + reason + ")");
        }
    }

    sealed interface Result permits Chosen, NoTarget {
    }

    /** @param failOpen whether the target was chosen among unhealthy targets, the group having none healthy anywhere */
    record Chosen(Candidate candidate, boolean failOpen, int eligible) implements Result {
    }

    record NoTarget(String why) implements Result {
    }

    /**
     * @param groupName    how refusals name the group ({@code targetgroup/web/…})
     * @param candidates   every registered target, in registration order
     * @param enabledZones the zones the load balancer has nodes in that are up
     * @param nodeZone     the zone of the node the connection reached
     */
    static Result choose(String groupName, List<Candidate> candidates, List<String> enabledZones, String nodeZone, boolean crossZone, int hash) {
        if (candidates.isEmpty()) return new NoTarget(groupName + " has no registered targets");
        List<Candidate> inService = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (c.zoneId() != null && enabledZones.contains(c.zoneId()) && !"draining".equals(c.state()) && !"unused".equals(c.state())) {
                inService.add(c);
            }
        }
        List<Candidate> healthyHere = new ArrayList<>();
        for (Candidate c : inService) if (c.healthy() && (crossZone || c.zoneId().equals(nodeZone))) healthyHere.add(c);
        if (!healthyHere.isEmpty()) return new Chosen(healthyHere.get(hash % healthyHere.size()), false, healthyHere.size());

        boolean anyHealthy = false;
        boolean allFailed = !inService.isEmpty();
        for (Candidate c : inService) {
            anyHealthy |= c.healthy();
            allFailed &= "unhealthy".equals(c.state());
        }
        if (!anyHealthy && allFailed) return new Chosen(inService.get(hash % inService.size()), true, inService.size());

        List<String> seen = new ArrayList<>();
        for (Candidate c : candidates) if (crossZone || nodeZone.equals(c.zoneId())) seen.add(c.describe());
        String where = crossZone ? "in any enabled zone (cross-zone load balancing on)" : "in " + nodeZone;
        return new NoTarget("no healthy target in " + groupName + " " + where + ": "
                + (seen.isEmpty() ? "none is registered there" + (crossZone ? "" : " and cross-zone load balancing is off") : String.join(", ", seen)));
    }
}
