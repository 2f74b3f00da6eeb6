package io.localvpc.dataplane.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * DNS over TCP (RFC 1035 §4.2.2, RFC 7766): each message is preceded by its two-byte length; a client may send
 * several queries on one connection. Idle connections close after a while.
 */
final class DnsTcpHandler extends SimpleChannelInboundHandler<ByteBuf> {
    static final int IDLE_SECONDS = 30;

    private final DnsResponder responder;

    DnsTcpHandler(DnsResponder responder) {
        this.responder = responder;
    }

    static ChannelInitializer<Channel> initializer(DnsResponder responder) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new ReadTimeoutHandler(IDLE_SECONDS),
                        new LengthFieldBasedFrameDecoder(65535, 0, 2, 0, 2),
                        new LengthFieldPrepender(2),
                        new DnsTcpHandler(responder));
            }
        };
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        byte[] response = responder.respond(ByteBufUtil.getBytes(frame), false);
        if (response != null) ctx.writeAndFlush(Unpooled.wrappedBuffer(response));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
