package io.localvpc.dataplane.origin;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ProtocolDetectionResult;
import io.netty.handler.codec.ProtocolDetectionState;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyTLV;

import java.nio.charset.StandardCharsets;

/**
 * First in the endpoint listener's pipeline: if the connection starts with a PROXY v2 header (the
 * workload proxy sends one), reads the {@link FlowOrigin} from it into the channel's attributes and steps
 * aside; a connection without one (a direct test client) passes through untouched, with no origin.
 */
public final class FlowOriginDecoder extends ChannelInboundHandlerAdapter {
    private ByteBuf pending;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        ByteBuf buffered = pending == null ? in : pending.writeBytes(in);
        if (pending != null) in.release();
        ProtocolDetectionResult<HAProxyProtocolVersion> detected = HAProxyMessageDecoder.detectProtocol(buffered);
        if (detected.state() == ProtocolDetectionState.NEEDS_MORE_DATA) {
            if (pending == null) pending = ctx.alloc().buffer().writeBytes(buffered);
            if (buffered != pending) buffered.release();
            return;
        }
        pending = null;
        if (detected.state() == ProtocolDetectionState.DETECTED && detected.detectedProtocol() == HAProxyProtocolVersion.V2) {
            // Netty's decoder reads the header (and removes itself); the capture after it keeps the origin.
            ctx.pipeline().addAfter(ctx.name(), "proxy-protocol", new HAProxyMessageDecoder());
            ctx.pipeline().addAfter("proxy-protocol", "flow-origin", new Capture());
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(buffered);
    }

    /** Takes the decoded PROXY header's localvpc TLV into the channel's attributes, then steps aside. */
    private static final class Capture extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HAProxyMessage proxy)) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                for (HAProxyTLV tlv : proxy.tlvs()) {
                    if ((tlv.typeByteValue() & 0xFF) == FlowOrigin.TLV_TYPE) {
                        ctx.channel().attr(FlowOrigin.KEY).set(FlowOrigin.decode(tlv.content().toString(StandardCharsets.UTF_8)));
                    }
                }
            } finally {
                proxy.release();
            }
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
