package io.localvpc.dataplane.backend;

import io.localvpc.dataplane.route.AwsHost;
import io.localvpc.dataplane.route.S3Names;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;

/**
 * The embedded S3 service: s3proxy over a jclouds blob store, {@code filesystem} (objects as files under a directory,
 * kept across restarts) or {@code transient} (in memory), served in this process. The endpoint front hands each
 * request it allowed to s3proxy's own request handler (its servlet) on a thread of this backend's, through small
 * servlet adapters over the request the front already parsed ({@link InProcessServletRequest},
 * {@link InProcessServletResponse}): no loopback connection, no second HTTP parse, bodies streamed both ways. Any
 * credentials are accepted (s3proxy's authorization {@code none}): signatures are checked, if at all, by localvpc's
 * own request classifier in front of it.
 *
 * <p>Every request reaches s3proxy in path style, its bucket and key re-encoded from what the endpoint read
 * ({@link #prepare}), rather than configuring s3proxy's single {@code virtual-host} domain: one S3 backend then
 * serves every region's name, the legacy global and dash-region names, dual-stack names and interface-endpoint
 * ({@code *.vpce.amazonaws.com}) names at once, and s3proxy serves the very bucket and key the policies judged.
 * Rewriting is safe because s3proxy checks no signature.
 *
 * <p>The embedded S3 has no port: only requests the front delivered reach it. For measuring it alone, s3proxy's own
 * Jetty listener can be started on a loopback port ({@link #directEndpoint()}, the benchmarks' baseline); as that port
 * is open to any local program and checks no credentials, it serves S3 only under a secret path prefix
 * ({@link #servicePath()}, 128 random bits, made at each start and known only to this process), and anything else
 * that connects gets a 404 that is not S3's and never an object.
 */
public final class S3Backend implements ServiceBackend, AutoCloseable {

    private static final String COPY_SOURCE = "x-amz-copy-source";
    /** As many requests at once as s3proxy's Jetty serves by default; one more is answered {@code 503 SlowDown}. */
    static final int MAX_WORKERS = 200;
    /**
     * The largest object a GET is answered for on the calling thread (an event loop): copying it from memory costs
     * less than the thread hand-overs it spares, and less than the TLS the event loop does on the same bytes.
     */
    static final long AT_ONCE_OBJECT_BYTES = 256 * 1024;

    private static final System.Logger LOG = System.getLogger("localvpc.s3");

    private final S3Proxy proxy;
    private final HttpServlet handler;
    private final BlobStoreContext context;
    private final String servicePath;
    private final ThreadPoolExecutor workers;
    private final CompletableFuture<InProcessHttp> inProcess;
    private final String description;
    /** Objects are kept in memory (no directory): s3proxy reads and writes them without waiting on a disk. */
    private final boolean inMemory;
    /** s3proxy's own listener, once {@link #directEndpoint()} started it. */
    private URI direct;

    private S3Backend(S3Proxy proxy, HttpServlet handler, BlobStoreContext context, String servicePath, String description, boolean inMemory) {
        this.proxy = proxy;
        this.inMemory = inMemory;
        this.handler = handler;
        this.context = context;
        this.servicePath = servicePath;
        this.description = description;
        this.workers = InProcessWorkers.create("localvpc-s3", MAX_WORKERS);
        this.inProcess = CompletableFuture.completedFuture(this::serve);
    }

    /** A service path that no one can guess: 128 bits from the system's secure random source. */
    public static String newServicePath() {
        byte[] secret = new byte[16];
        new java.security.SecureRandom().nextBytes(secret);
        return "/_localvpc-" + java.util.HexFormat.of().formatHex(secret);
    }

    /**
     * Opens the blob store and s3proxy's handler over it.
     *
     * @param objectDirectory where buckets and objects live (created if missing); null keeps them in memory
     */
    public static S3Backend start(Path objectDirectory) {
        return start(objectDirectory, newServicePath());
    }

    /** Opens the embedded S3, its direct listener (if ever started) serving under {@code servicePath} (from {@link #newServicePath()}). */
    public static S3Backend start(Path objectDirectory, String servicePath) {
        if (!servicePath.matches("/_localvpc-[0-9a-f]{32}")) throw new IllegalArgumentException("not a service path: " + servicePath);
        BlobStoreContext context = objectDirectory == null ? transientStore() : filesystemStore(objectDirectory);
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .servicePath(servicePath)
                    .blobStore(objectDirectory == null ? context.getBlobStore() : new ObjectsOnlyBlobStore(context.getBlobStore()))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.NONE, null, null)
                    // SDKs add headers s3proxy does not implement (checksum algorithms, SDK hints); storing the object
                    // matters more than honouring every optional header.
                    .ignoreUnknownHeaders(true)
                    .build();
            String where = objectDirectory == null ? "in memory" : objectDirectory.toString();
            LOG.log(System.Logger.Level.INFO, "embedded S3 (s3proxy, " + where + ") served in process");
            return new S3Backend(proxy, handlerOf(proxy), context, servicePath, "s3 (in process, " + where + ")", objectDirectory == null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            context.close();
            throw new IllegalStateException("cannot start the embedded S3 service (s3proxy): " + e.getMessage(), e);
        }
    }

    /**
     * s3proxy's request handler: the servlet its Jetty calls for every request, which maps the blob store's exceptions
     * to S3's errors around s3proxy's S3 handler. s3proxy does not expose it, hence the reflection; a release that
     * changes this fails here, at start, not on some later request.
     */
    private static HttpServlet handlerOf(S3Proxy proxy) throws ReflectiveOperationException {
        java.lang.reflect.Field field = S3Proxy.class.getDeclaredField("handler");
        field.setAccessible(true);
        return (HttpServlet) field.get(proxy);
    }

    /**
     * Serves one request on a worker thread, or on the calling thread when {@link #answersAtOnce} says it may:
     * s3proxy's handler reads it and writes its answer as Jetty would have let it. If the handler fails before its
     * answer began, the answer is S3's {@code InternalError}; after, the connection ends (nothing else can tell the
     * client the answer is cut short).
     */
    private boolean serve(HttpRequest request, InputStream body, HttpAnswer answer, boolean bodyHeld) {
        Runnable work = () -> answer(request, body, answer);
        if (bodyHeld && answersAtOnce(request)) {
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

    private void answer(HttpRequest request, InputStream body, HttpAnswer answer) {
        InProcessServletResponse response = new InProcessServletResponse(answer, HttpMethod.HEAD.equals(request.method()));
        try {
            handler.service(new InProcessServletRequest(request, body), response);
            response.finish();
        } catch (Exception | Error e) {
            // A client that went away fails a read or a send with an IOException, which the blob store may wrap;
            // anything else is the embedded S3's own failure. The secret service path stays out of the log.
            LOG.log(causedByIo(e) ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING, "embedded S3: "
                    + request.method() + " " + request.uri().substring(Math.min(servicePath.length(), request.uri().length()))
                    + " failed: " + e, e);
            response.fail();
        } finally {
            closeQuietly(body);
        }
    }

    /**
     * Whether a request (its body held whole) is answered from memory with little work and no wait, so the thread that
     * holds it may answer it itself: only with the objects in memory (no disk), only a request for one object (a
     * listing may walk a whole bucket, a multipart completion joins parts of any size), never a copy (its source may be
     * of any size), and a GET only of an object of at most {@link #AT_ONCE_OBJECT_BYTES} (or of none: an error).
     */
    private boolean answersAtOnce(HttpRequest request) {
        if (!inMemory) return false;
        HttpMethod method = request.method();
        boolean get = HttpMethod.GET.equals(method);
        if (!get && !HttpMethod.HEAD.equals(method) && !HttpMethod.PUT.equals(method) && !HttpMethod.DELETE.equals(method)) return false;
        if (request.headers().contains(COPY_SOURCE)) return false;
        String path = new QueryStringDecoder(request.uri()).path();
        if (!path.startsWith(servicePath + "/")) return false;
        String names = path.substring(servicePath.length() + 1);
        int slash = names.indexOf('/');
        if (slash <= 0 || slash == names.length() - 1) return false;
        if (!get) return true;
        try {
            BlobMetadata object = context.getBlobStore().blobMetadata(names.substring(0, slash), names.substring(slash + 1));
            if (object == null) return true;
            Long length = object.getContentMetadata().getContentLength();
            return length != null && length <= AT_ONCE_OBJECT_BYTES;
        } catch (RuntimeException e) {
            return true; // no such bucket: the answer is S3's error
        }
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) return true;
        }
        return false;
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // nothing more is read from it either way
        }
    }

    /**
     * Starts s3proxy's own Jetty listener on a free 127.0.0.1 port, once, and answers where it serves: the
     * embedded S3 reached directly (plain HTTP, no policies), under the secret service path. For benchmarks and
     * tests, not for workloads.
     */
    public synchronized URI directEndpoint() {
        if (direct != null) return direct;
        try {
            keepBodiesUnparsed(proxy);
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                if (proxy.getState().equals("FAILED")) {
                    throw new IllegalStateException("s3proxy's listener failed to start");
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the embedded S3's direct listener (s3proxy): " + e.getMessage(), e);
        }
        direct = URI.create("http://127.0.0.1:" + proxy.getPort() + servicePath);
        LOG.log(System.Logger.Level.INFO, "embedded S3 reachable directly at " + direct.getScheme() + "://127.0.0.1:" + proxy.getPort()
                + " under its secret path");
        return direct;
    }

    /**
     * Jetty parses a {@code application/x-www-form-urlencoded} body of a POST or PUT into request parameters when
     * asked for any parameter, which s3proxy always does: the body is then gone, and a PutObject of such an object
     * (what {@code curl --data-binary} sends) fails or stores nothing. No S3 operation takes a form-encoded body, so
     * s3proxy's Jetty is told to parse none. s3proxy does not expose its server, hence the reflection; a release
     * that changes this fails here, at start, not on some later upload.
     */
    private static void keepBodiesUnparsed(S3Proxy proxy) throws ReflectiveOperationException {
        java.lang.reflect.Field field = S3Proxy.class.getDeclaredField("server");
        field.setAccessible(true);
        org.gaul.shaded.org.eclipse.jetty.server.Server server = (org.gaul.shaded.org.eclipse.jetty.server.Server) field.get(proxy);
        int configured = 0;
        for (org.gaul.shaded.org.eclipse.jetty.server.Connector connector : server.getConnectors()) {
            org.gaul.shaded.org.eclipse.jetty.server.HttpConnectionFactory http =
                    connector.getConnectionFactory(org.gaul.shaded.org.eclipse.jetty.server.HttpConnectionFactory.class);
            if (http != null) {
                http.getHttpConfiguration().setFormEncodedMethods();
                configured++;
            }
        }
        if (configured == 0) throw new IllegalStateException("s3proxy has no HTTP connector to configure");
    }

    private static BlobStoreContext transientStore() {
        return ContextBuilder.newBuilder("transient")
                .modules(List.of(new SLF4JLoggingModule()))
                .build(BlobStoreContext.class);
    }

    private static BlobStoreContext filesystemStore(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 object directory " + directory, e);
        }
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        return ContextBuilder.newBuilder("filesystem")
                .overrides(properties)
                .modules(List.of(new SLF4JLoggingModule()))
                .build(BlobStoreContext.class);
    }

    @Override
    public String name() {
        return "s3";
    }

    /** None: the embedded S3 is served in process ({@link #directEndpoint()} starts a listener for benchmarks). */
    @Override
    public InetSocketAddress address() {
        throw new UnsupportedOperationException("the embedded S3 is served in process and has no address");
    }

    @Override
    public Protocol protocol() {
        return Protocol.IN_PROCESS;
    }

    @Override
    public CompletionStage<InProcessHttp> inProcess() {
        return inProcess;
    }

    @Override
    public String errorFormat() {
        return "s3";
    }

    /**
     * The secret prefix under which s3proxy serves S3 ({@code /_localvpc-<32 hex digits>}): what a client that
     * reaches its direct listener must put before every path, and what {@link #prepare} puts before every path handed
     * to its handler. For localvpc's own use and its benchmarks only.
     */
    public String servicePath() {
        return servicePath;
    }

    /**
     * Names the bucket and key in the path, under the secret service path: {@code /<service path>/bucket/key}, each
     * escaped so that s3proxy decodes exactly the names the policies judged (virtual-hosted requests become path
     * style), and the copy source of a copy likewise. The query string is kept. A request target that is not a path
     * (absolute form, {@code *}) is left as it is: without the service path s3proxy does not serve it.
     */
    @Override
    public HttpRequest prepare(HttpRequest request, S3Names s3) {
        return prepare(request, s3, servicePath);
    }

    /** {@link #prepare(HttpRequest, S3Names)} for a backend serving under {@code servicePath}, before it has started. */
    public static HttpRequest prepare(HttpRequest request, S3Names s3, String servicePath) {
        String uri = request.uri();
        if (!uri.startsWith("/")) {
            return request;
        }
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        // The front reads the names of every request for this backend; read them here too if a caller did not.
        S3Names names = s3 != null ? s3 : S3Names.read(AwsHost.parse(request.headers().get(HttpHeaderNames.HOST)), request.method().name(),
                rawPath, request.headers().get(COPY_SOURCE));
        request.setUri(servicePath + names.target().path() + (q < 0 ? "" : uri.substring(q)));
        if (names.copySource() != null) request.headers().set(COPY_SOURCE, names.copySource().header());
        return request;
    }

    /** Whether the bucket exists, asked of the blob store in process (no request to s3proxy, no network wait). */
    public boolean bucketExists(String bucket) {
        return context.getBlobStore().containerExists(bucket);
    }

    /**
     * Writes an object localvpc itself makes (a flow log), straight into the blob store: no request, no policy, as AWS's
     * log delivery writes into a bucket. Throws when the bucket is gone.
     */
    public void putObject(String bucket, String key, byte[] body, String contentType) {
        org.jclouds.blobstore.BlobStore blobs = context.getBlobStore();
        if (!blobs.containerExists(bucket)) throw new IllegalStateException("the bucket " + bucket + " does not exist");
        blobs.putBlob(bucket, blobs.blobBuilder(key).payload(body).contentLength(body.length).contentType(contentType).build());
    }

    /**
     * Stops taking requests, stops s3proxy's listener if it was started, and releases the blob store once the requests
     * being served have ended (or after a few seconds); objects in a directory stay there.
     */
    @Override
    public void close() {
        InProcessWorkers.stop(workers);
        try {
            synchronized (this) {
                if (direct != null) proxy.stop();
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "s3proxy did not stop cleanly: " + e);
        } finally {
            context.close();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
