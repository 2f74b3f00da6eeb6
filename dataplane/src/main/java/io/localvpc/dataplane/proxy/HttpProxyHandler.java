package io.localvpc.dataplane.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * The HTTP side of the workload proxy. {@code CONNECT host:port} becomes a raw tunnel once the target accepts;
 * absolute-form requests ({@code GET http://host/path}) are handed to an {@link AbsoluteFormForwarder}. The identity is
 * the user name of {@code Proxy-Authorization: Basic}.
 */
final class HttpProxyHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger("localvpc.proxy");
    static final HttpResponseStatus CONNECTION_ESTABLISHED = new HttpResponseStatus(200, "Connection established");

    private final Gate gate;
    private AbsoluteFormForwarder forwarder;
    private boolean tunnelling;

    HttpProxyHandler(Gate gate) {
        this.gate = gate;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                HttpRefusals.badRequest(ctx, "malformed HTTP request: " + request.decoderResult().cause());
            } else if (tunnelling) {
                ReferenceCountUtil.release(msg);
            } else if (HttpMethod.CONNECT.equals(request.method())) {
                if (forwarder != null) forwarder.close();
                tunnel(ctx, request);
            } else {
                if (forwarder == null) forwarder = new AbsoluteFormForwarder(ctx, gate);
                forwarder.request(request);
            }
        } else if (msg instanceof HttpContent content && forwarder != null && !tunnelling) {
            forwarder.content(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void tunnel(ChannelHandlerContext ctx, HttpRequest request) {
        Channel workload = ctx.channel();
        HostAndPort target = HostAndPort.parseAuthority(request.uri());
        if (target == null) {
            HttpRefusals.badRequest(ctx, "CONNECT needs host:port, not '" + request.uri() + "'");
            return;
        }
        String identity = ProxyAuthorization.user(request.headers());
        ConnectionDecision decision = gate.decide(identity, target.host(), target.port(), ProxyProtocol.HTTP_CONNECT,
                workload.remoteAddress());
        if (decision instanceof ConnectionDecision.Refuse refuse) {
            HttpRefusals.send(ctx, identity, refuse);
            return;
        }
        tunnelling = true;
        ConnectRequest connect = new ConnectRequest(identity, target.host(), target.port(), ProxyProtocol.HTTP_CONNECT);
        ConnectionDecision.Deliver deliver = (ConnectionDecision.Deliver) decision;
        Handover.complete(ctx, gate, connect, deliver, new Handover.Replies() {
            @Override
            public void established(java.net.InetSocketAddress bound) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, CONNECTION_ESTABLISHED));
            }

            @Override
            public void failed(Throwable cause) {
                HttpRefusals.send(ctx, identity, new ConnectionDecision.Refuse(Upstream.refusalFor(cause), "connecting to "
                        + deliver.target() + " (" + target.host() + ":" + target.port() + ") failed: " + cause.getMessage()));
            }
        }, "http-encoder", "http-decoder");
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (forwarder != null) forwarder.workloadWritabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // The program stopped sending. A forwarded request may still be waiting for its response; the target
        // closing (or the program closing) ends the connection then. Otherwise there is nothing left to do.
        if (evt instanceof ChannelInputShutdownEvent && !tunnelling) {
            if (forwarder != null && forwarder.hasOrAwaitsUpstream()) forwarder.inputEnded();
            else ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (forwarder != null) forwarder.close();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "HTTP proxy connection " + ctx.channel().remoteAddress() + " failed: " + cause);
        ctx.close();
    }
}
