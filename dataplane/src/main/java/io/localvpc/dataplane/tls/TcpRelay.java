package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.ServiceBackend;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Relays the decrypted byte stream of one client connection to a TCP backend and back, unchanged. Reads pause
 * on the side whose peer cannot keep up, so a slow reader never makes the relay buffer a whole stream.
 */
final class TcpRelay extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger("localvpc.endpoint");

    private final ServiceBackend backend;
    private final Queue<Object> pending = new ArrayDeque<>();
    private Channel upstream;
    private boolean connected;
    private boolean clientEnded;

    TcpRelay(ServiceBackend backend) {
        this.backend = backend;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        FrontTimeout.remove(ctx.pipeline());
        client.config().setAutoRead(false);
        upstream = io.localvpc.dataplane.net.Transports.connector(client.eventLoop())
                .handler(new Back(client))
                .connect(backend.address())
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        LOG.log(System.Logger.Level.INFO, "cannot reach " + backend.name() + ": " + f.cause());
                        pending.forEach(ReferenceCountUtil::release);
                        pending.clear();
                        client.close();
                        return;
                    }
                    connected = true;
                    while (!pending.isEmpty()) {
                        upstream.write(pending.poll());
                    }
                    upstream.flush();
                    if (clientEnded) endUpstreamOutput();
                    client.config().setAutoRead(true);
                })
                .channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!connected) {
            pending.add(msg);
            return;
        }
        upstream.writeAndFlush(msg);
        if (!upstream.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && upstream != null) {
            upstream.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** The client ended its side: the backend is told the same once everything before has reached it. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            clientEnded = true;
            if (connected) endUpstreamOutput();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void endUpstreamOutput() {
        if (!(upstream instanceof io.netty.channel.socket.SocketChannel socket) || !socket.isActive() || socket.isInputShutdown()) {
            // nothing more can come from either side
            closeOnFlush(upstream);
            return;
        }
        socket.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> socket.shutdownOutput());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        closeOnFlush(upstream);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    static void closeOnFlush(Channel ch) {
        if (ch == null) return;
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }

    /** The backend side: bytes back to the client. */
    private static final class Back extends ChannelInboundHandlerAdapter {
        private final Channel client;

        Back(Channel client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            client.writeAndFlush(msg);
            if (!client.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                client.config().setAutoRead(true);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeOnFlush(client);
        }

        /** The backend is done sending: TLS has no clean half-close, so the client connection ends (after the flush). */
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
                closeOnFlush(client);
                closeOnFlush(ctx.channel());
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
