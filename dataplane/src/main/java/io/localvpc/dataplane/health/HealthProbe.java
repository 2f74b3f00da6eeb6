package io.localvpc.dataplane.health;

import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.ops.elbv2.HealthCheckSettings;
import io.localvpc.dataplane.net.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One health check of one target on the program that plays its port: TCP checks pass when the connection opens;
 * HTTP and HTTPS checks send {@code GET <path>} and pass when the status is one of the matcher's codes (HTTPS does not
 * verify the target's certificate, as ELB does not). Runs on a Netty event loop without blocking; the connection is
 * closed whatever happens, and the whole check is bounded by the group's timeout.
 */
final class HealthProbe {
    private static final int MAX_STATUS_LINE = 1024;
    private static final SslContext TLS = insecureClient();

    /**
     * The end of a TCP check's pipeline: the check is decided when the connection opens, so whatever the target sends or
     * does after (data, a reset as the check closes) is dropped quietly.
     */
    private static final ChannelInboundHandlerAdapter DISCARD = new Discard();

    @io.netty.channel.ChannelHandler.Sharable
    private static final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private HealthProbe() {
    }

    private static SslContext insecureClient() {
        try {
            return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the health checker's TLS client", e);
        }
    }

    /** Checks the program at {@code hostPort} (loopback {@code host:port}); {@code hostHeader} is the target's address and port. */
    static CompletableFuture<ProbeOutcome> run(EventLoop loop, String hostPort, String hostHeader, TargetGroup.HealthCheck settings) {
        CompletableFuture<ProbeOutcome> result = new CompletableFuture<>();
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        long timeoutMillis = settings.timeoutSeconds() * 1000L;
        boolean http = !settings.protocol().equals("TCP");
        Bootstrap b = new Bootstrap().group(loop).channel(Transports.socketChannelFor(loop))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeoutMillis, Integer.MAX_VALUE))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (settings.protocol().equals("HTTPS")) ch.pipeline().addLast(TLS.newHandler(ch.alloc(), host, port));
                        if (http) ch.pipeline().addLast(new StatusLineReader(settings, hostHeader, result));
                        else ch.pipeline().addLast(DISCARD);
                    }
                });
        ChannelFuture connect = b.connect(host, port);
        Channel ch = connect.channel();
        var deadline = loop.schedule(() -> result.complete(ProbeOutcome.timedOut(null)), timeoutMillis, TimeUnit.MILLISECONDS);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                if (cause instanceof io.netty.channel.ConnectTimeoutException) result.complete(ProbeOutcome.timedOut(null));
                else if (!http && resetAfterHandshake(cause)) result.complete(ProbeOutcome.PASSED);
                else result.complete(ProbeOutcome.failed("Target.FailedHealthChecks", "Health checks failed: the program at " + hostPort
                        + " could not be connected to (" + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()) + ")"));
            } else if (!http) {
                result.complete(ProbeOutcome.PASSED);
            }
        });
        result.whenComplete((r, e) -> {
            deadline.cancel(false);
            ch.close();
        });
        return result;
    }

    /**
     * A reset reported while the connect completes ({@code finishConnect(..) failed: Connection reset by peer}): the
     * program accepted (the handshake was done) and reset at once, before the event loop saw the connection open. A TCP
     * check passes on the handshake, as ELB's does; a port nobody listens on answers the SYN with a reset, which is
     * "Connection refused" instead.
     */
    static boolean resetAfterHandshake(Throwable cause) {
        return cause instanceof java.io.IOException && cause.getMessage() != null && cause.getMessage().contains("Connection reset");
    }

    /** Sends the GET once connected and judges the status line of the answer. */
    private static final class StatusLineReader extends ChannelInboundHandlerAdapter {
        private final TargetGroup.HealthCheck settings;
        private final String hostHeader;
        private final CompletableFuture<ProbeOutcome> result;
        private final StringBuilder line = new StringBuilder();

        StatusLineReader(TargetGroup.HealthCheck settings, String hostHeader, CompletableFuture<ProbeOutcome> result) {
            this.settings = settings;
            this.hostHeader = hostHeader;
            this.result = result;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            String request = "GET " + settings.path() + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: ELB-HealthChecker/2.0\r\n"
                    + "Accept: */*\r\nConnection: close\r\n\r\n";
            ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                while (buf.isReadable() && !result.isDone()) {
                    char c = (char) buf.readByte();
                    if (c == '\n' || line.length() >= MAX_STATUS_LINE) {
                        result.complete(judge(line.toString().trim()));
                        return;
                    }
                    line.append(c);
                }
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!result.isDone()) result.complete(ProbeOutcome.failed("Target.FailedHealthChecks", "Health checks failed: the target closed the connection without an HTTP answer"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.complete(ProbeOutcome.failed("Target.FailedHealthChecks", "Health checks failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")")));
            ctx.close();
        }

        private ProbeOutcome judge(String statusLine) {
            String[] parts = statusLine.split(" ", 3);
            int status;
            try {
                status = parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
            } catch (NumberFormatException e) {
                status = -1;
            }
            if (status < 0) return ProbeOutcome.failed("Target.FailedHealthChecks", "Health checks failed: the answer is not HTTP");
            if (HealthCheckSettings.matches(settings.matcher(), status)) return ProbeOutcome.PASSED;
            return ProbeOutcome.failed("Target.ResponseCodeMismatch", "Health checks failed with these codes: [" + status + "]");
        }
    }
}
