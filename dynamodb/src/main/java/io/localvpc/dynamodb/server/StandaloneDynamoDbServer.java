package io.localvpc.dynamodb.server;

import io.localvpc.dynamodb.DynamoDb;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.wire.DynamoDbHandler;
import io.localvpc.dynamodb.wire.DynamoDbResponse;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
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
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP server in front of a {@link DynamoDb}, on 127.0.0.1 only: what this module's tests, the benchmarks and
 * outside test suites talk to. localvpc itself serves DynamoDB through its endpoints instead. The account and region
 * come from the request's SigV4 credential scope, unverified (an access key of 12 digits is the account, as
 * localvpc's convention has it), which is fine for a test server and nothing else.
 */
public final class StandaloneDynamoDbServer implements AutoCloseable {
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/[^/]+/([^/]+)/");
    private static final String DEFAULT_ACCOUNT = "000000000000";

    private final DynamoDb dynamoDb;
    private final boolean ownsDynamoDb;
    private final EventLoopGroup group = new NioEventLoopGroup(Runtime.getRuntime().availableProcessors());
    private final ExecutorService workers;
    private final Channel channel;

    private StandaloneDynamoDbServer(DynamoDb dynamoDb, boolean ownsDynamoDb, int port) {
        this.dynamoDb = dynamoDb;
        this.ownsDynamoDb = ownsDynamoDb;
        this.workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "dynamodb-worker");
            t.setDaemon(true);
            return t;
        });
        DynamoDbHandler handler = dynamoDb.handler();
        try {
            this.channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(DynamoDbHandler.MAX_BODY), new Dispatch(handler, workers));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (RuntimeException e) {
            shutdown();
            throw e;
        }
    }

    /** Serves {@code dynamoDb} (the caller closes it) on 127.0.0.1:{@code port}; 0 picks a free port. */
    public static StandaloneDynamoDbServer start(DynamoDb dynamoDb, int port) {
        return new StandaloneDynamoDbServer(dynamoDb, false, port);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        shutdown();
        if (ownsDynamoDb) dynamoDb.close();
    }

    private void shutdown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
    }

    /** The scope a request's (unverified) SigV4 credential names; us-east-1 and the default account when it names none. */
    static DynamoDbScope scope(String authorization) {
        if (authorization != null) {
            Matcher m = CREDENTIAL.matcher(authorization);
            if (m.find()) return new DynamoDbScope(DynamoDbScope.isAccountId(m.group(1)) ? m.group(1) : DEFAULT_ACCOUNT, m.group(2));
        }
        return new DynamoDbScope(DEFAULT_ACCOUNT, "us-east-1");
    }

    /**
     * Answers reads on the event loop (they never wait) and hands every other request to a worker (a write may wait
     * for the lock or the disk); the answer is written back on the connection's event loop.
     */
    private static final class Dispatch extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final DynamoDbHandler handler;
        private final ExecutorService workers;

        Dispatch(DynamoDbHandler handler, ExecutorService workers) {
            this.handler = handler;
            this.workers = workers;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String method = request.method().name();
            String uri = request.uri();
            Map<String, String> headers = new HashMap<>();
            request.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
            byte[] body = ByteBufUtil.getBytes(request.content());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            Runnable answer = () -> {
                DynamoDbResponse r = handler.handle(method, uri, headers, body, scope(headers.get("authorization") != null
                        ? headers.get("authorization") : headers.get("Authorization")));
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                        Unpooled.wrappedBuffer(r.body()));
                r.headers().forEach((k, v) -> response.headers().set(k, v));
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
                if (keepAlive) {
                    response.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
                    ctx.writeAndFlush(response);
                } else {
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                }
            };
            if (!DynamoDbHandler.mayWait(headers)) {
                answer.run();
                return;
            }
            try {
                workers.execute(answer);
            } catch (RejectedExecutionException e) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * Runs a server until killed: {@code --port N} (default 8000; 0 for any), and {@code --data DIR} to keep the
     * tables there or {@code --in-memory}.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 8000;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--in-memory" -> data = null;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --port N, --data DIR or --in-memory)");
            }
        }
        DynamoDb db = data == null ? DynamoDb.inMemory(Clock.systemUTC(), Duration.ofMinutes(1))
                : DynamoDb.durable(data, false, Clock.systemUTC(), Duration.ofMinutes(1));
        StandaloneDynamoDbServer server = new StandaloneDynamoDbServer(db, true, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("DynamoDB listening on 127.0.0.1:" + server.port() + (data == null ? " (in memory)" : " (data in " + data + ")"));
        Thread.currentThread().join();
    }
}
