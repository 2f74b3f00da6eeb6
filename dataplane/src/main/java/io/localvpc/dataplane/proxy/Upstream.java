package io.localvpc.dataplane.proxy;

import io.localvpc.dataplane.net.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;

/**
 * Opens the connection to a delivered target on the workload connection's own event loop, so both halves of a
 * relay run on one thread: a socket for a loopback address, a Netty local channel (no socket) for a target served
 * in this process. The new channel starts with auto-read off: nothing is read from the target until the workload
 * has been told the connection is up.
 */
final class Upstream {
    private Upstream() {
    }

    /** @param greeting written first on an in-process connection (what the target must know of the flow), or null */
    static ChannelFuture connect(Channel workload, Gate gate, ProxiedConnection connection, Object greeting,
                                 ChannelHandler... handlers) {
        Bootstrap b = (connection.target() instanceof LocalAddress
                ? new Bootstrap().group(workload.eventLoop()).channel(LocalChannel.class)
                : Transports.connector(workload.eventLoop()))
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("meter", ByteMeter.onTarget(connection, gate));
                        ch.pipeline().addLast(handlers);
                    }
                });
        ChannelFuture f = b.connect(connection.target());
        f.addListener(done -> {
            if (done.isSuccess() && greeting != null) {
                // Added before the caller's listeners, so it runs first: the greeting precedes every relayed byte.
                // Written from the meter's place, so it skips the caller's encoders and is not counted as bytes.
                f.channel().pipeline().context("meter").write(greeting, f.channel().voidPromise());
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
