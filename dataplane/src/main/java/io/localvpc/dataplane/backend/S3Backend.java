package io.localvpc.dataplane.backend;

import io.localvpc.dataplane.route.AwsHost;
import io.localvpc.dataplane.route.S3Names;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;

/**
 * The embedded S3 service: s3proxy on a loopback port over a jclouds blob store, {@code filesystem} (objects as
 * files under a directory, kept across restarts) or {@code transient} (in memory). Any credentials are
 * accepted (s3proxy's authorization {@code none}): signatures are checked, if at all, by localvpc's own
 * request classifier in front of it.
 *
 * <p>Every request reaches s3proxy in path style, its bucket and key re-encoded from what the endpoint read
 * ({@link #prepare}), rather than configuring s3proxy's single {@code virtual-host} domain: one S3 backend then
 * serves every region's name, the legacy global and dash-region names, dual-stack names and interface-endpoint
 * ({@code *.vpce.amazonaws.com}) names at once, and s3proxy serves the very bucket and key the policies judged.
 * Rewriting is safe because s3proxy checks no signature.
 *
 * <p>s3proxy's port is on loopback, where any local program can reach it, and it checks no credentials; so it
 * serves S3 only under a secret path prefix ({@link #servicePath()}, 128 random bits, made at each start and known
 * only to this process). {@link #prepare} puts it in front of every request localvpc forwards; anything else that
 * connects gets a 404 that is not S3's and never an object, so every request that reaches S3 went through a path
 * decision and the policies.
 */
public final class S3Backend implements ServiceBackend, AutoCloseable {

    private static final String COPY_SOURCE = "x-amz-copy-source";

    private static final System.Logger LOG = System.getLogger("localvpc.s3");

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final InetSocketAddress address;
    private final String servicePath;

    private S3Backend(S3Proxy proxy, BlobStoreContext context, InetSocketAddress address, String servicePath) {
        this.proxy = proxy;
        this.context = context;
        this.address = address;
        this.servicePath = servicePath;
    }

    /** A service path that no one can guess: 128 bits from the system's secure random source. */
    public static String newServicePath() {
        byte[] secret = new byte[16];
        new java.security.SecureRandom().nextBytes(secret);
        return "/_localvpc-" + java.util.HexFormat.of().formatHex(secret);
    }

    /**
     * Starts s3proxy on a free 127.0.0.1 port.
     *
     * @param objectDirectory where buckets and objects live (created if missing); null keeps them in memory
     */
    public static S3Backend start(Path objectDirectory) {
        return start(objectDirectory, newServicePath());
    }

    /** Starts s3proxy serving under {@code servicePath} (from {@link #newServicePath()}). */
    public static S3Backend start(Path objectDirectory, String servicePath) {
        if (!servicePath.matches("/_localvpc-[0-9a-f]{32}")) throw new IllegalArgumentException("not a service path: " + servicePath);
        BlobStoreContext context = objectDirectory == null ? transientStore() : filesystemStore(objectDirectory);
        S3Proxy proxy = S3Proxy.builder()
                .servicePath(servicePath)
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                // SDKs add headers s3proxy does not implement (checksum algorithms, SDK hints); storing the object
                // matters more than honouring every optional header.
                .ignoreUnknownHeaders(true)
                .build();
        try {
            keepBodiesUnparsed(proxy);
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                if (proxy.getState().equals("FAILED")) {
                    throw new IllegalStateException("s3proxy failed to start");
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            context.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the embedded S3 service (s3proxy): " + e.getMessage(), e);
        }
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", proxy.getPort());
        LOG.log(System.Logger.Level.INFO, "embedded S3 (s3proxy, " + (objectDirectory == null ? "in memory"
                : objectDirectory.toString()) + ") listening on " + address);
        return new S3Backend(proxy, context, address, servicePath);
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

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public Protocol protocol() {
        return Protocol.HTTP;
    }

    @Override
    public String errorFormat() {
        return "s3";
    }

    /**
     * The secret prefix under which s3proxy serves S3 ({@code /_localvpc-<32 hex digits>}): what a client that
     * reaches its port directly must put before every path. For localvpc's own use and its benchmarks only.
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

    /** Stops s3proxy and releases the blob store; objects in a directory stay there. */
    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "s3proxy did not stop cleanly: " + e);
        } finally {
            context.close();
        }
    }

    @Override
    public String toString() {
        return "s3 " + address;
    }
}
