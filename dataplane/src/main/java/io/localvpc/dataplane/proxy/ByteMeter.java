package io.localvpc.dataplane.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts a delivered connection's bytes on the wire and keeps it in the open-connections registry while it
 * lives. It sits first in the pipeline of the connection to the target (reads are bytes to the workload,
 * writes bytes from it), or, when the target is served in process, of the workload's own connection (the
 * other way round). Reports each read and write to the listener and the totals once when the channel closes.
 */
final class ByteMeter extends ChannelDuplexHandler {
    private static final System.Logger LOG = System.getLogger("localvpc.proxy");

    private final ProxiedConnection connection;
    private final ConnectionListener listener;
    private final OpenConnections open;
    private final boolean onWorkload;
    private long fromWorkload;
    private long toWorkload;
    private boolean opened;

    private ByteMeter(ProxiedConnection connection, Gate gate, boolean onWorkload) {
        this.connection = connection;
        this.listener = gate.listener();
        this.open = gate.open();
        this.onWorkload = onWorkload;
    }

    /** For the connection the proxy opens to the target; counts from when it connects. */
    static ByteMeter onTarget(ProxiedConnection connection, Gate gate) {
        return new ByteMeter(connection, gate, false);
    }

    /** For a workload connection whose target is served in process; counts from when it is added. */
    static ByteMeter onWorkload(ProxiedConnection connection, Gate gate) {
        return new ByteMeter(connection, gate, true);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) opened(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!opened) opened(ctx);
        ctx.fireChannelActive();
    }

    private void opened(ChannelHandlerContext ctx) {
        opened = true;
        open.add(connection, ctx.channel());
        LOG.log(System.Logger.Level.INFO, "#" + connection.id() + " " + Gate.describe(connection.request(), connection.workload())
                + " delivered to " + (onWorkload ? "in-process " : "") + connection.target() + ": " + connection.summary());
        notify(() -> listener.opened(connection));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) count(buf.readableBytes(), onWorkload);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) count(buf.readableBytes(), !onWorkload);
        ctx.write(msg, promise);
    }

    private void count(long n, boolean fromTheWorkload) {
        if (fromTheWorkload) fromWorkload += n;
        else toWorkload += n;
        // Per-buffer reports are skipped entirely when nobody listens: this runs for every buffer relayed.
        if (listener != ConnectionListener.NONE) {
            try {
                listener.bytes(connection, fromTheWorkload ? n : 0, fromTheWorkload ? 0 : n);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "connection listener failed", e);
            }
        }
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

    private static void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connection listener failed", e);
        }
    }
}
