package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.BackendRouter;
import io.localvpc.dataplane.route.ServiceRoute;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;

import java.util.Objects;

/**
 * What serves a connection at an endpoint: TLS (leaf chosen by SNI) when the client's first byte opens a TLS
 * handshake, plain HTTP/1.1 otherwise (S3 and other services answer {@code http://} on port 80 too), then the
 * backend the {@link BackendRouter} picks, every request passing the {@link RequestGuard}.
 *
 * <p>The front has no port. Only connections the path engine delivered reach it, inside this process: the
 * workload proxy attaches it to a workload's own connection ({@link #attach}), or, for absolute-form HTTP
 * requests, opens a Netty local channel to {@link #localAddress()} whose first message is the connection's
 * {@link ServiceRoute} (an object, so no byte a workload sends can stand in for it). Nothing else on the machine can
 * connect to it, so no request reaches a service without a path decision and its policies.
 */
public final class EndpointFront implements AutoCloseable {
    private final SniContexts contexts;
    private final BackendRouter router;
    private final RequestGuard guard;
    private final long idleMillis;
    private final BackendConnections connections = new BackendConnections();
    private final Channel local;

    /** How long the front waits for a client that owes it bytes (a head, a body, the next request), as S3 does. */
    public static final java.time.Duration DEFAULT_IDLE_TIMEOUT = java.time.Duration.ofSeconds(20);

    private EndpointFront(LocalCa ca, BackendRouter router, RequestGuard guard, java.time.Duration idleTimeout, EventLoopGroup loops) {
        this.idleMillis = idleTimeout.toMillis();
        if (idleMillis <= 0) throw new IllegalArgumentException("the idle timeout must be positive, got " + idleTimeout);
        this.contexts = new SniContexts(ca);
        this.router = Objects.requireNonNull(router, "router");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.local = loops == null ? null : new ServerBootstrap()
                .group(loops)
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast("route", new io.localvpc.dataplane.net.InProcessGreeting<>(ServiceRoute.class, ServiceRoute.KEY, "the endpoint front"));
                        install(ch.pipeline());
                    }
                })
                .bind(LocalAddress.ANY).syncUninterruptibly().channel();
    }

    /** A front served in process, with its local address on {@code loops} (shared, not closed by the front). */
    public static EndpointFront start(LocalCa ca, BackendRouter router, RequestGuard guard, EventLoopGroup loops) {
        return new EndpointFront(ca, router, guard, DEFAULT_IDLE_TIMEOUT, Objects.requireNonNull(loops, "loops"));
    }

    /** A front without a local address, for a listener of its own (tests serve it on a socket). */
    static EndpointFront withoutLocalAddress(LocalCa ca, BackendRouter router, RequestGuard guard, java.time.Duration idleTimeout) {
        return new EndpointFront(ca, router, guard, idleTimeout, null);
    }

    /**
     * Serves {@code channel}, a connection the path engine delivered, from now on. Call on the channel's event loop.
     *
     * @param afterHandler the front goes right after this handler, so bytes the handlers before it still hold
     *                     reach it when they are removed
     */
    public void attach(Channel channel, String afterHandler, ServiceRoute route) {
        channel.attr(ServiceRoute.KEY).set(route);
        channel.pipeline().addAfter(afterHandler, "front", new FrontDetector(this));
        channel.pipeline().addAfter(afterHandler, FrontTimeout.NAME, FrontTimeout.handler(idleMillis));
    }

    /** Where the proxy opens in-process connections to the front; they must begin with a {@link ServiceRoute}. */
    public LocalAddress localAddress() {
        if (local == null) throw new IllegalStateException("this front has no local address");
        return (LocalAddress) local.localAddress();
    }

    /** Appends the front to a new connection's pipeline. */
    void install(ChannelPipeline pipeline) {
        pipeline.addLast(FrontTimeout.NAME, FrontTimeout.handler(idleMillis));
        pipeline.addLast("front", new FrontDetector(this));
    }

    /** TLS first; the handshake's SNI name then chooses between the HTTP codec and an opaque relay. */
    void serveTls(ChannelPipeline pipeline, String afterHandler) {
        pipeline.addAfter(afterHandler, "sni", contexts.newHandler());
        pipeline.addAfter("sni", "switch", new ProtocolSwitch(router, guard, connections));
    }

    /** Clear-text HTTP/1.1, routed by the Host header alone. */
    void servePlainHttp(ChannelPipeline pipeline, String afterHandler) {
        pipeline.addAfter(afterHandler, "http", ProtocolSwitch.httpCodec());
        pipeline.addAfter("http", "forward", new EndpointHttpForwarder(router, guard, null, connections));
    }

    /** Stops taking in-process connections (open ones are closed with their event loops). */
    @Override
    public void close() {
        if (local != null) local.close().syncUninterruptibly();
        connections.close();
    }
}
