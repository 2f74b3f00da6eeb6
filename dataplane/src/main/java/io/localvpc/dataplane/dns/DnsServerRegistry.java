package io.localvpc.dataplane.dns;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One DNS server per VPC, started when first asked for and stopped when the VPC goes: each VPC's resolver is a
 * port of its own on 127.0.0.1. All servers share one event loop thread. Thread safe.
 */
public final class DnsServerRegistry implements AutoCloseable {
    private final Function<String, DnsView> views;
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Map<String, DnsServer> servers = new LinkedHashMap<>();
    private boolean closed;

    /** @param views gives the view of a VPC id; it is asked once, when that VPC's server starts */
    public DnsServerRegistry(Function<String, DnsView> views) {
        this.views = Objects.requireNonNull(views, "views");
    }

    /** The VPC's resolver address, starting its server (on a free port) if it is not running yet. */
    public synchronized InetSocketAddress ensure(String vpcId) {
        if (closed) throw new IllegalStateException("the DNS server registry is closed");
        DnsServer server = servers.get(vpcId);
        if (server == null) {
            DnsView view = Objects.requireNonNull(views.apply(vpcId), () -> "no DNS view for " + vpcId);
            server = DnsServer.start(view, 0, vpcId, group);
            servers.put(vpcId, server);
        }
        return server.address();
    }

    /** The VPC's resolver address if its server is running. */
    public synchronized Optional<InetSocketAddress> address(String vpcId) {
        DnsServer server = servers.get(vpcId);
        return server == null ? Optional.empty() : Optional.of(server.address());
    }

    /** Stops the VPC's server; false when none was running. */
    public synchronized boolean stop(String vpcId) {
        DnsServer server = servers.remove(vpcId);
        if (server == null) return false;
        server.close();
        return true;
    }

    /** Every running server by VPC id, in start order. */
    public synchronized Map<String, InetSocketAddress> running() {
        Map<String, InetSocketAddress> out = new LinkedHashMap<>();
        servers.forEach((vpc, server) -> out.put(vpc, server.address()));
        return out;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        servers.values().forEach(DnsServer::close);
        servers.clear();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
