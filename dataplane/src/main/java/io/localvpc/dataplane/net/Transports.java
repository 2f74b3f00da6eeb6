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

    /** The client socket class that runs on the same event loops as {@code sibling}. */
    public static Class<? extends SocketChannel> socketChannelLike(Channel sibling) {
        return sibling instanceof EpollSocketChannel ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Relay-friendly options on accepted connections: large reads, generous but bounded queues. */
    public static ServerBootstrap relayOptions(ServerBootstrap b) {
        return b.childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 16 * 1024, 1024 * 1024))
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, RELAY_WATER_MARK);
    }

    public static Bootstrap relayOptions(Bootstrap b) {
        return b.option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 16 * 1024, 1024 * 1024))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, RELAY_WATER_MARK);
    }
}
