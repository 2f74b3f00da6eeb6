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

    TcpRelay(ServiceBackend backend) {
        this.backend = backend;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        client.config().setAutoRead(false);
        upstream = new Bootstrap().group(client.eventLoop()).channel(client.getClass().asSubclass(Channel.class))
                .option(ChannelOption.TCP_NODELAY, true)
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
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
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

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
