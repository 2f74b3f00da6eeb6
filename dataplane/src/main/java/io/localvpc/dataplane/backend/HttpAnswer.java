package io.localvpc.dataplane.backend;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpObject;

import java.io.IOException;

/**
 * Where an {@link InProcessHttp} service writes one answer, from its own thread: a head ({@code HttpResponse}), then
 * content, then a {@code LastHttpContent} (a {@code FullHttpResponse} is all three at once).
 */
public interface HttpAnswer {

    /**
     * Sends the next parts of the answer, in order, and takes ownership of them. Waits while the client has not taken
     * what was sent before (so an answer of any size crosses with bounded memory), except on the client's own event
     * loop (a short answer made there), where the parts are relayed at once.
     *
     * @throws IOException when the client is gone or takes nothing for too long; the parts are released
     */
    void send(HttpObject... parts) throws IOException;

    /** The answer cannot be completed (the service failed after its head was sent): the client's connection ends. */
    void abort();

    /** The allocator for the content's buffers. */
    ByteBufAllocator alloc();
}
