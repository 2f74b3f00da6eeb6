package io.localvpc.dataplane.proxy;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP proxy through real loopback sockets: CONNECT tunnels to an echo server, forwarding to an HTTP server. */
class HttpProxySocketTest {
    static final String INSTANCE = "i-0123456789abcdef0";

    private EchoServer echo;
    private HttpServer web;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private RecordingListener listener;
    private RecordingPolicy policy;
    private WorkloadProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host=" + exchange.getRequestHeaders().getFirst("Host")
                    + " proxy-auth=" + exchange.getRequestHeaders().getFirst("Proxy-Authorization"));
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer = ("got " + exchange.getRequestURI() + " " + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        web.start();
        listener = new RecordingListener();
        policy = new RecordingPolicy(r -> r.host().endsWith(".web")
                ? new ConnectionDecision.Deliver(web.getAddress(), "to web")
                : r.host().endsWith(".echo")
                ? new ConnectionDecision.Deliver(echo.address(), "to echo")
                : new ConnectionDecision.Refuse("sg-0abc: no egress rule allows tcp " + r.port()));
        proxy = WorkloadProxy.builder().policy(policy).listener(listener).start();
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        web.stop(0);
        echo.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.setSoTimeout(20_000);
        s.connect(proxy.address());
        return s;
    }

    /** Reads a response head (up to the blank line) byte by byte, leaving the body unread. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            out.write(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String contentOf(InputStream in, String head) throws IOException {
        int length = Integer.parseInt(head.replaceAll("(?s).*(?i:content-length): *(\\d+).*", "$1"));
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void connectTunnelsBytesBothWaysAndHalfCloses() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("CONNECT db.echo:5432 HTTP/1.1\r\nHost: db.echo:5432\r\nProxy-Authorization: " + Wire.basic(INSTANCE)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String head = head(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 200 Connection established\r\n"), head);
            out.write("raw bytes, not HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            assertEquals("raw bytes, not HTTP\r\n\r\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }
        RecordingListener.await(listener.closed);
        assertEquals(new ConnectRequest(INSTANCE, "db.echo", 5432, ProxyProtocol.HTTP_CONNECT), policy.asked.get(0));
    }

    @Test
    void refusedConnectOverASocketShowsTheReason() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(("CONNECT s3.amazonaws.com:443 HTTP/1.1\r\nProxy-Authorization: " + Wire.basic(INSTANCE)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(all.startsWith("HTTP/1.1 403 Forbidden\r\n"), all);
            assertTrue(all.contains("X-Localvpc-Refused: sg-0abc: no egress rule allows tcp 443\r\n"), all);
        }
    }

    @Test
    void absoluteFormRequestsAreForwardedInOriginFormOverOneTargetConnection() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("GET http://api.web/items?id=7 HTTP/1.1\r\nHost: api.web\r\nProxy-Authorization: " + Wire.basic(INSTANCE)
                    + "\r\nProxy-Connection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String head = head(in);
            assertTrue(head.startsWith("HTTP/1.1 200 "), head);
            assertEquals("got /items?id=7 ", contentOf(in, head));

            out.write(("POST http://api.web/upload HTTP/1.1\r\nHost: api.web\r\nContent-Length: 5\r\nProxy-Authorization: "
                    + Wire.basic(INSTANCE) + "\r\n\r\nhello").getBytes(StandardCharsets.US_ASCII));
            head = head(in);
            assertEquals("got /upload hello", contentOf(in, head));
        }
        assertEquals("GET /items?id=7 host=api.web proxy-auth=null", seen.get(0));
        assertEquals("POST /upload host=api.web proxy-auth=null", seen.get(1));
        assertEquals(1, policy.asked.size(), "the second request reuses the decided connection");
        assertEquals(ProxyProtocol.HTTP_FORWARD, policy.asked.get(0).protocol());
        assertEquals(80, policy.asked.get(0).port());
    }

    @Test
    void aForwardedRequestToAnotherDestinationIsDecidedAgain() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("GET http://one.web:8080/a HTTP/1.1\r\nProxy-Authorization: " + Wire.basic(INSTANCE) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals("got /a ", contentOf(in, head(in)));
            out.write(("GET http://two.web/b HTTP/1.1\r\nProxy-Authorization: " + Wire.basic(INSTANCE) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals("got /b ", contentOf(in, head(in)));
            out.write(("GET http://s3.amazonaws.com/c HTTP/1.1\r\nProxy-Authorization: " + Wire.basic(INSTANCE) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String refused = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(refused.startsWith("HTTP/1.1 403 "), refused);
        }
        assertEquals(List.of("one.web:8080", "two.web:80", "s3.amazonaws.com:80"),
                policy.asked.stream().map(ConnectRequest::destination).toList());
        assertEquals("GET /a host=one.web:8080 proxy-auth=null", seen.get(0));
    }

    @Test
    void curlThroughAllThreeDoors() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Curl.installed(), "curl is not installed");
        String proxyUser = INSTANCE + ":x";
        String port = String.valueOf(proxy.address().getPort());
        Curl.Result forward = Curl.run("-x", "http://" + proxyUser + "@127.0.0.1:" + port, "http://api.web/via-forward");
        assertEquals("got /via-forward ", forward.stdout(), forward.stderr());
        Curl.Result tunnel = Curl.run("-p", "-x", "http://" + proxyUser + "@127.0.0.1:" + port, "http://api.web/via-connect");
        assertEquals("got /via-connect ", tunnel.stdout(), tunnel.stderr());
        Curl.Result socks = Curl.run("-x", "socks5h://" + proxyUser + "@127.0.0.1:" + port, "http://api.web/via-socks");
        assertEquals("got /via-socks ", socks.stdout(), socks.stderr());
        Curl.Result refused = Curl.run("-i", "-x", "http://" + proxyUser + "@127.0.0.1:" + port, "http://s3.amazonaws.com/");
        assertTrue(refused.stdout().contains("X-Localvpc-Refused: sg-0abc: no egress rule allows tcp 80"), refused.stdout());
        assertEquals(List.of(ProxyProtocol.HTTP_FORWARD, ProxyProtocol.HTTP_CONNECT, ProxyProtocol.SOCKS5, ProxyProtocol.HTTP_FORWARD),
                policy.asked.stream().map(ConnectRequest::protocol).toList());
        assertFalse(seen.isEmpty());
    }
}
