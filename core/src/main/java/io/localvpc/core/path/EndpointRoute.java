package io.localvpc.core.path;

import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.VpcEndpoint;

/**
 * A VPC endpoint as the way a flow reaches its service: the {@link Target.Via} and the two hops a delivery
 * through it records, made once per state version ({@link CompiledScope}). Whether the endpoint is
 * available, and its zone up, depends on the time and on faults, so each decision still checks that.
 */
record EndpointRoute(VpcEndpoint endpoint, Target.Via via, Hop hop, Hop delivered) {

    /** Through one interface of an interface endpoint, in zone {@code zoneId}. */
    static EndpointRoute throughInterface(VpcEndpoint endpoint, NetworkInterface eni, String zoneId) {
        Target.Via via = new Target.InterfaceEndpoint(endpoint.id(), eni.id(), zoneId);
        return new EndpointRoute(endpoint, via, new Hop(Hop.Kind.ENDPOINT, endpoint.id(), true, null,
                "interface endpoint " + endpoint.id() + " (" + endpoint.serviceName() + ") via " + eni.id() + " in " + zoneId),
                delivered(endpoint.serviceName(), via));
    }

    static EndpointRoute gateway(VpcEndpoint endpoint) {
        Target.Via via = new Target.GatewayEndpoint(endpoint.id());
        return new EndpointRoute(endpoint, via, new Hop(Hop.Kind.ENDPOINT, endpoint.id(), true, null,
                "gateway endpoint " + endpoint.id() + " (" + endpoint.serviceName() + ")"), delivered(endpoint.serviceName(), via));
    }

    /** The last hop of a flow delivered to an AWS service. */
    static Hop delivered(String serviceName, Target.Via via) {
        return new Hop(Hop.Kind.DELIVERED, via.id(), true, null, "delivered to " + serviceName + " via " + via.id());
    }
}
