package io.localvpc.dataplane.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which requests the embedded S3 answers on the thread that hands them over (the front's event loop) and which on a
 * thread of its own: only short requests for one object with the objects in memory, a GET only of a small object; a
 * large object, a listing, a copy, a body not yet held whole, and any request on a store on disk go to a worker, since
 * there the work may be long or wait.
 */
class S3BackendAnswersAtOnceTest {
    private static final String S3 = "s3.us-east-1.amazonaws.com";

    @TempDir
    Path objects;

    @Test
    void shortRequestsForOneObjectInMemoryAreAnsweredOnTheCallingThread() throws Exception {
        try (S3Backend s3 = S3Backend.start(null)) {
            assertEquals(200, serve(s3, "PUT", "/bkt", new byte[0], false).status);
            Served put = serve(s3, "PUT", "/bkt/small", new byte[4096], true);
            assertEquals(200, put.status);
            assertEquals(Thread.currentThread().getName(), put.thread);
            Served get = serve(s3, "GET", "/bkt/small", new byte[0], true);
            assertEquals(200, get.status);
            assertEquals(4096, get.length);
            assertEquals(Thread.currentThread().getName(), get.thread);
            Served missing = serve(s3, "GET", "/bkt/none", new byte[0], true);
            assertEquals(404, missing.status);
            assertEquals(Thread.currentThread().getName(), missing.thread);
        }
    }

    @Test
    void longOrUnboundedWorkGoesToAWorker() throws Exception {
        try (S3Backend s3 = S3Backend.start(null)) {
            String caller = Thread.currentThread().getName();
            Served bucket = serve(s3, "PUT", "/bkt", new byte[0], true);
            assertEquals(200, bucket.status);
            assertNotEquals(caller, bucket.thread, "bucket-level requests (a listing may walk the whole bucket)");
            assertEquals(200, serve(s3, "PUT", "/bkt/large", new byte[(int) S3Backend.AT_ONCE_OBJECT_BYTES + 1], false).status);
            Served large = serve(s3, "GET", "/bkt/large", new byte[0], true);
            assertEquals(S3Backend.AT_ONCE_OBJECT_BYTES + 1, large.length);
            assertNotEquals(caller, large.thread, "a GET of an object larger than the limit");
            assertNotEquals(caller, serve(s3, "PUT", "/bkt/streamed", new byte[16], false).thread, "a body not held whole");
            assertNotEquals(caller, serve(s3, "GET", "/bkt", new byte[0], true).thread, "a listing");
            Served copy = serve(s3, "PUT", "/bkt/copy", new byte[0], true, "/bkt/large");
            assertEquals(200, copy.status);
            assertNotEquals(caller, copy.thread, "a copy (its source may be of any size)");
        }
    }

    @Test
    void objectsOnDiskAreAlwaysAnsweredOnAWorker() throws Exception {
        try (S3Backend s3 = S3Backend.start(objects)) {
            assertEquals(200, serve(s3, "PUT", "/bkt", new byte[0], true).status);
            Served put = serve(s3, "PUT", "/bkt/small", new byte[16], true);
            assertEquals(200, put.status);
            assertNotEquals(Thread.currentThread().getName(), put.thread);
            assertNotEquals(Thread.currentThread().getName(), serve(s3, "GET", "/bkt/small", new byte[0], true).thread);
        }
    }

    record Served(int status, long length, String thread) {
    }

    private static Served serve(S3Backend s3, String method, String path, byte[] body, boolean bodyHeld) throws Exception {
        return serve(s3, method, path, body, bodyHeld, null);
    }

    private static Served serve(S3Backend s3, String method, String path, byte[] body, boolean bodyHeld, String copySource) throws Exception {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), path);
        request.headers().set(HttpHeaderNames.HOST, S3);
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (copySource != null) request.headers().set("x-amz-copy-source", copySource);
        Recorded answer = new Recorded();
        assertTrue(s3.inProcess().toCompletableFuture().join().serve(s3.prepare(request, null), new ByteArrayInputStream(body), answer, bodyHeld));
        return answer.done.get(10, TimeUnit.SECONDS);
    }

    /** Records the status, the content's length and the thread that sent the answer's head. */
    private static final class Recorded implements HttpAnswer {
        final CompletableFuture<Served> done = new CompletableFuture<>();
        private int status;
        private long length;
        private String thread;

        @Override
        public void send(HttpObject... parts) {
            for (HttpObject part : parts) {
                if (part instanceof HttpResponse response) {
                    status = response.status().code();
                    thread = Thread.currentThread().getName();
                }
                if (part instanceof HttpContent content) length += content.content().readableBytes();
                if (part instanceof LastHttpContent) done.complete(new Served(status, length, thread));
                ReferenceCountUtil.release(part);
            }
        }

        @Override
        public void abort() {
            done.completeExceptionally(new IllegalStateException("aborted"));
        }

        @Override
        public ByteBufAllocator alloc() {
            return ByteBufAllocator.DEFAULT;
        }
    }
}
