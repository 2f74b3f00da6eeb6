package io.localvpc.dataplane.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.Mapping;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLException;

/**
 * Maps an SNI host name to a server {@link SslContext} carrying the {@link LocalCa}'s leaf for that name. A
 * client that sends no SNI (JDK clients for {@code localhost}) gets the {@code localhost}/{@code 127.0.0.1}
 * leaf. Contexts are cached per leaf, so sibling names sharing a wildcard share one context.
 *
 * <p>Only HTTP/1.1 is offered through ALPN: the endpoint listener decodes HTTP/1.1 and clients that would
 * otherwise try HTTP/2 fall back to it.
 *
 * <p>TLS is done by BoringSSL (Netty's OpenSSL engine) where its native library loads, several times cheaper per
 * record and per byte than the JDK's engine, and by the JDK's engine elsewhere; clients see the same certificates
 * and protocols either way.
 */
public final class SniContexts implements Mapping<String, SslContext> {

    private static final int MAX_CACHED_CONTEXTS = 4096;
    /**
     * The TLS engine: BoringSSL when its native library loads on this machine. Loading it takes a few hundred
     * milliseconds, so it happens on a thread of its own from the moment this class is first used (the front's start)
     * instead of on localvpc's start-up path; a connection that arrives before it is done gets the JDK's engine, in a
     * context that is not kept, so later connections to the same name get BoringSSL.
     */
    private static final CompletableFuture<SslProvider> ENGINE = CompletableFuture.supplyAsync(
            () -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK, work -> {
                Thread t = new Thread(work, "localvpc-tls-engine");
                t.setDaemon(true);
                t.start();
            });

    private final LocalCa ca;
    private final ConcurrentMap<String, SslContext> contexts = new ConcurrentHashMap<>();

    public SniContexts(LocalCa ca) {
        this.ca = ca;
    }

    /** The context for {@code hostName} (null: no SNI sent). */
    @Override
    public SslContext map(String hostName) {
        LeafCertificate leaf = ca.leafFor(hostName);
        SslContext cached = contexts.get(leaf.cacheKey());
        if (cached != null) {
            return cached;
        }
        SslProvider engine = ENGINE.getNow(null);
        if (engine == null) {
            return build(leaf, SslProvider.JDK);
        }
        if (contexts.size() >= MAX_CACHED_CONTEXTS) {
            contexts.clear();
        }
        return contexts.computeIfAbsent(leaf.cacheKey(), k -> build(leaf, engine));
    }

    /**
     * Plaintext handed to the TLS engine per call. BoringSSL writes several 16 KiB records in one call, so a large answer
     * (a GET of a big object) costs a quarter of the calls and buffer rounds it would at the 16 KiB default.
     */
    static final int WRAP_DATA_SIZE = 64 * 1024;

    /** A new handler for one accepted connection; it replaces itself with the chosen {@code SslHandler}. */
    public SniHandler newHandler() {
        return newHandler(null);
    }

    /**
     * As {@link #newHandler()}, with the certificate for {@code defaultName} for a client that sends no SNI (as JDK
     * clients do for an IP literal) rather than the {@code localhost} one; null keeps that default.
     */
    public SniHandler newHandler(String defaultName) {
        Mapping<String, SslContext> mapping = defaultName == null ? this : name -> map(name == null ? defaultName : name);
        return new SniHandler(mapping) {
            @Override
            protected io.netty.handler.ssl.SslHandler newSslHandler(SslContext context, io.netty.buffer.ByteBufAllocator allocator) {
                io.netty.handler.ssl.SslHandler handler = super.newSslHandler(context, allocator);
                handler.setWrapDataSize(WRAP_DATA_SIZE);
                return handler;
            }
        };
    }

    /**
     * A server context for one leaf with the engine and settings the front uses (BoringSSL when it loads), for
     * measuring TLS on its own ({@code bench/s3.sh}'s ceiling rows). Waits for the engine to load.
     */
    public static SslContext standalone(LeafCertificate leaf) {
        return build(leaf, ENGINE.join());
    }

    private static SslContext build(LeafCertificate leaf, SslProvider engine) {
        try {
            return SslContextBuilder.forServer(leaf.privateKey(), leaf.chain())
                    .sslProvider(engine)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS context for " + leaf.cacheKey(), e);
        }
    }
}
