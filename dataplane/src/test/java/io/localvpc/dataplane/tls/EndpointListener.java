package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.BackendRouter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: the {@link EndpointFront} on a loopback port, so a test's own clients (the AWS SDK, raw sockets)
 * can reach it with real bytes. localvpc itself never listens like this: its front is reached only in process, on
 * connections the path engine delivered. Connections here carry no flow origin.
 */
public final class EndpointListener implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("localvpc.endpoint");

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel server;
    private final EndpointFront front;

    private EndpointListener(EventLoopGroup boss, EventLoopGroup workers, Channel server, EndpointFront front) {
        this.boss = boss;
        this.workers = workers;
        this.server = server;
        this.front = front;
    }

    /** The front this listener serves with, for connections accepted in this process by someone else. */
    public EndpointFront front() {
        return front;
    }

    public static Builder builder(LocalCa ca, BackendRouter router) {
        return new Builder(ca, router);
    }

    /** The bound address (127.0.0.1 and the actual port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** Stops accepting, closes every connection and waits for the event loops to end. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static final class Builder {
        private final LocalCa ca;
        private final BackendRouter router;
        private RequestGuard guard = RequestGuard.allowAll();
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private int workerThreads = 2;
        private java.time.Duration idleTimeout = EndpointFront.DEFAULT_IDLE_TIMEOUT;

        private Builder(LocalCa ca, BackendRouter router) {
            this.ca = Objects.requireNonNull(ca, "ca");
            this.router = Objects.requireNonNull(router, "router");
        }

        /** The policy hook; {@link RequestGuard#allowAll()} by default. */
        public Builder guard(RequestGuard guard) {
            this.guard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        /** How long the front waits for a client that owes it bytes. */
        public Builder idleTimeout(java.time.Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
            }
            this.port = port;
            return this;
        }

        /** A loopback address to bind (127.0.0.1 by default; 127.0.0.2… let endpoints share a port number). */
        public Builder bindAddress(InetAddress address) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException(address.getHostAddress() + " is not a loopback address;"
                        + " endpoint listeners only listen on this machine");
            }
            this.bindAddress = address;
            return this;
        }

        public Builder workerThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("workerThreads must be at least 1");
            }
            this.workerThreads = threads;
            return this;
        }

        /** Binds and starts serving. */
        public EndpointListener start() {
            EndpointFront front = EndpointFront.withoutLocalAddress(ca, router, guard, idleTimeout);
            EventLoopGroup boss = new NioEventLoopGroup(1);
            EventLoopGroup workers = new NioEventLoopGroup(workerThreads);
            try {
                Channel server = new ServerBootstrap()
                        .group(boss, workers)
                        .channel(NioServerSocketChannel.class)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                front.install(ch.pipeline());
                            }
                        })
                        .bind(new InetSocketAddress(bindAddress, port)).syncUninterruptibly().channel();
                LOG.log(System.Logger.Level.INFO, "endpoint listener on " + server.localAddress());
                return new EndpointListener(boss, workers, server, front);
            } catch (RuntimeException e) {
                boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                throw new IllegalStateException("cannot listen on " + bindAddress.getHostAddress() + ":" + port
                        + ": " + e.getMessage(), e);
            }
        }
    }
}
