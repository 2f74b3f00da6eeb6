package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.HostBackendRouter;
import io.localvpc.dataplane.backend.UpstreamBackend;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 11: backend connections are reused. Twenty client connections, one request each, one after the
 * other, reach an HTTP backend over at most one connection per event loop (two here), not twenty.
 */
class BackendConnectionReuseTest {
    private static final String SQS = "sqs.us-east-1.amazonaws.com";

    @Test
    void clientConnectionsOneAfterAnotherShareBackendConnections() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!backend.isClosed()) {
                    try {
                        Socket s = backend.accept();
                        accepted.incrementAndGet();
                        Thread t = new Thread(() -> serveKeepAlive(s));
                        t.setDaemon(true);
                        t.start();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            HostBackendRouter router = new HostBackendRouter().route(SQS, UpstreamBackend.http(URI.create("http://127.0.0.1:" + backend.getLocalPort())));
            try (EndpointListener front = EndpointListener.builder(LocalCa.inMemory(), router).workerThreads(2).start()) {
                for (int i = 0; i < 20; i++) {
                    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), front.port())) {
                        c.setSoTimeout(10_000);
                        c.getOutputStream().write(("GET /?Action=ListQueues HTTP/1.1\r\nHost: " + SQS + "\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        String answer = new String(c.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                        assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("ok"), answer);
                    }
                }
            }
            assertTrue(accepted.get() <= 2, accepted.get() + " backend connections for 20 client connections");
        }
    }

    /** A keep-alive HTTP/1.1 server for requests without bodies: answers each with 200 "ok". */
    private static void serveKeepAlive(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = s.getOutputStream();
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isEmpty()) continue; // the request line and headers; a blank line ends the head
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (Exception e) {
            // the front closed it
        }
    }
}
