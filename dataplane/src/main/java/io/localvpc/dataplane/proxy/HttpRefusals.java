package io.localvpc.dataplane.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/**
 * The HTTP proxy's refusal answers: the reason in a text body and in an {@code X-Localvpc-Refused} header (so a
 * client that hides bodies of failed CONNECTs still shows it), then the connection closes.
 */
final class HttpRefusals {
    static final String REFUSED_HEADER = "X-Localvpc-Refused";

    private HttpRefusals() {
    }

    /** Answers a refused request; a refusal for a missing identity is a 407 that asks for proxy credentials. */
    static void send(ChannelHandlerContext ctx, String identity, ConnectionDecision.Refuse refuse) {
        boolean noIdentity = identity == null || identity.isEmpty();
        HttpResponseStatus status = noIdentity ? HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED
                : HttpResponseStatus.valueOf(refuse.kind().httpStatus());
        FullHttpResponse response = response(status, refuse.reason());
        response.headers().set(REFUSED_HEADER, headerSafe(refuse.reason()));
        if (noIdentity) {
            response.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE,
                    "Basic realm=\"localvpc workload proxy: user name is the instance or ENI id\"");
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** Answers a request the proxy cannot handle at all (not a proxy request, malformed). */
    static void badRequest(ChannelHandlerContext ctx, String why) {
        ctx.writeAndFlush(response(HttpResponseStatus.BAD_REQUEST, why)).addListener(ChannelFutureListener.CLOSE);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String text) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    /** Header values must be printable ASCII: spell out the few non-ASCII signs reasons use, drop the rest. */
    static String headerSafe(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '…') b.append("...");
            else if (c == '→') b.append("->");
            else if (c >= 0x20 && c < 0x7f) b.append(c);
            else if (c == '\t' || c == '\r' || c == '\n') b.append(' ');
            else b.append('?');
        }
        return b.toString();
    }
}
