package io.localvpc.server.dataplane;

import io.localvpc.core.model.Vpc;
import io.localvpc.core.state.Change;
import io.localvpc.core.state.ResourceTypes;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.StoreListener;
import io.localvpc.dataplane.dns.DnsServerRegistry;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the per-VPC resolvers in step with the state: when a VPC is deleted, or the whole state is reset or
 * replaced by an import, the resolvers of VPCs that no longer exist stop and their ports are closed.
 *
 * <p>The sweep runs on another thread, so the store's writer never waits for the registry: a resolver being
 * started holds the registry while it waits for the DNS event loop, and that loop may be waiting for the writer.
 * Running late is harmless: the sweep judges by the state as it is when it runs, and the registry starts no
 * resolver for a VPC that is gone.
 */
final class ResolverLifecycle implements StoreListener {
    private static final String VPC = ResourceTypes.nameOf(Vpc.class);

    private final Store store;
    private final DnsServerRegistry resolvers;

    ResolverLifecycle(Store store, DnsServerRegistry resolvers) {
        this.store = store;
        this.resolvers = resolvers;
    }

    @Override
    public void committed(Scope scope, List<Change> changes) {
        for (Change c : changes) {
            if (c.isRemoval() && c.type().equals(VPC)) {
                sweep();
                return;
            }
        }
    }

    @Override
    public void replaced() {
        sweep();
    }

    private void sweep() {
        CompletableFuture.runAsync(resolvers::stopGone);
    }

    /**
     * Whether the VPC exists in any account and region. Never waits for the store's writer (the registry asks
     * this with itself locked, and the writer tells this listener while holding its lock).
     */
    static boolean vpcExists(Store store, String vpcId) {
        for (Scope s : store.scopes()) {
            if (store.viewIfPresent(s).flatMap(v -> v.find(Vpc.class, vpcId)).isPresent()) return true;
        }
        return false;
    }
}
