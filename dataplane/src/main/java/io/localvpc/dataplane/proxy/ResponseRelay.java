package io.localvpc.dataplane.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * On a forwarded request's target connection: copies the target's bytes to the workload unparsed, written from
 * the workload's HTTP encoder context so they pass below the encoder. Stops reading the target while the
 * workload is not writable. The target closing ends the workload connection, unless the forwarder has already
 * moved on to another target ({@link #detach}).
 */
final class ResponseRelay extends ChannelInboundHandlerAdapter {
    private final ChannelHandlerContext workloadEncoder;
    private final Channel workload;
    private boolean detached;

    ResponseRelay(ChannelHandlerContext workloadEncoder, Channel workload) {
        this.workloadEncoder = workloadEncoder;
        this.workload = workload;
    }

    void detach() {
        detached = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (detached || !(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        workloadEncoder.write(msg, workload.voidPromise());
        if (!workload.isWritable()) {
            workloadEncoder.flush();
            if (!workload.isWritable()) ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!detached) workloadEncoder.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!detached && ctx.channel().isWritable()) workload.config().setAutoRead(true);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) ctx.close();
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!detached && workload.isActive()) {
            workloadEncoder.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
