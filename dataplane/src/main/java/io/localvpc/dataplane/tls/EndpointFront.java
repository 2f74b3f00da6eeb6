package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.BackendRouter;
import io.localvpc.dataplane.origin.FlowOrigin;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

/**
 * What serves a connection at an endpoint, whoever accepted it: TLS (leaf chosen by SNI) when the client's first
 * byte opens a TLS handshake, plain HTTP/1.1 otherwise (S3 and other services answer {@code http://} on port 80
 * too), then the backend the {@link BackendRouter} picks, every request passing the {@link RequestGuard}. The
 * {@link EndpointListener} installs it on the connections it accepts; the workload proxy attaches it to its own
 * connections, so a workload's connection to an endpoint is one socket, not three.
 */
public final class EndpointFront {
    private final SniContexts contexts;
    private final BackendRouter router;
    private final RequestGuard guard;

    EndpointFront(LocalCa ca, BackendRouter router, RequestGuard guard) {
        this.contexts = new SniContexts(ca);
        this.router = router;
        this.guard = guard;
    }

    /**
     * Serves {@code channel}, a connection accepted elsewhere, from now on: its origin is known, so no PROXY
     * header is read. Call on the channel's event loop.
     *
     * @param afterHandler the front goes right after this handler, so bytes the handlers before it still hold
     *                     reach it when they are removed
     */
    public void attach(Channel channel, String afterHandler, FlowOrigin origin) {
        channel.attr(FlowOrigin.KEY).set(origin);
        channel.pipeline().addAfter(afterHandler, "front", new FrontDetector(this));
    }

    /** Appends the front to a new connection's pipeline. */
    void install(ChannelPipeline pipeline) {
        pipeline.addLast("front", new FrontDetector(this));
    }

    /** TLS first; the handshake's SNI name then chooses between the HTTP codec and an opaque relay. */
    void serveTls(ChannelPipeline pipeline, String afterHandler) {
        pipeline.addAfter(afterHandler, "sni", contexts.newHandler());
        pipeline.addAfter("sni", "switch", new ProtocolSwitch(router, guard));
    }

    /** Clear-text HTTP/1.1, routed by the Host header alone. */
    void servePlainHttp(ChannelPipeline pipeline, String afterHandler) {
        pipeline.addAfter(afterHandler, "http", ProtocolSwitch.httpCodec());
        pipeline.addAfter("http", "forward", new HttpForwarder(router, guard, null));
    }
}
