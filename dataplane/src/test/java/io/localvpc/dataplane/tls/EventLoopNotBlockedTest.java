package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.HostBackendRouter;
import io.localvpc.dataplane.backend.S3Backend;
import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.backend.StartingBackend;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 9: a request for a backend that is still starting (the embedded S3 in its first seconds) waits
 * without holding the event loop. With one event loop, a second connection is answered while the first waits; the
 * first is served once the backend is up.
 */
class EventLoopNotBlockedTest {
    private static final String S3 = "s3.us-east-1.amazonaws.com";

    @Test
    void aRequestWaitingForAStartingBackendDoesNotHoldTheEventLoop() throws Exception {
        CountDownLatch mayStart = new CountDownLatch(1);
        String servicePath = S3Backend.newServicePath();
        StartingBackend<S3Backend> slow = new StartingBackend<>("embedded S3", ServiceBackend.Protocol.HTTP, "s3",
                (r, names) -> S3Backend.prepare(r, names, servicePath), () -> {
                    try {
                        mayStart.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return S3Backend.start(null, servicePath);
                });
        try (EndpointListener listener = EndpointListener.builder(LocalCa.inMemory(), new HostBackendRouter().route(S3, slow))
                .workerThreads(1).start();
             Socket waiting = new Socket(InetAddress.getLoopbackAddress(), listener.port());
             Socket other = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            waiting.setSoTimeout(20_000);
            other.setSoTimeout(5_000);
            waiting.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + S3 + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(200); // let the first request reach the front and start waiting
            other.getOutputStream().write("GET / HTTP/1.1\r\nHost: sns.us-east-1.amazonaws.com\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = read(other.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 400"), "answered while the other request waits: " + answer);
            mayStart.countDown();
            String served = read(waiting.getInputStream());
            assertTrue(served.startsWith("HTTP/1.1 200") && served.contains("ListAllMyBucketsResult"), served);
        } finally {
            mayStart.countDown();
            slow.close();
        }
    }

    private static String read(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
