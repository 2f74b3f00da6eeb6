package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.net.ByteRelay;
import io.localvpc.dataplane.net.Transports;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Connects the decrypted byte stream of one client connection to a TCP backend, then hands both to the data plane's
 * one {@link ByteRelay}. What the client sends before the backend connection is up is held and sent first; a client
 * that ends its side meanwhile has the backend's output ended once that is sent. The backend ending its side closes
 * both (TLS has no half-close).
 */
final class TcpRelay extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger("localvpc.endpoint");

    private final ServiceBackend backend;
    /** Non-null: the backend speaks TLS, and this context (a client's) encrypts towards it. */
    private final SslContext backendTls;
    private final Queue<Object> pending = new ArrayDeque<>();
    private Channel upstream;
    private boolean clientEnded;

    TcpRelay(ServiceBackend backend) {
        this(backend, null);
    }

    TcpRelay(ServiceBackend backend, SslContext backendTls) {
        this.backend = backend;
        this.backendTls = backendTls;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        FrontTimeout.remove(ctx.pipeline());
        client.config().setAutoRead(false);
        upstream = Transports.connector(client.eventLoop())
                .handler(backendTls == null ? new ByteRelay(client, false) : new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("tls", backendTls.newHandler(ch.alloc(), backend.address().getHostString(), backend.address().getPort()));
                        ch.pipeline().addLast("relay", new ByteRelay(client, false));
                    }
                })
                .connect(backend.address())
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        LOG.log(System.Logger.Level.INFO, "cannot reach " + backend.name() + ": " + f.cause());
                        pending.forEach(ReferenceCountUtil::release);
                        pending.clear();
                        client.close();
                        return;
                    }
                    if (!client.isActive()) {
                        f.channel().close();
                        return;
                    }
                    while (!pending.isEmpty()) upstream.write(pending.poll());
                    upstream.flush();
                    ctx.pipeline().replace(this, "relay", new ByteRelay(upstream));
                    if (clientEnded) endUpstreamOutput();
                    client.config().setAutoRead(true);
                })
                .channel();
    }

    /** Until the backend connection is up: held, in order. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        pending.add(msg);
    }

    /** The client ended its side before the backend connection was up: the backend is told once what came is sent. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            clientEnded = true;
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void endUpstreamOutput() {
        if (!(upstream instanceof SocketChannel socket) || !socket.isActive() || socket.isInputShutdown()) {
            ByteRelay.closeWhenFlushed(upstream); // nothing more can come from either side
            return;
        }
        socket.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> socket.shutdownOutput());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        if (upstream != null) ByteRelay.closeWhenFlushed(upstream);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
