package io.localvpc.server.http;

import io.localvpc.api.ApiReply;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/** Gathers a request into one message, answering one over the size limit in the API's own error format (Netty's default is an empty 413). */
final class ApiBodyLimit extends HttpObjectAggregator {
    ApiBodyLimit(int maxBytes) {
        super(maxBytes);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String path = oversized instanceof HttpRequest r ? r.uri() : null;
        ApiReply reply = ApiReplies.error(path, 413, "RequestEntityTooLarge", "The request body is larger than localvpc accepts ("
                + maxContentLength() + " bytes).");
        // The rest of the body is still coming; the connection cannot be reused.
        ApiReplies.send(ctx, reply, false);
    }
}
