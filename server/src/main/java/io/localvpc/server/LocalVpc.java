package io.localvpc.server;

import io.localvpc.api.ApiDispatcher;
import io.localvpc.api.ec2.Ec2Api;
import io.localvpc.api.elbv2.Elbv2Api;
import io.localvpc.api.iam.IamApi;
import io.localvpc.api.sts.StsApi;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.ops.DefaultVpc;
import io.localvpc.core.sigv4.SigV4Verifier;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Store;
import io.localvpc.dataplane.notify.ConnectionEventPublisher;
import io.localvpc.dataplane.policy.IdentityPolicies;
import io.localvpc.server.dataplane.DataPlane;
import io.localvpc.server.http.AdminApi;
import io.localvpc.server.http.HttpServer;
import io.localvpc.server.metrics.LocalVpcMetrics;
import io.localvpc.server.store.DataDirLock;
import io.localvpc.server.store.SqliteJournal;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A running localvpc: the state store, the APIs and the HTTP server, wired together.
 * <pre>{@code
 * try (LocalVpc vpc = LocalVpc.builder().port(0).inMemory().start()) {
 *     URI ec2 = vpc.endpoint();
 * }
 * }</pre>
 */
public final class LocalVpc implements AutoCloseable {
    private final Settings settings;
    private final DataDirLock lock;
    private final Store store;
    private final DataPlane dataPlane;
    private final HttpServer http;
    private final Instant startedAt;
    private final LocalVpcMetrics metrics = new LocalVpcMetrics();
    private final ConnectionEventPublisher connectionEvents;

    private LocalVpc(Settings settings, Clock clock) {
        Regions.require(settings.region());
        this.settings = settings;
        this.startedAt = clock.instant();
        Journal journal;
        if (settings.inMemory()) {
            this.lock = null;
            journal = Journal.NONE;
        } else {
            this.lock = DataDirLock.acquire(settings.dataDir());
            journal = new SqliteJournal(settings.dataDir().resolve("state.db"), settings.durability());
        }
        Store created = null;
        DataPlane plane = null;
        ConnectionEventPublisher events = null;
        try {
            created = new Store(journal, clock, DefaultVpc::create);
            IdentityPolicies identities = settings.iamConfig() == null ? IdentityPolicies.none() : IdentityPolicies.load(settings.iamConfig());
            KnownPrincipals principals = new KnownPrincipals(created, identities, settings.rootSecret());
            SigV4Verifier signatures = settings.verifySignatures() ? new SigV4Verifier(principals.signingSecrets(), clock) : null;
            // The APIs (their models and handlers) and the data plane (its CA, TLS and S3) share nothing while they are
            // built, so they are built side by side: start-up takes the longer of the two, not their sum.
            Store forApis = created;
            // CreateFlowLogs asks the embedded S3 whether a bucket exists; the API serves nothing before the data plane is up
            java.util.concurrent.atomic.AtomicReference<DataPlane> planeForApis = new java.util.concurrent.atomic.AtomicReference<>();
            io.localvpc.core.flowlogs.FlowLogDestinations destinations = new io.localvpc.server.dataplane.FlowLogPlaces(planeForApis::get);
            // Endpoint connection events go to the upstream that plays sns, once the data plane (which knows the upstreams) is up.
            events = new ConnectionEventPublisher((service, region) -> planeForApis.get() == null
                    ? java.util.Optional.empty() : planeForApis.get().httpUpstream(service, region));
            ConnectionEventPublisher publisher = events;
            CompletableFuture<ApiDispatcher> apis = CompletableFuture.supplyAsync(() -> new ApiDispatcher(
                    new Ec2Api(forApis, settings.accountId(), settings.region(), destinations).connectionEvents(publisher), principals, settings.accountId(), metrics.apiCalls(), signatures,
                    StsApi.service(forApis, principals::identityPolicies), IamApi.service(forApis, startedAt),
                    Elbv2Api.service(forApis, settings.region(), () -> planeForApis.get() == null ? null : planeForApis.get().targetHealth())),
                    LocalVpc::startThread);
            plane = new DataPlane(created, settings.inMemory() ? null : settings.dataDir(), settings.effectiveProxyPort(), settings.upstreams(),
                    principals.forEndpoints(), principals, settings.accountId(), settings.region(), metrics, signatures);
            planeForApis.set(plane);
            ApiDispatcher api = joined(apis);
            this.store = created;
            this.dataPlane = plane;
            this.connectionEvents = events;
            AdminApi admin = new AdminApi(this, created, plane);
            this.http = HttpServer.start(settings.host(), settings.port(), api, admin);
            plane.startBackgroundWork();
        } catch (RuntimeException e) {
            if (plane != null) plane.close();
            if (events != null) events.close();
            journal.close();
            if (lock != null) lock.close();
            throw e;
        }
    }

    private static void startThread(Runnable work) {
        Thread t = new Thread(work, "localvpc-start-apis");
        t.setDaemon(true);
        t.start();
    }

    /** The APIs once built; a failure to build them is thrown as it was thrown. */
    private static ApiDispatcher joined(CompletableFuture<ApiDispatcher> apis) {
        try {
            return apis.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Settings settings() {
        return settings;
    }

    /** The EC2 endpoint URL to give SDK clients and the AWS CLI ({@code --endpoint-url}). */
    public URI endpoint() {
        return URI.create("http://" + settings.host() + ":" + http.port());
    }

    public int port() {
        return http.port();
    }

    /** Every port this instance listens on, by role (the health endpoint shows the same map). */
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("api", http.port());
        ports.putAll(dataPlane.ports());
        return ports;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** What GET /metrics shows. */
    public LocalVpcMetrics metrics() {
        return metrics;
    }

    /** The endpoint connection events recorded (and published to an sns upstream) since start. */
    public ConnectionEventPublisher connectionEvents() {
        return connectionEvents;
    }

    public Store store() {
        return store;
    }

    public DataPlane dataPlane() {
        return dataPlane;
    }

    /** Where workloads' programs send their connections: the SOCKS5 / HTTP proxy. */
    public java.net.InetSocketAddress proxyAddress() {
        return dataPlane.proxyAddress();
    }

    public static String version() {
        return Version.get();
    }

    @Override
    public void close() {
        http.close();
        connectionEvents.close();
        dataPlane.close();
        store.close();
        if (lock != null) lock.close();
    }

    public static final class Builder {
        private Settings settings = Settings.defaults();
        private Clock clock = Clock.systemUTC();

        public Builder settings(Settings s) {
            this.settings = s;
            return this;
        }

        public Builder port(int port) {
            settings = settings.withPort(port);
            return this;
        }

        public Builder inMemory() {
            settings = settings.withInMemory(true);
            return this;
        }

        public Builder dataDir(java.nio.file.Path dir) {
            settings = settings.withDataDir(dir).withInMemory(false);
            return this;
        }

        public Builder region(String region) {
            settings = settings.withRegion(region);
            return this;
        }

        public Builder accountId(String account) {
            settings = settings.withAccountId(account);
            return this;
        }

        /** Checks every request's SigV4 signature; keys of localvpc's root convention sign with {@code rootSecret}. */
        public Builder verifySignatures(String rootSecret) {
            settings = settings.withVerifiedSignatures(true, rootSecret);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public LocalVpc start() {
            return new LocalVpc(settings, clock);
        }
    }
}
