package io.localvpc.server.http;

import io.localvpc.api.ApiCall;
import io.localvpc.api.ApiReply;
import io.localvpc.api.ApiDispatcher;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.util.HashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.Locale;
import java.util.Map;

/** Sends each request to the admin endpoints ({@code /_localvpc/…}, the page at {@code /}) or to the AWS APIs. */
final class RequestRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final System.Logger LOG = System.getLogger("localvpc.http");
    /** AWS's response header for the request id (the body names the same id). */
    private static final String REQUEST_ID = "x-amzn-RequestId";
    private final ApiDispatcher api;
    private final AdminApi admin;
    private final Executor work;

    RequestRouter(ApiDispatcher api, AdminApi admin, Executor work) {
        this.api = api;
        this.admin = admin;
        this.work = work;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.decoderResult().isSuccess()) {
            respond(ctx, ApiReply.json(400, "{\"error\":\"the request is not valid HTTP\"}"), false);
            return;
        }
        // Copy what the handlers need off the Netty buffer now: it is released when this method returns.
        ApiCall call = toCall(ctx, req);
        try {
            work.execute(() -> respond(ctx, route(call), keepAlive));
        } catch (RejectedExecutionException shuttingDown) {
            ctx.close();
        }
    }

    private ApiReply route(ApiCall call) {
        boolean admin = call.path().startsWith("/_localvpc/")
                || (call.method().equals("GET") && call.path().equals("/") && (call.rawQuery() == null || call.rawQuery().isEmpty()));
        return admin ? this.admin.handle(call) : api.handle(call);
    }

    private static void respond(ChannelHandlerContext ctx, ApiReply reply, boolean keepAlive) {
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()),
                Unpooled.wrappedBuffer(reply.body()));
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        if (reply.requestId() != null) resp.headers().set(REQUEST_ID, reply.requestId());
        if (keepAlive) {
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(resp);
        } else {
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
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
