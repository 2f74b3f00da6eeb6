package io.localvpc.dataplane.backend;

import io.netty.handler.codec.http.HttpRequest;

import java.io.InputStream;

/**
 * An HTTP service answered inside localvpc's process (the embedded S3): the endpoint front hands it each request it
 * allowed, the head as prepared and the body as a stream while it arrives, and relays the answer part by part, with no
 * socket and no second HTTP parse between them. The service works on threads of its own, since what it does may wait
 * (for a disk, or for a slow client's body) and an event loop must not; a short request it can answer from memory
 * without waiting it may answer on the calling thread instead, sparing two thread hand-overs.
 */
public interface InProcessHttp {

    /**
     * Starts serving one request and returns: at once, when it is served on one of the service's threads; once it is
     * answered, when the service answered it on the calling thread (only if {@code bodyHeld}, and only for work that
     * never waits and is small).
     *
     * @param request  the request head as {@link ServiceBackend#prepare} made it; not changed by the caller afterwards
     * @param body     the request body as the client sends it: reads wait for it, and fail if the client goes away
     * @param answer   where the answer goes
     * @param bodyHeld the body is already held whole (reads of it never wait)
     * @return false when every thread is busy: nothing was started, and the caller answers in the service's place
     */
    boolean serve(HttpRequest request, InputStream body, HttpAnswer answer, boolean bodyHeld);
}
