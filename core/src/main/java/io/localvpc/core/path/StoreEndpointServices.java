package io.localvpc.core.path;

import io.localvpc.core.ops.ProviderEndpointServices;
import io.localvpc.core.state.Store;

/**
 * Endpoint services found in the store, by the same cross-account lookup the EC2 API uses for them
 * ({@link ProviderEndpointServices}): the scopes of the region are asked for a service configuration of that id.
 */
public final class StoreEndpointServices implements EndpointServiceDirectory {
    private final ProviderEndpointServices providers;

    public StoreEndpointServices(Store store) {
        this.providers = ProviderEndpointServices.of(store);
    }

    @Override
    public Provider find(String region, String serviceName) {
        return providers.byName(region, serviceName).map(f -> new Provider(f.view(), f.configuration())).orElse(null);
    }
}
