package io.localvpc.dataplane.proxy;

import io.localvpc.dataplane.net.ByteRelay;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

import java.net.InetSocketAddress;

/**
 * Finishes a SOCKS5 or HTTP CONNECT request the gate delivered: reaches the target (a new connection, or the
 * in-process target on the workload's own socket), tells the workload through {@link Replies}, and swaps the
 * protocol handlers for whatever carries the bytes from then on. The two protocols differ only in their replies
 * and handler names.
 */
final class Handover {

    /** The protocol's answers to the workload; written through the protocol's encoder, before it leaves. */
    interface Replies {
        void established(InetSocketAddress bound);

        void failed(Throwable cause);
    }

    private Handover() {
    }

    /**
     * @param ctx              the protocol handler's context; that handler is removed first, then
     *                         {@code protocolHandlers} in order, so bytes a decoder still holds reach the relay
     * @param protocolHandlers the names of the protocol's codec handlers
     */
    static void complete(ChannelHandlerContext ctx, Gate gate, ConnectRequest request, ConnectionDecision.Deliver deliver,
                         Replies replies, String... protocolHandlers) {
        Channel workload = ctx.channel();
        ProxiedConnection connection = gate.open(request, deliver, workload.remoteAddress());
        if (deliver.inProcess() != null) {
            replies.established(deliver.target() instanceof InetSocketAddress served ? served
                    : (InetSocketAddress) workload.localAddress());
            workload.pipeline().addFirst("meter", ByteMeter.onWorkload(connection, gate));
            try {
                deliver.inProcess().attach(workload, ctx.name());
            } catch (RuntimeException e) {
                System.getLogger("localvpc.proxy").log(System.Logger.Level.WARNING, "#" + connection.id()
                        + ": the in-process target failed to take the connection", e);
                workload.close();
                return;
            }
            leave(ctx, protocolHandlers);
            return;
        }
        workload.config().setAutoRead(false);
        Upstream.connect(workload, gate, connection, null).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                replies.failed(f.cause());
                return;
            }
            if (!workload.isActive()) {
                f.channel().close();
                return;
            }
            replies.established((InetSocketAddress) f.channel().localAddress());
            ByteRelay.join(workload, ctx.name(), f.channel());
            leave(ctx, protocolHandlers);
            ByteRelay.start(workload, f.channel());
        });
    }

    private static void leave(ChannelHandlerContext ctx, String... protocolHandlers) {
        Channel workload = ctx.channel();
        ctx.pipeline().remove(ctx.handler());
        for (String name : protocolHandlers) ctx.pipeline().remove(name);
        ProxyInitializer.handshakeDone(workload);
    }
}
