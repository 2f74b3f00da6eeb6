package io.localvpc.dataplane.flowlogs;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP/1.1 request per connection ({@code Connection: close}), each connection closed when its answer is in, on a
 * single event loop of its own that starts with the first request and stops on {@link #close()}: every socket opened
 * is closed, none is left in a pool. The caller (the flow log writer's thread) waits; the event loop never does.
 */
final class OneShotHttpClient implements AutoCloseable {
    private static final int CONNECT_MILLIS = 5_000;
    private static final long ANSWER_SECONDS = 30;
    private static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

    /** An answer: its status and body. */
    record Answer(int status, byte[] body) {
    }

    private EventLoopGroup loop;
    private boolean closed;

    private synchronized EventLoopGroup loop() {
        if (closed) throw new IllegalStateException("the flow log delivery client has stopped");
        if (loop == null) {
            loop = new NioEventLoopGroup(1, r -> {
                Thread t = new Thread(r, "localvpc-flow-log-delivery");
                t.setDaemon(true);
                return t;
            });
        }
        return loop;
    }

    Answer post(InetSocketAddress to, String path, Map<String, List<String>> headers, byte[] body) throws IOException, InterruptedException {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Bootstrap b = new Bootstrap().group(loop()).channel(NioSocketChannel.class).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_ANSWER_BYTES),
                                new SimpleChannelInboundHandler<FullHttpResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                        answer.complete(new Answer(r.status().code(), ByteBufUtil.getBytes(r.content())));
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        answer.completeExceptionally(new IOException("the upstream closed the connection without an answer"));
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        answer.completeExceptionally(cause);
                                        ctx.close();
                                    }
                                });
                    }
                });
        io.netty.channel.ChannelFuture connected = b.connect(to).await();
        Channel channel = connected.channel();
        try {
            if (!connected.isSuccess()) throw new IOException("cannot connect to " + to + ": " + connected.cause().getMessage(), connected.cause());
            DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
            headers.forEach((name, values) -> request.headers().add(name, values));
            request.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            channel.writeAndFlush(request);
            return answer.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer from " + to + " within " + ANSWER_SECONDS + " s");
        } finally {
            channel.close().awaitUninterruptibly();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (loop != null) loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
