package io.localvpc.server.http;

import io.localvpc.api.ApiCall;
import io.localvpc.api.ApiReply;
import io.localvpc.api.ApiDispatcher;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.Locale;
import java.util.Map;

/** Sends each request to the admin endpoints ({@code /_localvpc/…}, the page at {@code /}) or to the AWS APIs. */
final class RequestRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final System.Logger LOG = System.getLogger("localvpc.http");
    private final ApiDispatcher api;
    private final CrossSiteGuard guard;
    private final AdminApi admin;
    private final Executor work;

    RequestRouter(ApiDispatcher api, AdminApi admin, Executor work, CrossSiteGuard guard) {
        this.api = api;
        this.guard = guard;
        this.admin = admin;
        this.work = work;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String path = pathOf(req.uri());
        if (!req.decoderResult().isSuccess()) {
            // The stream may be out of step after a decoding failure, so the connection ends with the answer.
            ApiReplies.send(ctx, malformed(path, req.decoderResult().cause()), false);
            return;
        }
        HttpVersion v = req.protocolVersion();
        if (v.majorVersion() != 1 || v.minorVersion() > 1) {
            ApiReplies.send(ctx, ApiReplies.error(path, 505, "HttpVersionNotSupported", "localvpc speaks HTTP/1.0 and HTTP/1.1; this request says "
                    + v.text() + "."), false);
            return;
        }
        // Copy what the handlers need off the Netty buffer now: it is released when this method returns.
        ApiCall call = toCall(ctx, req);
        Optional<String> refused = guard.refusal(call);
        if (refused.isPresent()) {
            LOG.log(System.Logger.Level.WARNING, "refused " + call.method() + " " + path + " from " + call.remoteAddress() + ": " + refused.get());
            ApiReplies.send(ctx, ApiReplies.error(path, 403, "AccessDenied", "localvpc refused this request: " + refused.get() + "."), false);
            return;
        }
        try {
            work.execute(() -> ApiReplies.send(ctx, routeSafely(call), keepAlive));
        } catch (RejectedExecutionException shuttingDown) {
            ctx.close();
        }
    }

    /** Every request gets an answer: a failure the handlers did not turn into one becomes an internal error in the caller's format. */
    private ApiReply routeSafely(ApiCall call) {
        try {
            return route(call);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(System.Logger.Level.ERROR, call.method() + " " + call.path() + " failed inside localvpc", e);
            return ApiReplies.error(call.path(), 500, "InternalError", "localvpc could not complete this request because of an internal error; details are in the server log.");
        }
    }

    private ApiReply route(ApiCall call) {
        boolean admin = call.path().startsWith("/_localvpc/")
                || (call.method().equals("GET") && (call.path().equals("/") || call.path().equals("/metrics"))
                    && (call.rawQuery() == null || call.rawQuery().isEmpty()));
        return admin ? this.admin.handle(call) : api.handle(call);
    }

    private static ApiReply malformed(String path, Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return ApiReplies.error(path, 431, "RequestHeaderFieldsTooLarge", "The request's headers are larger than localvpc accepts ("
                    + HttpServer.MAX_HEADER_BYTES + " bytes). Send fewer or shorter headers.");
        }
        if (cause instanceof TooLongHttpLineException) {
            return ApiReplies.error(path, 414, "RequestURITooLong", "The request line is longer than localvpc accepts ("
                    + HttpServer.MAX_LINE_BYTES + " bytes). Send parameters in a POST body instead of the query string.");
        }
        return ApiReplies.error(path, 400, "MalformedHttpRequest", "The request is not valid HTTP/1.1"
                + (cause == null || cause.getMessage() == null ? "." : " (" + printable(cause.getMessage()) + ")."));
    }

    private static String pathOf(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), 120));
        for (int i = 0; i < s.length() && i < 120; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return out.toString();
    }

    private static ApiCall toCall(ChannelHandlerContext ctx, FullHttpRequest req) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        Map<String, String> headers = new HashMap<>();
        req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return new ApiCall(req.method().name(), path, query, headers, ByteBufUtil.getBytes(req.content()),
                String.valueOf(ctx.channel().remoteAddress()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "connection closed after an error: " + cause);
        ctx.close();
    }
}
