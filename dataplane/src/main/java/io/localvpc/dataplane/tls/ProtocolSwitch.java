package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.BackendRouter;
import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.route.ServiceRoute;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Waits for the TLS handshake, then sets up the rest of the pipeline from the connection's route: an opaque relay
 * when it leads to a TCP backend (server-speaks-first protocols work, as nothing waits for client bytes),
 * otherwise the HTTP/1.1 codec and the forwarder.
 */
final class ProtocolSwitch extends ChannelInboundHandlerAdapter {

    /** Presigned URLs and S3 metadata headers are far longer than Netty's 4 KiB / 8 KiB defaults. */
    static final int MAX_INITIAL_LINE = 16 * 1024;
    static final int MAX_HEADER_SIZE = 64 * 1024;
    static final int MAX_CHUNK_SIZE = 64 * 1024;

    /** The server-side HTTP/1.1 codec of the endpoint, with room for long presigned URLs and metadata. */
    static HttpServerCodec httpCodec() {
        return new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE);
    }

    private final BackendRouter router;
    private final RequestGuard guard;
    private final BackendConnections connections;
    private String sniHostName;
    private final List<Object> early = new ArrayList<>();

    ProtocolSwitch(BackendRouter router, RequestGuard guard, BackendConnections connections) {
        this.router = router;
        this.guard = guard;
        this.connections = connections;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent || FrontTimeout.isReadIdle(evt)) {
            // the client left, or stalled, during the handshake
            ctx.close();
            return;
        }
        if (evt instanceof SniCompletionEvent sni) {
            sniHostName = sni.hostname();
        } else if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                ctx.close();
                return;
            }
            configure(ctx);
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** Decrypted bytes that arrive before the handshake event are held and replayed to the chosen handlers. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        early.add(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        early.forEach(io.netty.util.ReferenceCountUtil::release);
        early.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // handshake failures (a client that does not trust the CA) end the connection; nothing to answer
        ctx.close();
    }

    private void configure(ChannelHandlerContext ctx) {
        ChannelPipeline p = ctx.pipeline();
        // The route the path engine settled for the connection, else (a test's listener) the SNI name's.
        ServiceRoute route = ctx.channel().attr(ServiceRoute.KEY).get();
        Optional<ServiceBackend> backend = route != null ? Optional.of(route.backend()) : Optional.ofNullable(sniHostName).flatMap(router::route);
        if (backend.isPresent() && backend.get().protocol() == ServiceBackend.Protocol.TCP) {
            p.addAfter(ctx.name(), "tcp", new TcpRelay(backend.get()));
        } else {
            p.addAfter(ctx.name(), "http", httpCodec());
            p.addAfter("http", "forward", new EndpointHttpForwarder(router, guard, sniHostName, connections));
        }
        for (Object msg : early) {
            ctx.fireChannelRead(msg);
        }
        if (!early.isEmpty()) {
            ctx.fireChannelReadComplete();
        }
        early.clear();
        p.remove(this);
    }
}
