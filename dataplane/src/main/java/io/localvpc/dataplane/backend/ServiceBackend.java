package io.localvpc.dataplane.backend;

import io.localvpc.dataplane.route.S3Names;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;

/**
 * Where an endpoint listener sends what it decrypted: a service running on a loopback port, or one answered in this
 * process. An HTTP backend receives each request (head and streamed body) as HTTP/1.1 over plain TCP; a TCP backend
 * receives the decrypted bytes unchanged; an in-process backend is handed each request as the front parsed it.
 */
public interface ServiceBackend {

    /** How the listener talks to the backend. */
    enum Protocol {
        /** Request by request, HTTP/1.1 in clear text. */
        HTTP,
        /** An opaque byte stream, relayed both ways. */
        TCP,
        /** Request by request, handed over in this process ({@link #inProcess()}): no socket, no second HTTP parse. */
        IN_PROCESS
    }

    /** A short name for logs and error messages, e.g. {@code s3} or {@code upstream 127.0.0.1:4566}. */
    String name();

    /** The loopback address to connect to; an {@link Protocol#IN_PROCESS} backend has none and throws. */
    InetSocketAddress address();

    /**
     * The address once the backend is ready; completes at once for a backend that does not start in the
     * background. What an event loop asks instead of {@link #address()}, which may wait. Not for
     * {@link Protocol#IN_PROCESS} backends.
     */
    default java.util.concurrent.CompletionStage<InetSocketAddress> whenReady() {
        return java.util.concurrent.CompletableFuture.completedFuture(address());
    }

    Protocol protocol();

    /**
     * The service that answers requests in this process, once it is ready (for a backend that starts in the
     * background, later): what an {@link Protocol#IN_PROCESS} backend serves with. Fails for the others.
     */
    default java.util.concurrent.CompletionStage<InProcessHttp> inProcess() {
        return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedOperationException(name() + " is not served in process"));
    }

    /**
     * The error format of the service this backend plays, for answers localvpc gives in its place: {@code s3}
     * (S3's XML), else {@code query} (the Query protocol's XML; JSON-protocol requests are told apart by their
     * {@code X-Amz-Target} header).
     */
    default String errorFormat() {
        return "query";
    }

    /**
     * Adjusts a request head before it is forwarded (URI, headers), e.g. to name an S3 request's bucket and key in
     * the path as they were judged. Called on the connection's event loop; must not block. The default forwards the
     * request unchanged.
     *
     * @param s3 the bucket and key of an S3 request as the endpoint read them, or null for other services
     */
    default HttpRequest prepare(HttpRequest request, S3Names s3) {
        return request;
    }

    /**
     * {@link #prepare(HttpRequest, S3Names)} knowing where the connection comes from (what the path engine decided;
     * null for a connection no path engine delivered): a service whose resources belong to an account (DynamoDB's
     * tables) serves the account the policies judged. Called on the connection's event loop; must not block.
     */
    default HttpRequest prepare(HttpRequest request, S3Names s3, io.localvpc.dataplane.origin.FlowOrigin origin) {
        return prepare(request, s3);
    }
}
