package io.localvpc.dataplane.proxy;

import io.localvpc.dataplane.net.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The workload proxy: one loopback port that speaks SOCKS5 and HTTP proxy, where the proxy user name says which
 * instance or network interface a program runs as, and a {@link ConnectionPolicy} decides each connection.
 *
 * <pre>{@code
 * try (WorkloadProxy proxy = WorkloadProxy.builder().port(0).policy(pathEngine).start()) {
 *     proxy.address(); // 127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class WorkloadProxy implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("localvpc.proxy");

    private final Channel server;
    private final EventLoopGroup ownedGroup;
    private final OpenConnections open;

    private WorkloadProxy(Channel server, EventLoopGroup ownedGroup, OpenConnections open) {
        this.open = open;
        this.server = server;
        this.ownedGroup = ownedGroup;
    }

    /** How many delivered connections are open now. */
    public int openConnections() {
        return open.size();
    }

    /** Cuts every open delivered connection the test selects (both sides are closed); returns how many. */
    public int closeWhere(java.util.function.Predicate<ProxiedConnection> test) {
        return open.closeWhere(test);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where workloads point their proxy setting. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Stops accepting; with its own event loops, also closes every open connection. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        if (ownedGroup != null) ownedGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static final class Builder {
        private int port;
        private ConnectionPolicy policy;
        private ConnectionListener listener = ConnectionListener.NONE;
        private EventLoopGroup group;

        private Builder() {
        }

        /** The port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder policy(ConnectionPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder listener(ConnectionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Shares an NIO event loop group (not closed by the proxy); by default the proxy makes its own. */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = group;
            return this;
        }

        /** Binds the port and returns the running proxy. */
        public WorkloadProxy start() {
            Objects.requireNonNull(policy, "policy");
            EventLoopGroup owned = group == null ? Transports.eventLoopGroup(0) : null;
            EventLoopGroup loops = group == null ? owned : group;
            Gate gate = new Gate(policy, listener);
            try {
                Channel server = Transports.relayOptions(new ServerBootstrap())
                        .group(loops)
                        .channel(Transports.serverChannel())
                        .childHandler(new ProxyInitializer(gate))
                        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                        .syncUninterruptibly().channel();
                LOG.log(System.Logger.Level.INFO, "workload proxy (SOCKS5 and HTTP, " + Transports.name() + ") listening on " + server.localAddress());
                return new WorkloadProxy(server, owned, gate.open());
            } catch (RuntimeException e) {
                if (owned != null) owned.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
                throw e;
            }
        }
    }
}
