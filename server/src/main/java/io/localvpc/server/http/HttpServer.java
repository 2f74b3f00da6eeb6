package io.localvpc.server.http;

import io.localvpc.api.ApiDispatcher;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP listener for the AWS APIs (EC2, ELBv2, STS, IAM), the admin endpoints and the console. Requests are decoded on the
 * I/O threads and handled on a small separate pool, so a slow disk commit never stalls other sockets.
 */
public final class HttpServer implements AutoCloseable {
    /** Largest request body accepted; far above any EC2 call, small enough to refuse garbage early. */
    static final int MAX_BODY = 16 * 1024 * 1024;
    /** Netty's defaults for the request line and the header section, named so errors can say them. */
    static final int MAX_LINE_BYTES = 4096;
    static final int MAX_HEADER_BYTES = 8192;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService handlers;
    private final Channel channel;

    private HttpServer(EventLoopGroup boss, EventLoopGroup workers, ExecutorService handlers, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.handlers = handlers;
        this.channel = channel;
    }

    public static HttpServer start(String host, int port, ApiDispatcher api, AdminApi admin) {
        return start(host, port, api, admin, ApiConnectionDeadline.REQUEST_SECONDS, ApiConnectionDeadline.IDLE_SECONDS);
    }

    /**
     * @param requestSeconds how long a request may pause while it is being sent before it is answered 408
     * @param idleSeconds    how long a keep-alive connection may sit idle before it is closed
     */
    static HttpServer start(String host, int port, ApiDispatcher api, AdminApi admin, int requestSeconds, int idleSeconds) {
        CrossSiteGuard guard = new CrossSiteGuard(host);
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()));
        ExecutorService handlers = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2), r -> {
            Thread t = new Thread(r, "localvpc-api");
            t.setDaemon(true);
            return t;
        });
        try {
            Channel ch = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            ApiConnectionDeadline deadline = new ApiConnectionDeadline(requestSeconds, idleSeconds);
                            c.pipeline()
                                    .addLast("silence", new IdleStateHandler(requestSeconds, 0, 0))
                                    .addLast("bytes", deadline.bytesSeen())
                                    .addLast("http", new HttpServerCodec(MAX_LINE_BYTES, MAX_HEADER_BYTES, 8192))
                                    .addLast("deadline", deadline)
                                    .addLast("aggregate", new ApiBodyLimit(MAX_BODY))
                                    .addLast("route", new RequestRouter(api, admin, handlers, guard));
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
            return new HttpServer(boss, workers, handlers, ch);
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            handlers.shutdownNow();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + (port != 0 ? " (is another localvpc running? use --port to pick another port)" : ""), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        // Stop accepting, let requests in progress finish, then close every connection.
        channel.close().syncUninterruptibly();
        handlers.shutdown();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
