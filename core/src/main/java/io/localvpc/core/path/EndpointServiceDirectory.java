package io.localvpc.core.path;

import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.state.View;

/**
 * Where a flow across PrivateLink continues: the provider's side of an endpoint service, found by the service name a
 * consumer's interface endpoint names ({@code com.amazonaws.vpce.<region>.vpce-svc-…}), in whichever account owns it.
 * The path engine reads the provider's state through the view this hands back, so a decision crosses accounts without
 * holding the store.
 */
@FunctionalInterface
public interface EndpointServiceDirectory {

    /** The provider's view (its account, the same region) and its service configuration. */
    record Provider(View view, VpcEndpointServiceConfiguration configuration) {
    }

    /** The provider of {@code serviceName} in {@code region}, or null when no account has such a service. */
    Provider find(String region, String serviceName);

    /** Whether a service name is an endpoint service's (rather than an AWS service's). */
    static boolean isEndpointService(String serviceName) {
        return serviceName != null && serviceName.startsWith("com.amazonaws.vpce.") && serviceName.contains(".vpce-svc-");
    }

    /** No endpoint services anywhere (engines that never cross accounts). */
    static EndpointServiceDirectory none() {
        return (region, serviceName) -> null;
    }
}
