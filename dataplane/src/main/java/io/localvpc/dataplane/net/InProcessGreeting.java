package io.localvpc.dataplane.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * First on an in-process connection to a service the workload proxy delivers to (the endpoint front, the metadata
 * service): takes the object the proxy sends as the first message (what the path engine decided about the flow)
 * into the channel's attribute {@code key}; a connection that does not start with one was not delivered by the path
 * engine and is closed. It is an object, not bytes, so nothing a workload sends can stand in for it. Afterwards it
 * turns the proxy's end-of-input message (a local channel has no half-close) into the event the service acts on.
 */
public final class InProcessGreeting<T> extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger("localvpc.proxy");

    private final Class<T> type;
    private final AttributeKey<T> key;
    private final String service;
    private boolean greeted;

    /** @param service what the connection is to, for the log ("the endpoint front") */
    public InProcessGreeting(Class<T> type, AttributeKey<T> key, String service) {
        this.type = type;
        this.key = key;
        this.service = service;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!greeted) {
            if (type.isInstance(msg)) {
                greeted = true;
                ctx.channel().attr(key).set(type.cast(msg));
                return;
            }
            ReferenceCountUtil.release(msg);
            LOG.log(System.Logger.Level.WARNING, "an in-process connection to " + service + " did not name its flow; closed");
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
