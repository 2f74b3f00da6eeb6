package io.localvpc.server.dataplane;

import io.localvpc.core.path.Flow;
import io.localvpc.core.path.PathEngine;
import io.localvpc.core.path.Verdict;
import io.localvpc.core.path.ZoneFaults;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.dataplane.dns.DnsServerRegistry;
import io.localvpc.dataplane.proxy.WorkloadProxy;
import io.localvpc.dataplane.vpc.PathPolicy;
import io.localvpc.dataplane.vpc.ScopeLocator;
import io.localvpc.dataplane.vpc.ServiceRouter;
import io.localvpc.dataplane.vpc.VpcResolverView;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The running data plane: the workload proxy (decisions by the path engine), one DNS resolver per VPC
 * on demand, zone faults, and the service side of endpoints. It only observes the state store; no API
 * request handler calls into it.
 */
public final class DataPlane implements AutoCloseable {
    private final Store store;
    private final ZoneFaults faults = new ZoneFaults();
    private final PathEngine engine = new PathEngine(faults);
    private final ScopeLocator locator;
    private final DnsServerRegistry resolvers;
    private final WorkloadProxy proxy;

    public DataPlane(Store store, int proxyPort, ServiceRouter services) {
        this.store = store;
        this.locator = new ScopeLocator(store);
        this.resolvers = new DnsServerRegistry(vpcId -> new VpcResolverView(store, locator, faults, vpcId));
        try {
            this.proxy = WorkloadProxy.builder().port(proxyPort).policy(new PathPolicy(store, locator, engine, services)).start();
        } catch (RuntimeException e) {
            resolvers.close();
            throw e;
        }
    }

    public InetSocketAddress proxyAddress() {
        return proxy.address();
    }

    /** The resolver of a VPC (started on first ask); empty if no such VPC exists. */
    public Optional<InetSocketAddress> resolver(String vpcId) {
        if (!vpcId.startsWith("vpc-") || locator.scopeOf(vpcId).isEmpty()) return Optional.empty();
        return Optional.of(resolvers.ensure(vpcId));
    }

    public ZoneFaults faults() {
        return faults;
    }

    /** The decision the proxy would make for this flow, without opening anything ({@code localvpc trace}). */
    public Optional<Verdict> trace(Flow flow) {
        Optional<Scope> scope = locator.scopeOf(flow.source());
        return scope.map(s -> engine.decide(store.view(s), flow));
    }

    @Override
    public void close() {
        proxy.close();
        resolvers.close();
    }
}
