package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.net.Transports;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Connections to HTTP backends kept open between requests, one set per backend and per event loop: a client
 * connection takes one for a request and gives it back once the answer is whole, so a new client connection (or the
 * next request of one) does not open a new loopback connection and the backend does not start a new one. Each set is
 * used only from its own event loop, where both halves of a forwarded request run.
 *
 * <p>An idle connection is given back at most {@link #MAX_IDLE} times per loop and is used again within
 * {@link #MAX_IDLE_NANOS}; older ones are closed rather than risk a backend that closes idle connections (Jetty's
 * default: after 30 s) closing one as a request goes out.
 */
final class BackendConnections implements AutoCloseable {
    static final int MAX_IDLE = 32;
    static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(15);

    private record Idle(Channel channel, long since) {
    }

    private final Map<ServiceBackend, Map<EventLoop, ArrayDeque<Idle>>> idle = new ConcurrentHashMap<>();

    /**
     * An open connection to {@code backend} on {@code loop}, relaying its answers to {@code forwarder}: an idle one if
     * there is one, else a new one to {@code address}. Call on {@code loop}.
     */
    ChannelFuture acquire(ServiceBackend backend, InetSocketAddress address, EventLoop loop, EndpointHttpForwarder forwarder, Channel client) {
        ArrayDeque<Idle> queue = queue(backend, loop);
        long now = System.nanoTime();
        for (Idle i; (i = queue.pollFirst()) != null; ) {
            if (i.channel().isActive() && now - i.since() < MAX_IDLE_NANOS) {
                i.channel().pipeline().get(UpstreamRelay.class).bind(forwarder, client);
                i.channel().config().setAutoRead(true);
                return i.channel().newSucceededFuture();
            }
            i.channel().close();
        }
        return Transports.connector(loop)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(ProtocolSwitch.MAX_INITIAL_LINE, ProtocolSwitch.MAX_HEADER_SIZE,
                                ProtocolSwitch.MAX_CHUNK_SIZE));
                        UpstreamRelay relay = new UpstreamRelay();
                        relay.bind(forwarder, client);
                        ch.pipeline().addLast(relay);
                    }
                })
                .connect(address);
    }

    /**
     * Takes back a connection whose last answer has been read whole and whose last request has been sent whole; it
     * is kept for the next request on its event loop, or closed if it cannot be. Call on its event loop.
     */
    void release(ServiceBackend backend, Channel channel) {
        UpstreamRelay relay = channel.pipeline().get(UpstreamRelay.class);
        if (relay != null) relay.unbind();
        ArrayDeque<Idle> queue = queue(backend, (EventLoop) channel.eventLoop());
        if (!channel.isActive() || relay == null || queue.size() >= MAX_IDLE) {
            channel.close();
            return;
        }
        channel.config().setAutoRead(true); // so that a backend closing it is noticed
        queue.addFirst(new Idle(channel, System.nanoTime()));
    }

    private ArrayDeque<Idle> queue(ServiceBackend backend, EventLoop loop) {
        return idle.computeIfAbsent(backend, b -> new ConcurrentHashMap<>()).computeIfAbsent(loop, l -> new ArrayDeque<>());
    }

    /** Closes the idle connections (each on its own loop). */
    @Override
    public void close() {
        idle.values().forEach(byLoop -> byLoop.forEach((loop, queue) -> loop.execute(() -> {
            for (Idle i; (i = queue.pollFirst()) != null; ) i.channel().close();
        })));
    }
}
