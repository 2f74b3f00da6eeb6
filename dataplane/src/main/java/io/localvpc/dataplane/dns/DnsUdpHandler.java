package io.localvpc.dataplane.dns;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/** One datagram in, at most one datagram back to its sender. */
final class DnsUdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final DnsResponder responder;

    DnsUdpHandler(DnsResponder responder) {
        this.responder = responder;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] response = responder.respond(ByteBufUtil.getBytes(packet.content()), true);
        if (response != null) ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(response), packet.sender()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A failed send (e.g. ICMP port unreachable from a client that gave up) must not stop the server.
        System.getLogger("localvpc.dns").log(System.Logger.Level.DEBUG, "DNS over UDP: " + cause);
    }
}
