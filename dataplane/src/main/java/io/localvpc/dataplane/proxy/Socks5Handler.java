package io.localvpc.dataplane.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5PasswordAuthResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5Message;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequest;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthStatus;

import java.net.InetSocketAddress;

/**
 * The SOCKS5 conversation (RFC 1928) up to the CONNECT reply. User name/password authentication (RFC 1929) is
 * preferred because the user name is the workload identity; a client offering only "no authentication" is let
 * in and then refused at CONNECT, since the reply code is all SOCKS can tell it (the log line says why).
 */
final class Socks5Handler extends SimpleChannelInboundHandler<Socks5Message> {
    private static final System.Logger LOG = System.getLogger("localvpc.proxy");

    private final Gate gate;
    private String identity;

    Socks5Handler(Gate gate) {
        this.gate = gate;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Socks5Message msg) {
        if (msg.decoderResult().isFailure()) {
            LOG.log(System.Logger.Level.INFO, "closed a malformed SOCKS5 conversation from " + ctx.channel().remoteAddress()
                    + ": " + msg.decoderResult().cause());
            ctx.close();
        } else if (msg instanceof Socks5InitialRequest init) {
            greet(ctx, init);
        } else if (msg instanceof Socks5PasswordAuthRequest auth) {
            authenticate(ctx, auth);
        } else if (msg instanceof Socks5CommandRequest command) {
            command(ctx, command);
        } else {
            ctx.close();
        }
    }

    private void greet(ChannelHandlerContext ctx, Socks5InitialRequest init) {
        if (init.authMethods().contains(Socks5AuthMethod.PASSWORD)) {
            ctx.pipeline().replace("socks5-decoder", "socks5-decoder", new Socks5PasswordAuthRequestDecoder());
            ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.PASSWORD));
        } else if (init.authMethods().contains(Socks5AuthMethod.NO_AUTH)) {
            ctx.pipeline().replace("socks5-decoder", "socks5-decoder", new Socks5CommandRequestDecoder());
            ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.NO_AUTH));
        } else {
            LOG.log(System.Logger.Level.INFO, "refused SOCKS5 client " + ctx.channel().remoteAddress()
                    + ": it offers neither user name/password nor no-auth");
            ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.UNACCEPTED))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void authenticate(ChannelHandlerContext ctx, Socks5PasswordAuthRequest auth) {
        // Any password is accepted: the user name only says which workload is talking. A malformed name still
        // gets to CONNECT, where the refusal is logged with the destination it was for.
        identity = auth.username();
        ctx.pipeline().replace("socks5-decoder", "socks5-decoder", new Socks5CommandRequestDecoder());
        ctx.writeAndFlush(new DefaultSocks5PasswordAuthResponse(Socks5PasswordAuthStatus.SUCCESS));
    }

    private void command(ChannelHandlerContext ctx, Socks5CommandRequest command) {
        Channel workload = ctx.channel();
        if (command.type() != Socks5CommandType.CONNECT) {
            LOG.log(System.Logger.Level.INFO, "refused SOCKS5 " + command.type() + " from " + workload.remoteAddress()
                    + ": the workload proxy supports CONNECT only");
            reply(ctx, Socks5CommandStatus.COMMAND_UNSUPPORTED);
            return;
        }
        String host = command.dstAddr();
        ConnectionDecision decision = gate.decide(identity, host, command.dstPort(), ProxyProtocol.SOCKS5, workload.remoteAddress());
        if (decision instanceof ConnectionDecision.Refuse refuse) {
            reply(ctx, Socks5CommandStatus.valueOf(refuse.kind().socksReply()));
            return;
        }
        ConnectRequest request = new ConnectRequest(identity, host, command.dstPort(), ProxyProtocol.SOCKS5);
        Handover.complete(ctx, gate, request, (ConnectionDecision.Deliver) decision, new Handover.Replies() {
            @Override
            public void established(InetSocketAddress bound) {
                Socks5AddressType type = bound.getAddress() instanceof java.net.Inet6Address
                        ? Socks5AddressType.IPv6 : Socks5AddressType.IPv4;
                ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS, type,
                        bound.getAddress().getHostAddress(), bound.getPort()));
            }

            @Override
            public void failed(Throwable cause) {
                reply(ctx, Socks5CommandStatus.valueOf(Upstream.refusalFor(cause).socksReply()));
            }
        }, "socks5-encoder", "socks5-decoder");
    }

    private static void reply(ChannelHandlerContext ctx, Socks5CommandStatus status) {
        ctx.writeAndFlush(new DefaultSocks5CommandResponse(status, Socks5AddressType.IPv4))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) ctx.close();
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "SOCKS5 conversation with " + ctx.channel().remoteAddress() + " failed: " + cause);
        ctx.close();
    }
}
