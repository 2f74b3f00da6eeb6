package io.localvpc.dataplane.dns;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One DNS server per VPC, started when first asked for and stopped when the VPC goes ({@link #stopGone}): each
 * VPC's resolver is a port of its own on 127.0.0.1. All servers share one event loop thread. Thread safe.
 */
public final class DnsServerRegistry implements AutoCloseable {
    private final Function<String, DnsView> views;
    private final Predicate<String> exists;
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Map<String, DnsServer> servers = new LinkedHashMap<>();
    private boolean closed;

    /** @param views gives the view of a VPC id; it is asked once, when that VPC's server starts */
    public DnsServerRegistry(Function<String, DnsView> views) {
        this(views, vpcId -> true);
    }

    /**
     * @param views  gives the view of a VPC id; it is asked once, when that VPC's server starts
     * @param exists whether a VPC exists now; asked with this registry locked, so it must not wait for anything
     *               that may be waiting for this registry
     */
    public DnsServerRegistry(Function<String, DnsView> views, Predicate<String> exists) {
        this.views = Objects.requireNonNull(views, "views");
        this.exists = Objects.requireNonNull(exists, "exists");
    }

    /**
     * The VPC's resolver address, starting its server if the VPC exists and none runs yet; empty if the VPC does
     * not exist. Checked with the registry locked, so a server is never started after {@link #stopGone} saw its
     * VPC gone.
     */
    public synchronized Optional<InetSocketAddress> ensureIfExists(String vpcId) {
        if (!servers.containsKey(vpcId) && !exists.test(vpcId)) return Optional.empty();
        return Optional.of(ensure(vpcId));
    }

    /**
     * Stops the server of every VPC that no longer exists. Does not wait for the sockets (callers may be writers
     * that must not block); the future completes when all of them are closed.
     */
    public synchronized CompletableFuture<List<String>> stopGone() {
        List<String> gone = new ArrayList<>();
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Iterator<Map.Entry<String, DnsServer>> it = servers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, DnsServer> e = it.next();
            if (exists.test(e.getKey())) continue;
            it.remove();
            gone.add(e.getKey());
            closing.add(e.getValue().closeAsync());
        }
        return CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0])).thenApply(done -> gone);
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
