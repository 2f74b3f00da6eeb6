package io.localvpc.dataplane.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.localvpc.dataplane.backend.HostBackendRouter;
import io.localvpc.dataplane.backend.TcpBackend;
import io.localvpc.dataplane.backend.UpstreamBackend;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An upstream-URL backend (another local HTTP emulator) and an opaque TCP backend behind the same listener. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpstreamAndTcpThroughEndpointTest {

    private LocalCa ca;
    private HttpServer upstream;
    private ServerSocket echo;
    private Thread echoThread;
    private EndpointListener listener;

    @BeforeAll
    void start() throws Exception {
        ca = LocalCa.inMemory();
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // answers with what it received: method, target, Host and the body's length and last bytes
        upstream.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String tail = new String(body, Math.max(0, body.length - 4), Math.min(4, body.length), StandardCharsets.UTF_8);
            byte[] answer = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host="
                    + exchange.getRequestHeaders().getFirst("Host") + " length=" + body.length + " tail=" + tail)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        upstream.start();

        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoThread = new Thread(() -> {
            while (!echo.isClosed()) {
                try (Socket s = echo.accept()) {
                    s.getOutputStream().write("hello from the database\n".getBytes(StandardCharsets.UTF_8));
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (Exception e) {
                    // closed at the end of the test
                }
            }
        });
        echoThread.start();

        listener = EndpointListener.builder(ca, new HostBackendRouter()
                        .route("sqs.us-east-1.amazonaws.com",
                                UpstreamBackend.http(URI.create("http://127.0.0.1:" + upstream.getAddress().getPort())))
                        .route("db.internal.example", TcpBackend.loopback("127.0.0.1", echo.getLocalPort())))
                .start();
    }

    @AfterAll
    void stop() throws Exception {
        listener.close();
        upstream.stop(0);
        echo.close();
        echoThread.join(5000);
    }

    @Test
    void chunkedAndFixedLengthRequestsReachTheUpstreamOnOneKeptAliveConnection() throws Exception {
        try (SSLSocket socket = TlsClient.connect(ca, listener.port(), "sqs.us-east-1.amazonaws.com")) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String chunked = "POST /queue?Action=SendMessage HTTP/1.1\r\nHost: sqs.us-east-1.amazonaws.com\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
            out.write(chunked.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            TlsClient.Response first = TlsClient.read(in);
            assertEquals(200, first.status());
            assertEquals("POST /queue?Action=SendMessage host=sqs.us-east-1.amazonaws.com length=11 tail=orld",
                    first.text());

            String fixed = "PUT /other HTTP/1.1\r\nHost: sqs.us-east-1.amazonaws.com\r\nContent-Length: 3\r\n"
                    + "Expect: 100-continue\r\n\r\n";
            out.write(fixed.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            TlsClient.Response interim = TlsClient.read(in);
            assertEquals(100, interim.status(), "100 Continue once the guard has allowed the request");
            out.write("abc".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            TlsClient.Response second = TlsClient.read(in);
            assertEquals(200, second.status());
            assertEquals("PUT /other host=sqs.us-east-1.amazonaws.com length=3 tail=abc", second.text());
        }
    }

    @Test
    void unknownHostIsAnsweredByTheListener() throws Exception {
        try (SSLSocket socket = TlsClient.connect(ca, listener.port(), "sns.us-east-1.amazonaws.com")) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: sns.us-east-1.amazonaws.com\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            TlsClient.Response response = TlsClient.read(socket.getInputStream());
            assertEquals(400, response.status());
            assertTrue(response.text().contains("<Code>InvalidRequest</Code>")
                    && response.text().contains("answers for the host 'sns.us-east-1.amazonaws.com'"), response.text());
        }
    }

    @Test
    void opaqueBytesPassThroughToATcpBackend() throws Exception {
        try (SSLSocket socket = TlsClient.connect(ca, listener.port(), "db.internal.example")) {
            InputStream in = socket.getInputStream();
            // the backend speaks first: nothing waits for the client to prove it is HTTP
            byte[] greeting = in.readNBytes("hello from the database\n".length());
            assertEquals("hello from the database\n", new String(greeting, StandardCharsets.UTF_8));
            byte[] binary = {0x00, 0x01, (byte) 0xff, 'Q', 0x7f, 0x0a};
            socket.getOutputStream().write(binary);
            socket.getOutputStream().flush();
            assertEquals(java.util.Arrays.toString(binary), java.util.Arrays.toString(in.readNBytes(binary.length)));
        }
    }

    @Test
    void clearTextHttpIsServedByHostOnTheSamePort() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            socket.getOutputStream().write(("GET /plain?x=1 HTTP/1.1\r\nHost: sqs.us-east-1.amazonaws.com\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            TlsClient.Response response = TlsClient.read(socket.getInputStream());
            assertEquals(200, response.status());
            assertEquals("GET /plain?x=1 host=sqs.us-east-1.amazonaws.com length=0 tail=", response.text());
        }
    }

    @Test
    void clearTextThatIsNotHttpGetsABadRequest() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            socket.getOutputStream().write("\u0000\u0001 not a request line\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            TlsClient.Response response = TlsClient.read(socket.getInputStream());
            assertEquals(400, response.status(), response.text());
        }
    }
}
