package io.localvpc.core.insights;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.path.Hop;
import io.localvpc.core.path.Target;
import io.localvpc.core.path.Verdict;

/**
 * The end of an analysed path, and whether a path decision reached it. The decision is the path engine's; this only
 * says whether where the engine delivered the flow is the resource the path names.
 */
sealed interface Destination {

    boolean reachedBy(Verdict verdict);

    /** An instance's or a network interface's address (an interface endpoint's interface included). */
    record Interface(NetworkInterface eni, Instance instance) implements Destination {
        @Override
        public boolean reachedBy(Verdict v) {
            if (!(v instanceof Verdict.Delivered d)) return false;
            if (d.target() instanceof Target.Interface i) return i.networkInterfaceId().equals(eni.id());
            // through a load balancer: to its node, or on to the target it chose
            if (d.target() instanceof Target.LoadBalanced b) {
                return b.nodeInterfaceId().equals(eni.id()) || b.target().networkInterfaceId().equals(eni.id());
            }
            return d.target() instanceof Target.AwsService s && s.via() instanceof Target.InterfaceEndpoint ie
                    && ie.networkInterfaceId().equals(eni.id());
        }
    }

    /** A VPC endpoint: the flow reaches its service through it. */
    record Endpoint(VpcEndpoint endpoint) implements Destination {
        @Override
        public boolean reachedBy(Verdict v) {
            return v instanceof Verdict.Delivered d && d.target() instanceof Target.AwsService s && s.via().id().equals(endpoint.id())
                    && (s.via() instanceof Target.GatewayEndpoint || s.via() instanceof Target.InterfaceEndpoint);
        }
    }

    /**
     * An internet gateway: a route the flow took sends it there, directly or from a NAT gateway's subnet, and nothing
     * after that route refused it. What lies beyond the gateway is not the path's question, so a flow the engine
     * refuses only because its address is outside the emulated world (the last hop, at the gateway or the NAT
     * gateway in front of it) reached it too.
     */
    record InternetGateway(String gatewayId) implements Destination {
        @Override
        public boolean reachedBy(Verdict v) {
            boolean routedThere = false;
            for (Hop h : v.trace().hops()) {
                if (h.kind() == Hop.Kind.ROUTE && h.passed() && h.subject() instanceof Route r && gatewayId.equals(r.gatewayId())) routedThere = true;
            }
            if (!routedThere) return false;
            if (v instanceof Verdict.Delivered) return true;
            Hop decisive = v.trace().decisive();
            return decisive.kind() == Hop.Kind.REFUSED && (gatewayId.equals(decisive.resourceId()) || decisive.resourceId().startsWith("nat-"));
        }
    }

    /** An address only: any delivery reaches it. */
    record Address() implements Destination {
        @Override
        public boolean reachedBy(Verdict v) {
            return v instanceof Verdict.Delivered;
        }
    }
}
