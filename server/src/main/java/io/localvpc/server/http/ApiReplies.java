package io.localvpc.server.http;

import io.localvpc.api.ApiReply;
import io.localvpc.api.RequestIds;
import io.localvpc.api.ec2.Ec2Api;
import io.localvpc.core.AwsException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Answers the HTTP layer gives itself (bad HTTP, timeouts, refused browser requests) in the format of whoever
 * the request was for: AWS's EC2 error document on the API paths, JSON on the admin paths.
 */
final class ApiReplies {
    /** AWS's response header for the request id (the body names the same id). */
    private static final String REQUEST_ID = "x-amzn-RequestId";

    private ApiReplies() {
    }

    /** Writes a reply; without keep-alive the connection closes once it is sent. The request id also travels as AWS's header. */
    static void send(ChannelHandlerContext ctx, ApiReply reply, boolean keepAlive) {
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()),
                Unpooled.wrappedBuffer(reply.body()));
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        if (reply.requestId() != null) resp.headers().set(REQUEST_ID, reply.requestId());
        resp.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        if (keepAlive) ctx.writeAndFlush(resp);
        else ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
    }

    static ApiReply error(String path, int status, String code, String message) {
        if (path != null && path.startsWith("/_localvpc/")) return ApiReply.json(status, AdminApi.error(message));
        return Ec2Api.error(new AwsException(code, message, status), RequestIds.next());
    }
}
