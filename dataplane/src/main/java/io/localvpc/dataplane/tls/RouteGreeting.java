package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.route.ServiceRoute;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * First on an in-process connection to the {@link EndpointFront}: takes the {@link ServiceRoute} the proxy sends as
 * the first message (the backend and the flow's origin the path engine decided) into the channel's attributes; a
 * connection that does not start with one was not delivered by the path engine and is closed. Afterwards it turns the proxy's end-of-input message (a local channel has
 * no half-close) into the event the front acts on.
 */
final class RouteGreeting extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger("localvpc.endpoint");

    private boolean greeted;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!greeted) {
            if (msg instanceof ServiceRoute route) {
                greeted = true;
                ctx.channel().attr(ServiceRoute.KEY).set(route);
                return;
            }
            ReferenceCountUtil.release(msg);
            LOG.log(System.Logger.Level.WARNING, "an in-process connection to the endpoint front did not name its flow; closed");
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
