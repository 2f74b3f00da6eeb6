package io.localvpc.dataplane.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Sits first in the pipeline of the connection to the target and counts the bytes on the wire: reads are
 * bytes to the workload, writes bytes from it. Reports each read and write to the listener and the totals once
 * when the channel closes.
 */
final class ByteMeter extends ChannelDuplexHandler {
    private static final System.Logger LOG = System.getLogger("localvpc.proxy");

    private final ProxiedConnection connection;
    private final ConnectionListener listener;
    private final OpenConnections open;
    private long fromWorkload;
    private long toWorkload;
    private boolean opened;

    ByteMeter(ProxiedConnection connection, ConnectionListener listener, OpenConnections open) {
        this.connection = connection;
        this.listener = listener;
        this.open = open;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        opened = true;
        open.add(connection, ctx.channel());
        LOG.log(System.Logger.Level.INFO, "#" + connection.id() + " " + Gate.describe(connection.request(), connection.workload())
                + " delivered to " + connection.target() + ": " + connection.summary());
        notify(() -> listener.opened(connection));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            long n = buf.readableBytes();
            toWorkload += n;
            if (listener != ConnectionListener.NONE) reportBytes(0, n);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            long n = buf.readableBytes();
            fromWorkload += n;
            if (listener != ConnectionListener.NONE) reportBytes(n, 0);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (opened) {
            open.remove(connection);
            LOG.log(System.Logger.Level.INFO, "#" + connection.id() + " closed: " + fromWorkload + " bytes from "
                    + connection.request().identity() + ", " + toWorkload + " bytes to it");
            notify(() -> listener.closed(connection, fromWorkload, toWorkload));
        }
        ctx.fireChannelInactive();
    }

    /** Per-read reports are skipped entirely when nobody listens: this runs for every buffer relayed. */
    private void reportBytes(long from, long to) {
        try {
            listener.bytes(connection, from, to);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connection listener failed", e);
        }
    }

    private static void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connection listener failed", e);
        }
    }
}
