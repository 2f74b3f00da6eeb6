package io.localvpc.dataplane.imds;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * First on an in-process connection to the {@link MetadataService}: takes the {@link MetadataFlow} the proxy sends as
 * the first message; a connection that does not begin with one was not delivered by the path engine and is closed.
 * Afterwards it turns the proxy's end-of-input message (a local channel has no half-close) into the event.
 */
final class MetadataGreeting extends ChannelInboundHandlerAdapter {
    private boolean greeted;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!greeted) {
            if (msg instanceof MetadataFlow flow) {
                greeted = true;
                ctx.channel().attr(MetadataFlow.KEY).set(flow);
                return;
            }
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof ChannelInputShutdownEvent end) {
            ctx.fireUserEventTriggered(end);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
