package io.localvpc.dataplane.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The socket transport the data plane's TCP paths use: Linux's native epoll when it loads (fewer copies
 * and wake-ups on bulk relays), else the JDK's NIO. Also the buffer sizes for relaying bulk data.
 */
public final class Transports {
    private static final boolean EPOLL = Epoll.isAvailable();

    /** Pause reading from one side once this much is queued for the other, resume below the low mark. */
    public static final WriteBufferWaterMark RELAY_WATER_MARK = new WriteBufferWaterMark(512 * 1024, 1024 * 1024);

    private Transports() {
    }

    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }

    public static EventLoopGroup eventLoopGroup(int threads) {
        return EPOLL ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** How long connecting to a loopback backend may take before it counts as unreachable. */
    public static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** The client socket class that runs on {@code loop} (a sibling may be a socket or an in-process channel). */
    public static Class<? extends SocketChannel> socketChannelFor(io.netty.channel.EventLoop loop) {
        return loop instanceof io.netty.channel.nio.NioEventLoop || !EPOLL ? NioSocketChannel.class : EpollSocketChannel.class;
    }

    /**
     * A connection to a loopback backend on {@code loop}, with the one set of options every data-plane socket uses:
     * no Nagle delay, half-closure passed on rather than closing, bounded write queues, large reads for bulk data.
     * The caller adds the handler and connects.
     */
    public static Bootstrap connector(io.netty.channel.EventLoop loop) {
        return relayOptions(new Bootstrap())
                .group(loop)
                .channel(socketChannelFor(loop))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
    }

    /**
     * The same options on accepted connections as {@link #connector} gives connections it opens: no Nagle delay,
     * half-closure passed on, large reads, generous but bounded queues.
     */
    public static ServerBootstrap relayOptions(ServerBootstrap b) {
        return b.childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 16 * 1024, 1024 * 1024))
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, RELAY_WATER_MARK)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }

    public static Bootstrap relayOptions(Bootstrap b) {
        return b.option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 16 * 1024, 1024 * 1024))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, RELAY_WATER_MARK);
    }
}
