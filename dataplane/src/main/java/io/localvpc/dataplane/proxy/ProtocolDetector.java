package io.localvpc.dataplane.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;

import java.util.List;

/**
 * Looks at the first byte of a workload connection and installs the protocol it speaks: 0x05 is SOCKS5, an
 * upper-case letter starts an HTTP request line. Anything else (SOCKS4 included) is answered where possible and
 * closed, with one log line saying why.
 */
final class ProtocolDetector extends ByteToMessageDecoder {
    private static final System.Logger LOG = System.getLogger("localvpc.proxy");

    private final Gate gate;

    ProtocolDetector(Gate gate) {
        this.gate = gate;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) return;
        byte first = in.getByte(in.readerIndex());
        String self = ctx.name();
        if (first == 0x05) {
            ctx.pipeline().addAfter(self, "socks5-encoder", Socks5ServerEncoder.DEFAULT);
            ctx.pipeline().addAfter("socks5-encoder", "socks5-decoder", new Socks5InitialRequestDecoder());
            ctx.pipeline().addAfter("socks5-decoder", "socks5", new Socks5Handler(gate));
        } else if (first >= 'A' && first <= 'Z') {
            // Decoder and encoder apart (not HttpServerCodec): forwarded responses are written as raw bytes from
            // the encoder's context, past it, and the server codec would queue one entry per unanswered request.
            ctx.pipeline().addAfter(self, "http-decoder", new HttpRequestDecoder());
            ctx.pipeline().addAfter("http-decoder", "http-encoder", new HttpResponseEncoder());
            ctx.pipeline().addAfter("http-encoder", "http-proxy", new HttpProxyHandler(gate));
        } else if (first == 0x04) {
            LOG.log(System.Logger.Level.INFO, "refused a SOCKS4 client from " + ctx.channel().remoteAddress()
                    + ": the workload proxy speaks SOCKS5 (with the instance or ENI id as user name) and HTTP");
            in.skipBytes(in.readableBytes());
            // SOCKS4 reply: version 0, status 0x5B "request rejected or failed".
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0, 0x5B, 0, 0, 0, 0, 0, 0}))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        } else {
            LOG.log(System.Logger.Level.INFO, "closed a connection from " + ctx.channel().remoteAddress()
                    + " that is neither SOCKS5 nor HTTP (first byte 0x" + Integer.toHexString(first & 0xff) + ")");
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        // Removing this decoder hands the bytes it holds to the protocol just installed.
        ctx.pipeline().remove(this);
    }

    /** The client ended its side before saying anything: nothing will come, so the connection ends here. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "workload connection " + ctx.channel().remoteAddress() + " failed: " + cause);
        ctx.close();
    }
}
