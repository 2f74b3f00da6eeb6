package io.localvpc.core.path;

import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.View;

/**
 * Endpoint services found in the store: the scopes of the region are asked in turn for a service configuration of
 * that name. A service name carries its id ({@code …vpce-svc-<id>}), and configurations are keyed by that id, so each
 * scope answers with one hash lookup.
 */
public final class StoreEndpointServices implements EndpointServiceDirectory {
    private final Store store;

    public StoreEndpointServices(Store store) {
        this.store = store;
    }

    @Override
    public Provider find(String region, String serviceName) {
        if (!EndpointServiceDirectory.isEndpointService(serviceName)) return null;
        String id = serviceName.substring(serviceName.lastIndexOf('.') + 1);
        for (Scope s : store.scopes()) {
            if (!s.region().equals(region)) continue;
            View view = store.view(s);
            VpcEndpointServiceConfiguration c = view.find(VpcEndpointServiceConfiguration.class, id).orElse(null);
            if (c != null && serviceName.equals(c.serviceName())) return new Provider(view, c);
        }
        return null;
    }
}
