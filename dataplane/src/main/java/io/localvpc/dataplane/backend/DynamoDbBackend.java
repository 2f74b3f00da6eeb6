package io.localvpc.dataplane.backend;

import io.localvpc.dataplane.origin.FlowOrigin;
import io.localvpc.dataplane.route.AwsHost;
import io.localvpc.dataplane.route.S3Names;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.DynamoDbService;
import io.localvpc.dynamodb.wire.DynamoDbHandler;
import io.localvpc.dynamodb.wire.DynamoDbResponse;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * localvpc's own DynamoDB ({@link DynamoDbService}) served in this process behind the DynamoDB endpoints and the
 * public path: the endpoint front hands it each request its policies allowed, as it does the embedded S3, with no
 * loopback connection in between. Tables belong to an account and a region, as on AWS: the account is the one whose
 * VPC the request came from (what the policies named the table ARNs with; the default account for a connection no
 * path engine delivered), the region the one the request is signed for (else its host name's, else the default).
 *
 * <p>A request whose answer never waits (a read, or any request when the tables are kept in memory) is answered on
 * the thread that hands it over, an event loop, once its body is held whole: that spares two thread hand-overs per
 * request. A write to tables kept on disk waits for its commit, so it is answered on a thread of this backend's.
 */
public final class DynamoDbBackend implements ServiceBackend, AutoCloseable {
    /** As many requests at once as the embedded S3 serves; one more is answered {@code 503}. */
    static final int MAX_WORKERS = 200;
    private static final Pattern CREDENTIAL_REGION = Pattern.compile("Credential=[^/,\\s]+/[^/]+/([^/]+)/dynamodb/");
    private static final System.Logger LOG = System.getLogger("localvpc.dynamodb");

    private final CompletableFuture<DynamoDbService> started;
    private final CompletableFuture<InProcessHttp> inProcess;
    private final boolean inMemory;
    private final String defaultAccount;
    private final String defaultRegion;
    private final String description;
    private final ThreadPoolExecutor workers;

    private DynamoDbBackend(Path directory, String defaultAccount, String defaultRegion) {
        if (!DynamoDbScope.isAccountId(defaultAccount)) throw new IllegalArgumentException("not a 12-digit account id: " + defaultAccount);
        this.inMemory = directory == null;
        this.defaultAccount = defaultAccount;
        this.defaultRegion = defaultRegion;
        this.description = "dynamodb (in process, " + (directory == null ? "in memory" : directory.toString()) + ")";
        this.workers = InProcessWorkers.create("localvpc-dynamodb", MAX_WORKERS);
        // Opening reads every table and item kept on disk: done in the background so that localvpc is ready sooner;
        // a request that comes before waits for it without holding an event loop (the front waits on inProcess()).
        this.started = CompletableFuture.supplyAsync(() -> open(directory), r -> {
            Thread t = new Thread(r, "localvpc-start-dynamodb");
            t.setDaemon(true);
            t.start();
        });
        this.inProcess = started.thenApply(service -> this::serve);
    }

    /**
     * Starts localvpc's DynamoDB in the background.
     *
     * @param directory where {@code dynamodb.sqlite} is kept (created if missing); null keeps the tables in memory
     */
    public static DynamoDbBackend start(Path directory, String defaultAccount, String defaultRegion) {
        return new DynamoDbBackend(directory, defaultAccount, defaultRegion);
    }

    private static DynamoDbService open(Path directory) {
        DynamoDbService service = directory == null ? DynamoDbService.inMemory(Clock.systemUTC(), Duration.ofMinutes(1))
                : DynamoDbService.durable(directory, false, Clock.systemUTC(), Duration.ofMinutes(1));
        LOG.log(System.Logger.Level.INFO, "built-in DynamoDB (" + (directory == null ? "in memory" : directory.toString()) + ") served in process");
        return service;
    }

    /** The service once it has started: for localvpc's own use (the policies' key lookups, the benchmarks). */
    public CompletionStage<DynamoDbService> service() {
        return started;
    }

    /**
     * The partition key attribute of a table (or of its index) in a scope, without waiting: empty when the table or
     * index does not exist, or while the service is still starting (callers that must know wait on {@link #service()}).
     */
    public Optional<String> partitionKey(String account, String region, String table, String index) {
        DynamoDbService service = started.getNow(null);
        if (service == null || !DynamoDbScope.isAccountId(account) || region == null || region.isEmpty()) return Optional.empty();
        return service.partitionKey(new DynamoDbScope(account, region), table, index);
    }

    /** The tables' partition keys for the policies ({@code dynamodb:LeadingKeys}), ready once the service has started. */
    public io.localvpc.dataplane.classify.PartitionKeyLookup partitionKeys() {
        DynamoDbBackend backend = this;
        return new io.localvpc.dataplane.classify.PartitionKeyLookup() {
            @Override
            public Optional<String> partitionKey(String account, String region, String table, String index) {
                return backend.partitionKey(account, region, table, index);
            }

            @Override
            public CompletionStage<?> ready() {
                return started;
            }
        };
    }

    /** The account and region a request acts in: see the class comment. */
    DynamoDbScope scopeOf(HttpRequest request, FlowOrigin origin) {
        String account = origin != null && DynamoDbScope.isAccountId(origin.account()) ? origin.account() : defaultAccount;
        return new DynamoDbScope(account, regionOf(request.headers().get(HttpHeaderNames.AUTHORIZATION),
                request.headers().get(HttpHeaderNames.HOST), defaultRegion));
    }

    /** The region a DynamoDB request is for: its SigV4 credential scope's, else its host name's, else {@code fallback}. */
    public static String regionOf(String authorization, String host, String fallback) {
        if (authorization != null) {
            Matcher m = CREDENTIAL_REGION.matcher(authorization);
            if (m.find()) return m.group(1);
        }
        if (host != null) {
            int colon = host.lastIndexOf(':');
            String region = AwsHost.parse(colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host).region();
            if (region != null) return region;
        }
        return fallback;
    }

    /** A request head with the scope it acts in, fixed when the front prepared it (from what the path engine decided). */
    static final class ScopedRequest extends DefaultHttpRequest {
        final DynamoDbScope scope;

        ScopedRequest(HttpRequest request, DynamoDbScope scope) {
            super(request.protocolVersion(), request.method(), request.uri(), request.headers());
            this.scope = scope;
        }
    }

    @Override
    public HttpRequest prepare(HttpRequest request, S3Names s3, FlowOrigin origin) {
        return new ScopedRequest(request, scopeOf(request, origin));
    }

    @Override
    public HttpRequest prepare(HttpRequest request, S3Names s3) {
        return prepare(request, s3, null);
    }

    private boolean serve(HttpRequest request, InputStream body, HttpAnswer answer, boolean bodyHeld) {
        DynamoDbService service = started.join(); // done: inProcess completes after it
        DynamoDbScope scope = request instanceof ScopedRequest scoped ? scoped.scope : scopeOf(request, null);
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
        Runnable work = () -> answer(service, request, headers, body, answer, scope);
        if (bodyHeld && (inMemory || !DynamoDbHandler.mayWait(headers))) {
            work.run();
            return true;
        }
        try {
            workers.execute(work);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void answer(DynamoDbService service, HttpRequest request, Map<String, String> headers, InputStream body, HttpAnswer answer,
                        DynamoDbScope scope) {
        try (body) {
            byte[] bytes = body.readNBytes(DynamoDbHandler.MAX_BODY + 1);
            DynamoDbResponse r = service.handler().handle(request.method().name(), request.uri(), headers, bytes, scope);
            ByteBuf content = answer.alloc().buffer(r.body().length).writeBytes(r.body());
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()), content);
            r.headers().forEach((k, v) -> response.headers().set(k, v));
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
            answer.send(response);
        } catch (IOException e) {
            // the client went away while its body or the answer was on its way: nothing to tell it
            LOG.log(System.Logger.Level.DEBUG, "DynamoDB request from a client that went away: " + e);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "built-in DynamoDB failed on " + headers.getOrDefault("X-Amz-Target", request.uri()) + ": " + e, e);
            answer.abort();
        }
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    /** None: served in process. */
    @Override
    public InetSocketAddress address() {
        throw new UnsupportedOperationException("the built-in DynamoDB is served in process and has no address");
    }

    @Override
    public Protocol protocol() {
        return Protocol.IN_PROCESS;
    }

    @Override
    public CompletionStage<InProcessHttp> inProcess() {
        return inProcess;
    }

    /** Stops taking requests, lets the ones being served end (a few seconds at most), then closes the tables. */
    @Override
    public void close() {
        InProcessWorkers.stop(workers);
        try {
            started.join().close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the built-in DynamoDB did not close cleanly: " + e);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
