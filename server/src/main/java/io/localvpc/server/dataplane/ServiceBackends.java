package io.localvpc.server.dataplane;

import io.localvpc.core.catalog.Region;
import io.localvpc.core.catalog.Regions;
import io.localvpc.dataplane.backend.BackendRouter;
import io.localvpc.dataplane.backend.DynamoDbBackend;
import io.localvpc.dataplane.backend.HostBackendRouter;
import io.localvpc.dataplane.backend.S3Backend;
import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.backend.StartingBackend;
import io.localvpc.dataplane.backend.TcpBackend;
import io.localvpc.dataplane.backend.UpstreamBackend;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which backend plays each AWS service, by host name: the embedded S3 (s3proxy, in process) for S3 in every region,
 * localvpc's own DynamoDB (in process) for DynamoDB in every region unless an upstream plays it, and any service the
 * user points at an upstream URL ({@code --upstream sqs=http://127.0.0.1:4566}, or
 * {@code tcp://…} for one that does not speak HTTP), or every other service at once ({@code --upstream '*=http://…'}).
 * Each service answers on its public names (legacy and global ones too), its private DNS names and its {@code vpce} names.
 */
final class ServiceBackends implements AutoCloseable {
    /** {@code --upstream '*=…'}: the upstream of every service localvpc does not play in process. */
    static final String EVERY_OTHER_SERVICE = "*";
    private final StartingBackend<S3Backend> s3;
    /** The built-in DynamoDB; null when {@code --upstream dynamodb=…} plays DynamoDB. */
    private final DynamoDbBackend dynamoDb;
    /** The upstream backends by service short name ({@code *} for every other service), in the order given. */
    private final Map<String, ServiceBackend> upstreams;
    private volatile HostBackendRouter routes;

    /**
     * @param s3Directory       where the embedded S3 keeps objects; null keeps them in memory
     * @param dynamoDbDirectory where the built-in DynamoDB keeps tables; null keeps them in memory
     */
    ServiceBackends(Path s3Directory, Path dynamoDbDirectory, Map<String, URI> upstreams, String defaultAccount, String defaultRegion) {
        String servicePath = S3Backend.newServicePath();
        this.s3 = new StartingBackend<>("embedded S3", ServiceBackend.Protocol.IN_PROCESS, "s3",
                (request, names) -> S3Backend.prepare(request, names, servicePath), () -> S3Backend.start(s3Directory, servicePath));
        try {
            for (String service : upstreams.keySet()) {
                if (!service.equals(EVERY_OTHER_SERVICE) && ServiceDomains.of(service).isEmpty()) {
                    throw new IllegalArgumentException("--upstream " + service + "=…: no AWS endpoint service is called '" + service
                            + "' (use the short name, e.g. sqs, dynamodb, ecr.api, or * for every service localvpc does not play itself)");
                }
            }
            Map<String, ServiceBackend> made = new java.util.LinkedHashMap<>();
            upstreams.forEach((service, url) -> made.put(service, upstream(url))); // a bad URL is refused at start-up
            this.upstreams = made;
            // the built-in DynamoDB unless a named upstream plays it ('*' does not take it, as it does not take S3)
            this.dynamoDb = upstreams.containsKey("dynamodb") ? null : DynamoDbBackend.start(dynamoDbDirectory, defaultAccount, defaultRegion);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The routes by host name, made on first use: they list every public, private and {@code vpce} name of every
     * service in every region (thousands), which took a quarter of localvpc's start-up when made there, before any
     * connection needed them. {@link #startInBackground()} makes them ahead of the first connection.
     */
    private HostBackendRouter routes() {
        HostBackendRouter made = routes;
        if (made != null) return made;
        synchronized (this) {
            if (routes == null) routes = makeRoutes();
            return routes;
        }
    }

    /**
     * Starts what was left out of start-up so that it did not compete with it for the CPU: the embedded S3, then the
     * routes by host name, one after the other on the S3's start thread, so that no connection waits for them.
     */
    void startInBackground() {
        s3.begin();
        s3.whenReady().whenComplete((started, failed) -> routes());
    }

    private HostBackendRouter makeRoutes() {
        HostBackendRouter router = new HostBackendRouter();
        router.route("s3.amazonaws.com", s3);
        for (Region region : Regions.all()) {
            router.route("s3." + region.name() + ".amazonaws.com", s3);
            router.route("s3." + region.name() + ".vpce.amazonaws.com", s3);
        }
        for (String domain : ServiceDomains.of("s3")) router.route(domain, s3); // legacy, FIPS and dual-stack names too
        if (dynamoDb != null) {
            for (String domain : ServiceDomains.of("dynamodb")) router.route(domain, dynamoDb);
        }
        ServiceBackend everything = upstreams.get(EVERY_OTHER_SERVICE);
        if (everything != null) {
            // One emulator for every service nothing above plays (the embedded S3 keeps S3); named upstreams below win.
            // decided before any is routed: a service sharing a name with another (kms and kms-fips) is not "played"
            java.util.List<String> others = ServiceDomains.services().stream()
                    .filter(service -> ServiceDomains.of(service).stream().noneMatch(d -> router.route(d).isPresent())).toList();
            for (String service : others) {
                for (String domain : ServiceDomains.of(service)) router.route(domain, everything);
            }
        }
        for (Map.Entry<String, ServiceBackend> u : upstreams.entrySet()) {
            if (u.getKey().equals(EVERY_OTHER_SERVICE)) continue;
            for (String domain : ServiceDomains.of(u.getKey())) router.route(domain, u.getValue());
        }
        return router;
    }

    /** {@code tcp://} plays a service that speaks its own protocol (bytes pass through); anything else must be {@code http://}. */
    private static ServiceBackend upstream(URI url) {
        return "tcp".equalsIgnoreCase(url.getScheme()) ? TcpBackend.fromUrl(url) : UpstreamBackend.http(url);
    }

    /**
     * The embedded S3 reached directly (s3proxy's own listener, plain HTTP on loopback, under its secret service
     * path; started on the first call), for measuring it without localvpc in front.
     */
    URI s3Endpoint() {
        return s3.backend().directEndpoint();
    }

    /**
     * Whether the embedded S3 has this bucket, asked of its blob store in process (used for the few requests that
     * depend on it). Asked off the event loops, so it waits for S3 to start; if S3 cannot answer, the answer is
     * "yes", so nothing is refused or forgotten on a guess.
     */
    boolean s3BucketExists(String bucket) {
        try {
            return s3.backend().bucketExists(bucket);
        } catch (RuntimeException e) {
            return true; // cannot tell: do not refuse or forget anything on a guess
        }
    }

    /** Writes a flow log object into the embedded S3 (on the flow log writer's thread; waits for S3 to start). */
    void s3PutObject(String bucket, String key, byte[] body, String contentType) {
        s3.backend().putObject(bucket, key, body, contentType);
    }

    /** The partition keys of the built-in DynamoDB's tables, for the policies; none when an upstream plays DynamoDB. */
    io.localvpc.dataplane.classify.PartitionKeyLookup dynamoDbPartitionKeys() {
        return dynamoDb == null ? io.localvpc.dataplane.classify.PartitionKeyLookup.NONE : dynamoDb.partitionKeys();
    }

    BackendRouter router() {
        return host -> routes().route(host);
    }

    @Override
    public void close() {
        try {
            s3.close();
        } catch (Exception e) {
            System.getLogger("localvpc.s3").log(System.Logger.Level.WARNING, "stopping the embedded S3 failed: " + e.getMessage());
        }
        if (dynamoDb != null) dynamoDb.close();
    }
}
