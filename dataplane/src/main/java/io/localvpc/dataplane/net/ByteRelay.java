package io.localvpc.dataplane.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;

/**
 * The data plane's one byte relay: moves bytes from its own channel to {@code peer}; one instance sits on each side
 * of a tunnel (a workload's connection and its target, or a decrypted endpoint connection and a TCP backend).
 *
 * <p>Backpressure: when the peer's outbound buffer is over its high-water mark this side stops reading, and
 * reading resumes when the peer becomes writable again. Half-close: end of input on this side becomes a
 * shutdown of the peer's output where the peer can be half-closed (a plain socket); where it cannot (TLS has no
 * half-close: its end is close_notify), or once both directions have ended, or when either side closes, both
 * channels close. Both channels must have {@code ALLOW_HALF_CLOSURE} on.
 */
public final class ByteRelay extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger("localvpc.relay");

    private final Channel peer;
    private final boolean peerHalfCloses;

    /** A relay to a peer that is a plain socket, whose output may be shut down on its own. */
    public ByteRelay(Channel peer) {
        this(peer, true);
    }

    /** @param peerHalfCloses false for a peer whose output cannot be ended alone (TLS): the end of input closes both */
    public ByteRelay(Channel peer, boolean peerHalfCloses) {
        this.peer = peer;
        this.peerHalfCloses = peerHalfCloses;
    }

    /**
     * Joins a workload channel to its target channel in both directions; the workload's relay goes right after
     * {@code afterHandler}, so bytes that handlers still hold when they are removed afterwards reach it.
     * Call {@link #start} once the protocol handlers are gone.
     */
    public static void join(Channel workload, String afterHandler, Channel target) {
        workload.pipeline().addAfter(afterHandler, "relay", new ByteRelay(target));
        target.pipeline().addLast("relay", new ByteRelay(workload));
    }

    public static void start(Channel workload, Channel target) {
        workload.config().setAutoRead(true);
        target.config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!peer.isActive()) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        peer.write(msg, peer.voidPromise());
        if (!peer.isWritable()) {
            peer.flush();
            if (!peer.isWritable()) ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // This side drained what the peer sent it: the peer may read again.
        if (ctx.channel().isWritable()) peer.config().setAutoRead(true);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            if (!peerHalfCloses || !(peer instanceof SocketChannel target) || !peer.isActive() || target.isInputShutdown()) {
                // Nothing more can come from either side: the tunnel is done.
                closeBoth(ctx.channel());
            } else {
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> target.shutdownOutput());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeWhenFlushed(peer);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "relay " + ctx.channel() + " failed: " + cause);
        ctx.close();
    }

    private void closeBoth(Channel self) {
        closeWhenFlushed(peer);
        closeWhenFlushed(self);
    }

    public static void closeWhenFlushed(Channel ch) {
        if (ch.isActive()) ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        else ch.close();
    }
}
