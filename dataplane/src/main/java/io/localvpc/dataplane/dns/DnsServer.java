package io.localvpc.dataplane.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A DNS server for one {@link DnsView}: UDP and TCP on the same port of 127.0.0.1.
 *
 * <pre>{@code
 * try (DnsServer dns = DnsServer.start(view, 0, "vpc-0abc")) {
 *     dns.address(); // 127.0.0.1:<port>, e.g. for dig @127.0.0.1 -p <port>
 * }
 * }</pre>
 */
public final class DnsServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("localvpc.dns");
    /** With port 0, how many free TCP ports to try before giving up on finding one whose UDP twin is free too. */
    private static final int BIND_ATTEMPTS = 20;

    private final Channel tcp;
    /** The TCP connections it accepted: closing the listening socket alone would leave them open. */
    private final ChannelGroup connections;
    private final Channel udp;
    private final EventLoopGroup ownedGroup;
    private final String label;

    private DnsServer(Channel tcp, ChannelGroup connections, Channel udp, EventLoopGroup ownedGroup, String label) {
        this.tcp = tcp;
        this.connections = connections;
        this.udp = udp;
        this.ownedGroup = ownedGroup;
        this.label = label;
    }

    /** Starts a server with its own event loop; {@code label} (e.g. the VPC id) names it in log lines. */
    public static DnsServer start(DnsView view, int port, String label) {
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            return start(view, port, label, group, group);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Starts a server on a shared NIO event loop group, which {@link #close} leaves running. */
    public static DnsServer start(DnsView view, int port, String label, EventLoopGroup group) {
        return start(view, port, label, group, null);
    }

    private static DnsServer start(DnsView view, int port, String label, EventLoopGroup group, EventLoopGroup owned) {
        Objects.requireNonNull(view, "view");
        DnsResponder responder = new DnsResponder(view, label);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        RuntimeException last = null;
        for (int attempt = 0; attempt < (port == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
            Channel tcp = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            connections.add(ch);
                            ch.pipeline().addLast(DnsTcpHandler.initializer(responder));
                        }
                    })
                    .bind(new InetSocketAddress(loopback, port)).syncUninterruptibly().channel();
            int bound = ((InetSocketAddress) tcp.localAddress()).getPort();
            try {
                Channel udp = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                        .handler(new DnsUdpHandler(responder))
                        .bind(new InetSocketAddress(loopback, bound)).syncUninterruptibly().channel();
                LOG.log(System.Logger.Level.INFO, "DNS server for " + label + " listening on " + loopback.getHostAddress()
                        + ":" + bound + " (UDP and TCP)");
                return new DnsServer(tcp, connections, udp, owned, label);
            } catch (RuntimeException e) {
                // The UDP port is taken although the TCP one was free: try another pair.
                tcp.close().syncUninterruptibly();
                last = e;
            }
        }
        throw last;
    }

    /** Where to send queries, over UDP or TCP. */
    public InetSocketAddress address() {
        return (InetSocketAddress) tcp.localAddress();
    }

    @Override
    public void close() {
        closeAsync().join();
    }

    /**
     * Starts closing both sockets (and an owned event loop) without waiting, for callers that must not block;
     * the future completes once the port is free.
     */
    public CompletableFuture<Void> closeAsync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ChannelFuture udpClosed = udp.close();
        ChannelGroupFuture connectionsClosed = connections.close();
        tcp.close().addListener(t -> udpClosed.addListener(u -> connectionsClosed.addListener(c -> {
            LOG.log(System.Logger.Level.INFO, "DNS server for " + label + " stopped");
            if (ownedGroup == null) {
                done.complete(null);
            } else {
                ownedGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(g -> done.complete(null));
            }
        })));
        return done;
    }
}
