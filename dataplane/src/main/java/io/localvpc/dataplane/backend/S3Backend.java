package io.localvpc.dataplane.backend;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
 * <p>Virtual-hosted-style requests are rewritten to path style before they reach s3proxy ({@link #prepare}),
 * rather than configuring s3proxy's single {@code virtual-host} domain: one S3 backend then serves every
 * region's name, the legacy global and dash-region names, dual-stack names and interface-endpoint
 * ({@code *.vpce.amazonaws.com}) names at once. Rewriting is safe because s3proxy checks no signature.
 */
public final class S3Backend implements ServiceBackend, AutoCloseable {

    private static final System.Logger LOG = System.getLogger("localvpc.s3");

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final InetSocketAddress address;

    private S3Backend(S3Proxy proxy, BlobStoreContext context, InetSocketAddress address) {
        this.proxy = proxy;
        this.context = context;
        this.address = address;
    }

    /**
     * Starts s3proxy on a free 127.0.0.1 port.
     *
     * @param objectDirectory where buckets and objects live (created if missing); null keeps them in memory
     */
    public static S3Backend start(Path objectDirectory) {
        BlobStoreContext context = objectDirectory == null ? transientStore() : filesystemStore(objectDirectory);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                // SDKs add headers s3proxy does not implement (checksum algorithms, SDK hints); storing the object
                // matters more than honouring every optional header.
                .ignoreUnknownHeaders(true)
                .build();
        try {
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
        return new S3Backend(proxy, context, address);
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

    /** Virtual-hosted style to path style: {@code Host: b.s3.<region>.amazonaws.com}, {@code /k} → {@code /b/k}. */
    @Override
    public HttpRequest prepare(HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        Optional<String> bucket = S3Hosts.bucket(host);
        if (bucket.isEmpty() || !request.uri().startsWith("/")) {
            return request;
        }
        String uri = request.uri();
        String b = bucket.get();
        request.setUri(uri.equals("/") || uri.startsWith("/?") ? "/" + b + uri.substring(1) : "/" + b + uri);
        request.headers().set(HttpHeaderNames.HOST, S3Hosts.withoutBucket(host, b));
        return request;
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
