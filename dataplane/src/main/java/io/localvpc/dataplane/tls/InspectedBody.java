package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.route.S3Names;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.ArrayList;
import java.util.List;

/**
 * A request whose guard decides after seeing the start of its body ({@link RequestVerdict.Inspect}): its first parts
 * are held, unforwarded, until enough of the body (or all of it) is in, then handed on unchanged or dropped.
 */
final class InspectedBody {
    final RequestVerdict.Inspect inspect;
    final HttpRequest request;
    final ServiceBackend backend;
    final S3Names s3;
    private final ByteBuf firstBytes;
    private final List<HttpContent> held = new ArrayList<>();

    InspectedBody(RequestVerdict.Inspect inspect, HttpRequest request, ServiceBackend backend, S3Names s3, ByteBufAllocator alloc) {
        this.inspect = inspect;
        this.request = request;
        this.backend = backend;
        this.s3 = s3;
        this.firstBytes = alloc.buffer();
    }

    /** Holds {@code content}; true once the guard can decide (enough bytes, or the whole body). */
    boolean hold(HttpContent content) {
        held.add(content);
        ByteBuf b = content.content();
        int take = Math.min(b.readableBytes(), inspect.maxBodyBytes() - firstBytes.readableBytes());
        if (take > 0) firstBytes.writeBytes(b, b.readerIndex(), take);
        return content instanceof LastHttpContent || firstBytes.readableBytes() >= inspect.maxBodyBytes();
    }

    /** The first bytes of the body, for the guard. */
    byte[] firstBytes() {
        byte[] bytes = new byte[firstBytes.readableBytes()];
        firstBytes.getBytes(firstBytes.readerIndex(), bytes);
        return bytes;
    }

    /** Whether the held parts include the body's end. */
    boolean ended() {
        return held.stream().anyMatch(c -> c instanceof LastHttpContent);
    }

    /** The held parts, for forwarding (they are the caller's to release from now on). */
    List<HttpContent> takeHeld() {
        List<HttpContent> parts = new ArrayList<>(held);
        held.clear();
        return parts;
    }

    /** Releases what is still held. */
    void release() {
        held.forEach(HttpContent::release);
        held.clear();
        if (firstBytes.refCnt() > 0) firstBytes.release();
    }
}
