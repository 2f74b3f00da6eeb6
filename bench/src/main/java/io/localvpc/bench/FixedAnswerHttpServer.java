package io.localvpc.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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

import java.nio.charset.StandardCharsets;

/**
 * The least an HTTP server can do for a request: Netty's codec reads it and a fixed JSON answer goes back (it says
 * the table is ACTIVE, so the DynamoDB harness's set-up passes). Measured by the same load generator as the real
 * servers, it is the ceiling of that harness on this machine: no DynamoDB server, however fast its engine, answers
 * more requests per second through it.
 * Run: {@code java -cp … io.localvpc.bench.FixedAnswerHttpServer <port>}
 */
public final class FixedAnswerHttpServer {
    private static final byte[] ANSWER = "{\"Table\":{\"TableName\":\"Bench\",\"TableStatus\":\"ACTIVE\"}}".getBytes(StandardCharsets.UTF_8);

    private FixedAnswerHttpServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        EventLoopGroup loops = new NioEventLoopGroup(2);
        try {
            new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class).childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new SimpleChannelInboundHandler<FullHttpRequest>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                            ByteBuf body = Unpooled.wrappedBuffer(ANSWER);
                            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
                            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-amz-json-1.0")
                                    .setInt(HttpHeaderNames.CONTENT_LENGTH, ANSWER.length);
                            ctx.writeAndFlush(response);
                        }
                    });
                }
            }).bind("127.0.0.1", port).sync().channel().closeFuture().sync();
        } finally {
            loops.shutdownGracefully();
        }
    }
}
