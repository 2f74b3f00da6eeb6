package io.localvpc.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.localvpc.api.ApiReply;

/**
 * Time limits for a connection to the API port, so no local process can hold the server with half-sent requests:
 * a request whose head or body stops arriving for {@link #REQUEST_SECONDS} is answered {@code 408 RequestTimeout}
 * and closed; a keep-alive connection with nothing in flight is closed after {@link #IDLE_SECONDS}. A client
 * waiting for an answer localvpc is still working on is never cut. Sits between the HTTP codec and the
 * aggregator, where it sees a request's parts arrive and its response leave, with a companion before the codec
 * that sees raw bytes arrive.
 */
final class ApiConnectionDeadline extends ChannelDuplexHandler {
    static final int REQUEST_SECONDS = 20;
    static final int IDLE_SECONDS = 60;

    private final int idleEventsBeforeClose;
    /** Bytes of a request have arrived that the codec has not yet made a whole request of (a head still being sent). */
    private boolean bytesPending;
    private boolean midRequest;
    private String path;
    private int awaitingResponses;
    private int idleEvents;

    /** @param checkSeconds how often the {@code IdleStateHandler} before this one reports silence */
    ApiConnectionDeadline(int checkSeconds, int idleSeconds) {
        this.idleEventsBeforeClose = Math.max(1, idleSeconds / checkSeconds);
    }

    /** The handler to place before the HTTP codec: it notes that bytes arrived, which the codec may hold until a head is complete. */
    ChannelInboundHandlerAdapter bytesSeen() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf b && b.isReadable()) bytesPending = true;
                ctx.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        idleEvents = 0;
        if (msg instanceof HttpRequest r) {
            midRequest = true;
            path = r.uri();
        }
        if (msg instanceof LastHttpContent) {
            midRequest = false;
            bytesPending = false;
            awaitingResponses++;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse && awaitingResponses > 0) awaitingResponses--;
        ctx.write(msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof IdleStateEvent)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        if (midRequest || bytesPending) {
            midRequest = false;
            bytesPending = false;
            ApiReply reply = ApiReplies.error(path, 408, "RequestTimeout", "localvpc received no part of this request for "
                    + REQUEST_SECONDS + " seconds and stopped waiting for it. Send the whole request (head and Content-Length bytes of body).");
            ApiReplies.send(ctx, reply, false);
        } else if (awaitingResponses == 0 && ++idleEvents >= idleEventsBeforeClose) {
            ctx.close();
        }
    }
}
