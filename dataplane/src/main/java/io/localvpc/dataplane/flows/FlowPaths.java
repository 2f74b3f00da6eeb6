package io.localvpc.dataplane.flows;

import io.localvpc.core.model.Route;
import io.localvpc.core.path.Hop;
import io.localvpc.core.path.Target;
import io.localvpc.core.path.Trace;

/** How a flow crossed the VPC, in a few words for a flow record: the way out it took, or the one it was refused on. */
public final class FlowPaths {
    private FlowPaths() {
    }

    /** The way to an AWS service. */
    public static String of(Target.Via via) {
        if (via instanceof Target.GatewayEndpoint g) return "gateway endpoint " + g.id();
        if (via instanceof Target.InterfaceEndpoint i) {
            return "interface endpoint " + i.id() + " (" + i.networkInterfaceId() + " in " + i.zoneId() + ")";
        }
        if (via instanceof Target.NatGateway n) return "NAT gateway " + n.id();
        return "internet gateway " + via.id();
    }

    /** The way to another interface in the VPC. */
    public static String of(Target.Interface target) {
        return "local route to " + target.networkInterfaceId();
    }

    /** The way through a Network Load Balancer (and, across PrivateLink, the consumer's endpoint) to its target. */
    public static String of(Target.LoadBalanced b) {
        String lb = b.loadBalancerArn().substring(b.loadBalancerArn().lastIndexOf(':') + 1).replaceFirst("^loadbalancer/", "");
        return (b.endpointId() != null ? "interface endpoint " + b.endpointId() + " → " : "") + lb + " (" + b.nodeInterfaceId() + " in "
                + b.zoneId() + ") → " + b.targetId() + " (" + b.target().networkInterfaceId() + ")";
    }

    /**
     * As far as a refused flow got: the endpoint that refused it, or where its route pointed; "no route" when its route
     * table had none or a blackhole; null when it was refused before routing (its source, or DNS).
     */
    public static String refused(Trace trace) {
        String path = null;
        for (Hop h : trace.hops()) {
            if (h.kind() == Hop.Kind.ENDPOINT && h.resourceId().startsWith("vpce-")) return "endpoint " + h.resourceId();
            if (h.kind() != Hop.Kind.ROUTE || path != null) continue;
            path = h.passed() && h.subject() instanceof Route r ? throughRoute(r) : "no route";
        }
        return path;
    }

    private static String throughRoute(Route r) {
        if (r.isLocal()) return "local route";
        String gw = r.gatewayId();
        if (gw != null && gw.startsWith("vpce-")) return "gateway endpoint " + gw;
        if (gw != null && gw.startsWith("igw-")) return "internet gateway " + gw;
        if (r.natGatewayId() != null) return "NAT gateway " + r.natGatewayId();
        return "route to " + (r.networkInterfaceId() != null ? r.networkInterfaceId() : r.instanceId() != null ? r.instanceId()
                : r.egressOnlyInternetGatewayId());
    }
}
