package io.localvpc.dataplane.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/** The body of a request the front answers itself ({@link RequestVerdict.Serve}), gathered whole before it answers. */
final class ServedBody {
    /** Where gathering stands after a part of the body. */
    enum Progress { MORE, COMPLETE, TOO_LARGE }

    final RequestVerdict.Serve serve;
    final HttpRequest request;
    private final ByteBuf body;

    ServedBody(RequestVerdict.Serve serve, HttpRequest request, ByteBufAllocator alloc) {
        this.serve = serve;
        this.request = request;
        this.body = alloc.buffer();
    }

    /** Takes a copy of {@code content}'s bytes (the caller releases it). */
    Progress add(HttpContent content) {
        if (body.readableBytes() + content.content().readableBytes() > serve.maxBodyBytes()) return Progress.TOO_LARGE;
        body.writeBytes(content.content(), content.content().readerIndex(), content.content().readableBytes());
        return content instanceof LastHttpContent ? Progress.COMPLETE : Progress.MORE;
    }

    byte[] bytes() {
        byte[] bytes = new byte[body.readableBytes()];
        body.getBytes(body.readerIndex(), bytes);
        return bytes;
    }

    void release() {
        if (body.refCnt() > 0) body.release();
    }
}
