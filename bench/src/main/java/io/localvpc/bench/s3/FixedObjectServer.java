package io.localvpc.bench.s3;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A server that answers every request with the same object, over plain HTTP or over TLS with the endpoint front's
 * engine and settings: no S3, no proxy, no policy. Read by the same S3 client as the real paths, the two say what TLS
 * alone costs that client, i.e. the best ratio any TLS path can reach against a plain one on this machine.
 */
final class FixedObjectServer implements AutoCloseable {
    private final EventLoopGroup loops = new NioEventLoopGroup(1);
    private final Channel channel;
    private final boolean tls;

    /** @param tls the TLS context, or null for plain HTTP */
    FixedObjectServer(byte[] object, SslContext tls) throws InterruptedException {
        this.tls = tls != null;
        ByteBuf body = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(object));
        channel = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class).childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (tls != null) {
                    SslHandler handler = tls.newHandler(ch.alloc());
                    handler.setWrapDataSize(64 * 1024); // as the endpoint front does
                    ch.pipeline().addLast(handler);
                }
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 << 20), new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body.duplicate());
                        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                                .setInt(HttpHeaderNames.CONTENT_LENGTH, object.length).set(HttpHeaderNames.ETAG, "\"fixed\"");
                        ctx.writeAndFlush(response);
                    }
                });
            }
        }).bind("127.0.0.1", 0).sync().channel();
    }

    /** Where an S3 client with path-style addressing reaches it ({@code localhost}, the name its certificate carries). */
    URI endpoint() {
        return URI.create((tls ? "https" : "http") + "://localhost:" + ((InetSocketAddress) channel.localAddress()).getPort());
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
