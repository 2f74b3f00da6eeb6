package io.localvpc.dataplane.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * The backend side of an {@link EndpointHttpForwarder}: relays each decoded response part to the client as it comes. A
 * connection kept in {@link BackendConnections} between requests is bound to one forwarder at a time; while it is
 * idle, anything the backend sends is unasked for, and the connection is closed.
 */
final class UpstreamRelay extends ChannelInboundHandlerAdapter {

    private EndpointHttpForwarder forwarder;
    private Channel client;
    /** An informational (1xx) response from the backend, not relayed: {@code 100 Continue} is answered by us. */
    private boolean skippingInformational;

    void bind(EndpointHttpForwarder forwarder, Channel client) {
        this.forwarder = forwarder;
        this.client = client;
        skippingInformational = false;
    }

    void unbind() {
        forwarder = null;
        client = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        EndpointHttpForwarder forwarder = this.forwarder;
        if (forwarder == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse response) {
            skippingInformational = response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL
                    && !response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS);
            if (skippingInformational) {
                ReferenceCountUtil.release(msg);
                return;
            }
        } else if (skippingInformational) {
            if (msg instanceof LastHttpContent) {
                skippingInformational = false;
            }
            ReferenceCountUtil.release(msg);
            return;
        }
        // parts before the last are flushed at the end of this read, so a head and its first content go out in one
        // TLS record and write; the forwarder may give this connection back as the last part is relayed
        if (!forwarder.relayAnswer((HttpObject) msg, false)) ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (client != null) client.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && forwarder != null) {
            forwarder.upstreamWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** The backend is done sending: an HTTP backend says so only by closing, so this side closes as well. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (forwarder != null) forwarder.upstreamClosed(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
