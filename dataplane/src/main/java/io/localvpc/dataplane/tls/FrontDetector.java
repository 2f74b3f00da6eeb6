package io.localvpc.dataplane.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Looks at a connection's first byte and sets up the {@link EndpointFront} for it: 0x16 opens a TLS handshake
 * record; anything else is taken for clear-text HTTP (a request line), whose codec answers 400 if it is not.
 * Both are client-speaks-first protocols, so waiting for that byte costs nothing.
 */
final class FrontDetector extends ChannelInboundHandlerAdapter {
    /** The TLS record type of a handshake message, the first byte of every ClientHello. */
    private static final short TLS_HANDSHAKE = 0x16;

    private final EndpointFront front;

    FrontDetector(EndpointFront front) {
        this.front = front;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!in.isReadable()) {
            in.release();
            return;
        }
        if (in.getUnsignedByte(in.readerIndex()) == TLS_HANDSHAKE) {
            front.serveTls(ctx.pipeline(), ctx.name());
        } else {
            front.servePlainHttp(ctx.pipeline(), ctx.name());
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(in);
    }

    /** The client ended its side before its first byte: there is nothing to serve. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent || FrontTimeout.isReadIdle(evt)) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
