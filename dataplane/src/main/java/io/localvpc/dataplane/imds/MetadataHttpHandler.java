package io.localvpc.dataplane.imds;

import io.localvpc.core.identity.StsSession;
import io.localvpc.core.imds.InstanceMetadataTree;
import io.localvpc.core.imds.MetadataAnswer;
import io.localvpc.core.model.InstanceMetadataOptions;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.View;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Answers one instance's metadata requests as EC2's service does: {@code PUT /latest/api/token} issues an IMDSv2 token
 * (TTL 1–21600 seconds, refused with 403 when the request carries {@code X-Forwarded-For}, i.e. came through a proxy
 * inside the instance); reads need a valid token of this instance, or none when the instance's {@code HttpTokens} is
 * {@code optional}; a disabled endpoint answers 403 to everything. Paths come from {@link InstanceMetadataTree};
 * credentials are issued off the event loop and written back on it.
 */
final class MetadataHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String TOKEN_PATH = "/latest/api/token";
    static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";
    static final String TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
    private static final Pattern VERSION = Pattern.compile("latest|\\d{4}-\\d{2}-\\d{2}|1\\.0");
    private static final System.Logger LOG = System.getLogger("localvpc.imds");

    private final Store store;
    private final MetadataTokens tokens;
    private final InstanceCredentials credentials;
    /** Requests read and not answered yet (a credentials answer waits for the store), and whether the workload ended its side. */
    private int unanswered;
    private boolean inputEnded;
    private boolean waitingForCredentials;
    private final java.util.ArrayDeque<FullHttpRequest> queued = new java.util.ArrayDeque<>();

    MetadataHttpHandler(Store store, MetadataTokens tokens, InstanceCredentials credentials) {
        this.store = store;
        this.tokens = tokens;
        this.credentials = credentials;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        unanswered++;
        if (waitingForCredentials) {
            // A pipelined request after one whose answer waits for the store: answered after it, in order.
            queued.add(request.retainedDuplicate());
            return;
        }
        answer(ctx, request);
    }

    private void answer(ChannelHandlerContext ctx, FullHttpRequest request) {
        MetadataFlow flow = ctx.channel().attr(MetadataFlow.KEY).get();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        Optional<InstanceMetadataTree> tree = flow == null ? Optional.empty()
                : store.viewIfPresent(flow.scope()).flatMap(v -> InstanceMetadataTree.of(v, s -> store.viewIfPresent(s).orElse(null), flow.instanceId()));
        if (tree.isEmpty()) {
            // The instance was terminated (or the state reset) while the connection stayed open.
            send(ctx, status(HttpResponseStatus.NOT_FOUND, false), false);
            return;
        }
        InstanceMetadataOptions options = tree.get().options();
        if (!options.endpointEnabled()) {
            send(ctx, status(HttpResponseStatus.FORBIDDEN, false), keepAlive);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        Instant now = store.clock().instant();
        if (path.equals(TOKEN_PATH)) {
            send(ctx, token(request, flow, now), keepAlive);
            return;
        }
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            send(ctx, status(HttpResponseStatus.METHOD_NOT_ALLOWED, false), keepAlive);
            return;
        }
        boolean head = request.method().equals(HttpMethod.HEAD);
        String token = request.headers().get(TOKEN_HEADER);
        if (token != null ? !tokens.valid(token, flow.instanceId(), now) : options.tokensRequired()) {
            send(ctx, status(HttpResponseStatus.UNAUTHORIZED, head), keepAlive);
            return;
        }
        MetadataAnswer answer = answer(tree.get(), path);
        if (answer instanceof MetadataAnswer.Text text) {
            send(ctx, text(text.body(), head), keepAlive);
        } else if (answer instanceof MetadataAnswer.RoleCredentials ask) {
            waitingForCredentials = true;
            credentials.get(ask).whenComplete((session, failure) -> ctx.executor().execute(() -> {
                waitingForCredentials = false;
                if (failure != null) {
                    // The store could not commit the session (a full disk, say): worth asking again, as SDKs do on 503.
                    LOG.log(System.Logger.Level.WARNING, "credentials of " + ask.roleName() + " for " + ask.instanceId() + " failed: " + failure);
                    send(ctx, status(HttpResponseStatus.SERVICE_UNAVAILABLE, head), keepAlive);
                } else if (session.isEmpty()) {
                    send(ctx, status(HttpResponseStatus.NOT_FOUND, head), keepAlive);
                } else {
                    send(ctx, text(InstanceMetadataTree.credentialsDocument(session.get(), lastUpdated(session.get())), head), keepAlive);
                }
                answerQueued(ctx);
            }));
        } else {
            send(ctx, status(HttpResponseStatus.NOT_FOUND, head), keepAlive);
        }
    }

    private void answerQueued(ChannelHandlerContext ctx) {
        FullHttpRequest next;
        while (!waitingForCredentials && (next = queued.poll()) != null) {
            try {
                if (ctx.channel().isActive()) answer(ctx, next);
            } finally {
                next.release();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        FullHttpRequest left;
        while ((left = queued.poll()) != null) left.release();
        super.channelInactive(ctx);
    }

    private static Instant lastUpdated(StsSession s) {
        return s.expiresAt().minus(io.localvpc.core.identity.StsSessions.INSTANCE_CREDENTIALS);
    }

    /** {@code /latest/…} (or a dated version) below the root; the root lists the one version served. */
    private static MetadataAnswer answer(InstanceMetadataTree tree, String path) {
        String rest = path.startsWith("/") ? path.substring(1) : path;
        if (rest.isEmpty()) return new MetadataAnswer.Text("latest", false);
        int slash = rest.indexOf('/');
        String version = slash < 0 ? rest : rest.substring(0, slash);
        if (!VERSION.matcher(version).matches()) return new MetadataAnswer.NotFound();
        return tree.answer(slash < 0 ? "" : rest.substring(slash + 1));
    }

    private FullHttpResponse token(FullHttpRequest request, MetadataFlow flow, Instant now) {
        if (!request.method().equals(HttpMethod.PUT)) return status(HttpResponseStatus.METHOD_NOT_ALLOWED, false);
        // EC2 refuses token requests that went through a proxy (X-Forwarded-For), so a reverse proxy on the instance
        // cannot fetch tokens for clients outside it.
        if (request.headers().contains("X-Forwarded-For")) return status(HttpResponseStatus.FORBIDDEN, false);
        String ttl = request.headers().get(TTL_HEADER);
        int seconds;
        try {
            seconds = ttl == null ? -1 : Integer.parseInt(ttl.trim());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < MetadataTokens.MIN_TTL_SECONDS || seconds > MetadataTokens.MAX_TTL_SECONDS) {
            return status(HttpResponseStatus.BAD_REQUEST, false);
        }
        FullHttpResponse r = text(tokens.issue(flow.instanceId(), now.plusSeconds(seconds)), false);
        r.headers().set(TTL_HEADER, seconds);
        return r;
    }

    private static FullHttpResponse text(String body, boolean head) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN).set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.SERVER, "EC2ws");
        return r;
    }

    /** An error as EC2's metadata service writes it: a small XHTML page naming the status. */
    static FullHttpResponse status(HttpResponseStatus status, boolean head) {
        String title = status.code() + " - " + status.reasonPhrase();
        String page = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n"
                + "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n"
                + "\t\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
                + "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n"
                + " <head>\n  <title>" + title + "</title>\n </head>\n <body>\n  <h1>" + title + "</h1>\n </body>\n</html>\n";
        byte[] bytes = page.getBytes(StandardCharsets.ISO_8859_1);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html").set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.SERVER, "EC2ws");
        return r;
    }

    private void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        unanswered--;
        if (inputEnded && unanswered == 0) keepAlive = false;
        if (!ctx.channel().isActive()) {
            response.release();
            return;
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // Idle for too long: nothing more will be asked.
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        // The workload ended its side: answer what it asked, then close.
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            inputEnded = true;
            if (unanswered == 0) ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "metadata connection failed: " + cause);
        ctx.close();
    }
}
