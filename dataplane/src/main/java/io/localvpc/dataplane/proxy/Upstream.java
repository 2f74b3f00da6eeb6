package io.localvpc.dataplane.proxy;

import io.localvpc.dataplane.net.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;

/**
 * Opens the connection to a delivered target on the workload connection's own event loop, so both halves of a
 * relay run on one thread. The new channel starts with auto-read off: nothing is read from the target until
 * the workload has been told the connection is up.
 */
final class Upstream {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private Upstream() {
    }

    static ChannelFuture connect(Channel workload, Gate gate, ProxiedConnection connection, TargetPreamble preamble,
                                 ChannelHandler... handlers) {
        Bootstrap b = Transports.relayOptions(new Bootstrap())
                .group(workload.eventLoop())
                .channel(Transports.socketChannelLike(workload))
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("meter", ByteMeter.onTarget(connection, gate));
                        ch.pipeline().addLast(handlers);
                    }
                });
        ChannelFuture f = b.connect(connection.target());
        f.addListener(done -> {
            if (done.isSuccess() && preamble != null) {
                // Added before the caller's listeners, so it runs first: the preamble precedes every relayed byte.
                // Written from the meter's place, so it skips the caller's encoders (an HTTP encoder refuses raw
                // bytes before a request) and is not counted as the workload's bytes.
                f.channel().pipeline().context("meter").write(
                        io.netty.buffer.Unpooled.wrappedBuffer(preamble.preamble(connection.target())), f.channel().voidPromise());
            }
            if (!done.isSuccess()) {
                System.getLogger("localvpc.proxy").log(System.Logger.Level.INFO, "#" + connection.id() + " "
                        + Gate.describe(connection.request(), connection.workload()) + ": connecting to "
                        + connection.target() + " failed: " + done.cause());
                try {
                    gate.listener().failed(connection, done.cause());
                } catch (RuntimeException e) {
                    System.getLogger("localvpc.proxy").log(System.Logger.Level.WARNING, "connection listener failed", e);
                }
            }
        });
        return f;
    }

    /** The refusal a failed connect maps to. */
    static Refusal refusalFor(Throwable cause) {
        return cause instanceof java.net.ConnectException && !(cause instanceof io.netty.channel.ConnectTimeoutException)
                ? Refusal.CONNECTION_REFUSED : Refusal.HOST_UNREACHABLE;
    }
}
