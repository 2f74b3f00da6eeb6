package io.localvpc.bench.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;

/**
 * The far end of every measured path, on 127.0.0.1. A connection's first byte picks its mode:
 * {@code E} echoes everything back; {@code D} reads an 8-byte count, discards that many bytes and then
 * answers one byte {@code K}; {@code H} holds the connection open and does nothing.
 */
final class Sink implements AutoCloseable {
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel server;

    Sink() {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Mode());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static final class Mode extends ChannelInboundHandlerAdapter {
        private char mode;
        private long expected = -1;
        private long seen;
        private final ByteBuf header = Unpooled.buffer(8);

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            if (mode == 0 && buf.isReadable()) mode = (char) buf.readByte();
            if (mode == 'E') {
                ctx.writeAndFlush(buf);
                return;
            }
            if (mode == 'D') {
                if (expected < 0) {
                    header.writeBytes(buf, Math.min(buf.readableBytes(), header.writableBytes()));
                    if (!header.isWritable()) expected = header.readLong();
                }
                seen += buf.readableBytes();
                if (expected >= 0 && seen >= expected) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[]{'K'}));
                    seen = Long.MIN_VALUE;
                }
            }
            buf.release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully().syncUninterruptibly();
    }
}
