package io.localvpc.dataplane.vpc;

import io.localvpc.core.state.Resource;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;

import java.util.Optional;

/**
 * Finds the account and region a resource lives in from its id alone. The data plane gets bare ids
 * (a proxy user name, a VPC whose resolver is asked for); ids are unique enough across scopes here.
 */
public final class ScopeLocator {
    private final Store store;

    public ScopeLocator(Store store) {
        this.store = store;
    }

    public Optional<Scope> scopeOf(String resourceId) {
        for (Scope s : store.scopes()) {
            Optional<Resource> r = store.view(s).findAny(resourceId);
            if (r.isPresent()) return Optional.of(s);
        }
        return Optional.empty();
    }
}
