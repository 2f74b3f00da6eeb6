package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.HostBackendRouter;
import io.localvpc.dataplane.backend.S3Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 10, item 7 (endpoint front): a client that owes the front bytes does not hold a connection for good. With
 * a one-second idle timeout: a request head that never ends, a body shorter than its Content-Length, a silent
 * connection and an idle keep-alive connection are answered or closed; a client waiting for a slow response is not
 * cut. Each read below would block for the client's own 30 s if the front did nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointFrontTimeoutTest {
    private static final String S3 = "s3.us-east-1.amazonaws.com";
    private S3Backend s3;
    private EndpointListener listener;

    @BeforeAll
    void start() {
        s3 = S3Backend.start(null);
        listener = EndpointListener.builder(LocalCa.inMemory(), new HostBackendRouter().route(S3, s3))
                .idleTimeout(Duration.ofSeconds(1)).start();
    }

    @AfterAll
    void stop() {
        listener.close();
        s3.close();
    }

    @Test
    void aRequestHeadThatNeverEndsIsClosed() throws IOException {
        assertEquals("", exchange("GET /b/k HTTP/1.1\r\nHost: " + S3 + "\r\nX-Partial: "));
    }

    @Test
    void aSilentConnectionIsClosed() throws IOException {
        assertEquals("", exchange(""));
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAnsweredRequestTimeout() throws IOException {
        exchange("PUT /timeouts HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        String answer = exchange("PUT /timeouts/k HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: 100\r\n\r\nonly this much");
        assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("<Code>RequestTimeout</Code>"), answer);
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsResponse() throws IOException {
        String answer = exchange("GET / HTTP/1.1\r\nHost: " + S3 + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    }

    /** Writes the bytes and reads until the front closes; fails if it does not within 30 s. */
    private String exchange(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            fail("the front kept the connection open");
            return null;
        }
    }
}
