package io.localvpc.server.dataplane;

import io.localvpc.core.path.Flow;
import io.localvpc.core.path.PathEngine;
import io.localvpc.core.path.Publications;
import io.localvpc.core.path.StoreEndpointServices;
import io.localvpc.core.path.TargetHealthBook;
import io.localvpc.core.path.Verdict;
import io.localvpc.core.path.ZoneFaults;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.dataplane.dns.DnsServerRegistry;
import io.localvpc.dataplane.classify.RequestClassifier;
import io.localvpc.dataplane.flows.DecidedFlow;
import io.localvpc.dataplane.flows.FlowRecorder;
import io.localvpc.dataplane.flowlogs.FlowLogTap;
import io.localvpc.dataplane.flowlogs.FlowLogWriter;
import io.localvpc.dataplane.origin.FlowOrigin;
import io.localvpc.dataplane.policy.BucketPolicies;
import io.localvpc.dataplane.classify.PrincipalDirectory;
import io.localvpc.dataplane.imds.MetadataService;
import io.localvpc.dataplane.policy.IdentityPolicySource;
import io.localvpc.dataplane.policy.PolicyGuard;
import io.localvpc.dataplane.policy.RequestAuthorizer;
import io.localvpc.dataplane.proxy.WorkloadProxy;
import io.localvpc.server.metrics.LocalVpcMetrics;
import io.localvpc.server.cost.CostMeter;
import io.localvpc.core.cost.CostLedger;
import io.localvpc.dataplane.proxy.ConnectionListener;
import io.localvpc.dataplane.vpc.PathPolicy;
import io.localvpc.dataplane.vpc.ScopeLocator;
import io.localvpc.dataplane.net.Transports;
import io.localvpc.dataplane.tls.EndpointFront;
import io.localvpc.dataplane.tls.LocalCa;
import io.localvpc.dataplane.vpc.VpcResolverView;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The running data plane: the workload proxy (decisions by the path engine), one DNS resolver per VPC
 * on demand, zone faults, and the service side of endpoints. It only observes the state store; no API
 * request handler calls into it.
 */
public final class DataPlane implements AutoCloseable {
    private final Store store;
    private final ZoneFaults faults = new ZoneFaults();
    private final Publications publications = new Publications();
    /** What the health checks found of load balancers' targets (the ELBv2 health checker writes it; the path engine reads it). */
    private final TargetHealthBook targetHealth = new TargetHealthBook();
    private final PathEngine engine;
    private final BalancedConnectionCuts balancedCuts;
    private final io.localvpc.dataplane.health.HealthChecker healthChecks;
    private final PublishedPorts published;
    private final ScopeLocator locator;
    private final LocalCa ca;
    private final ServiceBackends backends;
    private final io.netty.channel.EventLoopGroup loops;
    /** Where the data plane's work that may wait (commits to the state store) runs: never on an event loop. */
    private final java.util.concurrent.ExecutorService blockingWork = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "localvpc-dataplane-commits");
        t.setDaemon(true);
        return t;
    });
    private final EndpointFront front;
    private final MetadataService metadata;
    private final DnsServerRegistry resolvers;
    private final WorkloadProxy proxy;
    private final RequestAuthorizer authorizer;
    private final RequestClassifier classifier;
    private final CostMeter costs;
    private final FlowRecorder flows = new FlowRecorder();
    private final FlowLogTap flowLogTap = new FlowLogTap();
    private final FlowLogWriter flowLogs;

    /**
     * Starts everything. {@code dataDir} null keeps the CA, S3 objects and DynamoDB tables in memory; {@code upstreams}
     * maps service short names to local URLs that play them.
     */
    public DataPlane(Store store, Path dataDir, int proxyPort, Map<String, URI> upstreams, PrincipalDirectory principals,
                     IdentityPolicySource identityPolicies, String defaultAccount, String defaultRegion, LocalVpcMetrics metrics,
                     io.localvpc.core.sigv4.SigV4Verifier signatures) {
        this.store = store;
        this.engine = new PathEngine(faults, publications, targetHealth, new StoreEndpointServices(store));
        this.locator = new ScopeLocator(store);
        this.published = new PublishedPorts(store, locator, publications);
        this.costs = new CostMeter(store);
        this.ca = dataDir == null ? LocalCa.inMemory() : LocalCa.open(dataDir);
        this.backends = new ServiceBackends(dataDir == null ? null : dataDir.resolve("s3"), dataDir == null ? null : dataDir.resolve("dynamodb"),
                upstreams, defaultAccount, defaultRegion);
        io.netty.channel.EventLoopGroup group = Transports.eventLoopGroup(0);
        EndpointFront endpointFront = null;
        MetadataService imds = null;
        DnsServerRegistry dns = null;
        try {
            this.authorizer = new RequestAuthorizer(store, locator, identityPolicies);
            this.classifier = new RequestClassifier(defaultAccount, defaultRegion, principals, backends.dynamoDbPartitionKeys());
            PolicyGuard guard = new PolicyGuard(classifier, authorizer,
                    new BucketPolicies(store, locator, backends::s3BucketExists, blockingWork), defaultAccount, metrics.policyDecisions(),
                    signatures == null ? null : new io.localvpc.dataplane.policy.EndpointSignatures(signatures));
            // The proxy and the endpoint front share event loops: the front has no port, the proxy hands it
            // connections in process.
            endpointFront = EndpointFront.start(ca, backends.router(), guard, group);
            imds = new MetadataService(store, blockingWork, group);
            dns = new DnsServerRegistry(vpcId -> metrics.countingQueries(new VpcResolverView(store, locator, faults, vpcId)),
                    vpcId -> ResolverLifecycle.vpcExists(store, vpcId));
            this.proxy = WorkloadProxy.builder().port(proxyPort).eventLoopGroup(group).listener(ConnectionListener.all(flowLogTap, flows, metrics.connections(), costs))
                    .policy(new PathPolicy(store, locator, engine, new EndpointServiceRouter(backends.router(), endpointFront), imds,
                            new io.localvpc.dataplane.tls.TlsListeners(ca))).start();
        } catch (RuntimeException e) {
            if (dns != null) dns.close();
            if (endpointFront != null) endpointFront.close();
            if (imds != null) imds.close();
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
            blockingWork.shutdownNow();
            backends.close();
            throw e;
        }
        this.loops = group;
        this.front = endpointFront;
        this.metadata = imds;
        this.resolvers = dns;
        store.addListener(new ResolverLifecycle(store, dns));
        store.addListener(costs);
        store.addListener(published);
        this.flowLogs = new FlowLogWriter(store, flowLogTap, (bucket, key, body) -> backends.s3PutObject(bucket, key, body, "application/x-gzip"),
                new io.localvpc.dataplane.flowlogs.UpstreamFlowLogStreams(this::httpUpstream), java.time.Clock.systemUTC());
        store.addListener(flowLogs);
        this.healthChecks = new io.localvpc.dataplane.health.HealthChecker(store, engine, targetHealth, group, java.time.Clock.systemUTC());
        store.addListener(healthChecks);
        healthChecks.wake(); // a restored state may already have listeners forwarding to targets
        // A zone going down cuts the connections that run through interface-endpoint interfaces in it, and those through
        // load balancer nodes or to targets in it.
        faults.onZoneDown(zone -> proxy.closeWhere(c -> c.context() instanceof DecidedFlow d && (d.origin() != null && zone.equals(d.origin().zoneId())
                || d.balanced() != null && (zone.equals(d.balanced().zoneId()) || zone.equals(d.balanced().targetZoneId())))));
        this.balancedCuts = new BalancedConnectionCuts(store, proxy, targetHealth);
        store.addListener(balancedCuts);
    }

    /** What the workloads' connections and the billed resources have cost so far. */
    public CostLedger costLedger() {
        return costs.ledger();
    }

    /** How many workload connections are open through the proxy now. */
    public int openConnections() {
        return proxy.openConnections();
    }

    public InetSocketAddress proxyAddress() {
        return proxy.address();
    }

    /**
     * The embedded S3 reached directly (no TLS, no policies): s3proxy's own listener, started on the first call, under
     * the secret service path without which it serves nothing. The baseline the endpoint path is measured against;
     * not for workloads.
     */
    public URI embeddedS3Endpoint() {
        return backends.s3Endpoint();
    }

    /** localvpc's certificate authority, which clients inside instances must trust. */
    public LocalCa ca() {
        return ca;
    }

    /**
     * Every port the data plane serves clients on, by role; resolvers as {@code dns:<vpc-id>}. Endpoints have no
     * port (the proxy serves them in process), nor has the embedded S3 (the front serves it in process; the listener
     * {@link #embeddedS3Endpoint()} starts for benchmarks is not listed).
     */
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("proxy", proxy.address().getPort());
        resolvers.running().forEach((vpc, address) -> ports.put("dns:" + vpc, address.getPort()));
        return ports;
    }

    /** The resolver of a VPC (started on first ask, stopped when the VPC goes); empty if no such VPC exists. */
    public Optional<InetSocketAddress> resolver(String vpcId) {
        if (!vpcId.startsWith("vpc-")) return Optional.empty();
        return resolvers.ensureIfExists(vpcId);
    }

    /** The recent connections through the proxy, per account and region, with their decisions and bytes. */
    public FlowRecorder flows() {
        return flows;
    }

    /** The VPC flow logs' writer (delivery to the embedded S3, flush). */
    public FlowLogWriter flowLogs() {
        return flowLogs;
    }

    /**
     * The HTTP upstream that plays a service ({@code logs}, {@code firehose}) in a region, found as the data plane
     * finds it: by the service's host name ({@code --upstream logs=…}, or {@code '*=…'}).
     */
    public Optional<InetSocketAddress> httpUpstream(String service, String region) {
        return backends.router().route(service + "." + region + ".amazonaws.com")
                .filter(b -> b.protocol() == io.localvpc.dataplane.backend.ServiceBackend.Protocol.HTTP)
                .map(io.localvpc.dataplane.backend.ServiceBackend::address);
    }

    /** Whether the embedded S3 has this bucket (CreateFlowLogs asks). */
    public boolean s3BucketExists(String bucket) {
        return backends.s3BucketExists(bucket);
    }

    public ZoneFaults faults() {
        return faults;
    }

    /** What the health checks last found of each registered target; the path engine picks only healthy ones. */
    public TargetHealthBook targetHealth() {
        return targetHealth;
    }

    /** The NLB health checker (its counters feed the benchmark). */
    public io.localvpc.dataplane.health.HealthChecker healthChecks() {
        return healthChecks;
    }

    /** The local programs that play instances' ports ({@code localvpc publish}). */
    public PublishedPorts published() {
        return published;
    }

    /**
     * A workload identity as the proxy will see it: the instance (with its state) or the network
     * interface, and where it sits; empty if no such resource exists in any account or region.
     */
    public Optional<Map<String, String>> workload(String id) {
        Optional<Scope> scope = locator.scopeOf(id);
        if (scope.isEmpty()) return Optional.empty();
        var view = store.view(scope.get());
        Map<String, String> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("account", scope.get().account());
        out.put("region", scope.get().region());
        String eniId = id;
        if (id.startsWith("i-")) {
            var instance = view.find(io.localvpc.core.model.Instance.class, id);
            if (instance.isEmpty()) return Optional.empty();
            out.put("state", instance.get().stateAt(view.now()).awsName());
            eniId = instance.get().primaryNetworkInterfaceId();
        }
        var eni = eniId == null ? Optional.<io.localvpc.core.model.NetworkInterface>empty()
                : view.find(io.localvpc.core.model.NetworkInterface.class, eniId);
        if (eni.isEmpty() && !id.startsWith("i-")) return Optional.empty();
        eni.ifPresent(e -> {
            out.put("networkInterfaceId", e.id());
            out.put("vpcId", e.vpcId());
            out.put("subnetId", e.subnetId());
            out.put("privateIp", e.privateIpAddress());
        });
        return Optional.of(out);
    }

    /**
     * What the endpoint's policies would decide for a request sent on a delivered flow: the endpoint policy
     * (when the flow goes through one), the bucket policy and identity policies. Empty when the flow would not
     * reach an AWS service.
     */
    public Optional<io.localvpc.core.iam.Authorizer.Authorization> authorize(Verdict verdict, Flow flow, String accessKeyId,
                                                                           String action, String resource) {
        if (!(verdict instanceof Verdict.Delivered d) || !(d.target() instanceof io.localvpc.core.path.Target.AwsService service)) {
            return Optional.empty();
        }
        Scope scope = locator.scopeOf(flow.source()).orElseThrow();
        FlowOrigin origin = PathPolicy.origin(scope, d, service);
        var principal = accessKeyId == null ? io.localvpc.dataplane.classify.Principal.root(scope.account()) : classifier.principalFor(accessKeyId);
        return Optional.of(authorizer.authorize(principal, action, resource, Map.of(), origin, scope.account()));
    }

    /** The decision the proxy would make for this flow, without opening anything ({@code localvpc trace}). */
    public Optional<Verdict> trace(Flow flow) {
        Optional<Scope> scope = locator.scopeOf(flow.source());
        return scope.map(s -> engine.decide(store.view(s), flow));
    }

    /**
     * Starts, in the background, what localvpc does not need to be ready (the embedded S3, the routes by host name):
     * called once it is ready, so that start-up does not share the CPU with them. Whatever needs them first starts them.
     */
    public void startBackgroundWork() {
        backends.startInBackground();
    }

    @Override
    public void close() {
        balancedCuts.close();
        healthChecks.close();
        proxy.close();
        flowLogs.close();
        resolvers.close();
        front.close();
        metadata.close();
        loops.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        blockingWork.shutdownNow();
        backends.close();
    }
}
