package io.localvpc.dataplane.health;

import io.localvpc.core.model.Listener;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.ops.elbv2.ListenerOps;
import io.localvpc.core.ops.elbv2.TargetGroupOps;
import io.localvpc.core.ops.elbv2.TargetHealthStatus;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which targets need checking in one scope: every registered, not draining target of every target group a listener
 * forwards to, whose configuration lets it be checked (its instance runs, its zone has a node, the load balancer is
 * active). Everything else's health DescribeTargetHealth derives without a probe.
 */
final class CheckedTargets {
    private CheckedTargets() {
    }

    /**
     * Whether some listener forwards to a group with targets: then rounds go on even while none of them can be checked
     * yet (a load balancer still provisioning, an instance stopped), since time or another resource changes that.
     */
    static boolean anyBehindListeners(View view) {
        for (Listener l : view.all(Listener.class)) {
            for (String groupArn : ListenerOps.targetGroupsOf(l)) {
                if (view.find(TargetGroup.class, groupArn).map(g -> !g.targets().isEmpty()).orElse(false)) return true;
            }
        }
        return false;
    }

    static List<CheckedTarget> in(View view) {
        List<CheckedTarget> out = new ArrayList<>();
        var listeners = view.all(Listener.class);
        if (listeners.isEmpty()) return out;
        Set<String> seen = new HashSet<>();
        for (Listener l : listeners) {
            LoadBalancer lb = view.find(LoadBalancer.class, l.loadBalancerArn()).orElse(null);
            if (lb == null) continue;
            for (String groupArn : ListenerOps.targetGroupsOf(l)) {
                if (!seen.add(groupArn)) continue;
                TargetGroup g = view.find(TargetGroup.class, groupArn).orElse(null);
                if (g == null) continue;
                for (TargetGroup.RegisteredTarget t : TargetGroupOps.live(g, view.now())) {
                    if (TargetHealthStatus.of(view, g, t, null) != TargetHealthStatus.INITIAL) continue; // decided without a probe
                    LoadBalancer.Node node = TargetHealthStatus.checkingNode(view, g, t, lb);
                    String address = TargetHealthStatus.addressOf(view, g, t);
                    if (node == null || address == null) continue;
                    out.add(new CheckedTarget(TargetHealthStatus.key(view, g, t), node.networkInterfaceId(), address,
                            g.healthCheck().portFor(t), g.healthCheck()));
                }
            }
        }
        return out;
    }
}
