package io.localvpc.dataplane.backend;

import io.netty.handler.codec.http.HttpRequest;

import java.io.InputStream;

/**
 * An HTTP service answered inside localvpc's process (the embedded S3): the endpoint front hands it each request it
 * allowed, the head as prepared and the body as a stream while it arrives, and relays the answer part by part, with no
 * socket and no second HTTP parse between them. The service works on threads of its own, since what it does may wait
 * (for a disk, or for a slow client's body) and an event loop must not.
 */
public interface InProcessHttp {

    /**
     * Starts serving one request on one of the service's threads and returns at once.
     *
     * @param request the request head as {@link ServiceBackend#prepare} made it; not changed by the caller afterwards
     * @param body    the request body as the client sends it: reads wait for it, and fail if the client goes away
     * @param answer  where the answer goes
     * @return false when every thread is busy: nothing was started, and the caller answers in the service's place
     */
    boolean serve(HttpRequest request, InputStream body, HttpAnswer answer);
}
