package io.localvpc.server.http;

import io.localvpc.api.ApiDispatcher;
import io.localvpc.api.CallerDirectory;
import io.localvpc.api.ec2.Ec2Api;
import io.localvpc.core.ops.DefaultVpc;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 7: the API port does not wait for ever. A request that stops arriving half-way (its head, or a
 * body shorter than its Content-Length) is answered 408 and closed; a keep-alive connection left idle is closed.
 * The server runs with a 1 s request deadline and a 2 s idle limit; the client waits up to 15 s.
 */
class ApiConnectionDeadlineTest {
    private static final String FORM = "Action=DescribeRegions&Version=2016-11-15";
    private HttpServer server;

    @BeforeEach
    void start() {
        ApiDispatcher api = new ApiDispatcher(new Ec2Api(new Store(Journal.NONE, Clock.systemUTC(), DefaultVpc::create), "000000000000", "us-east-1"),
                CallerDirectory.none(), "000000000000");
        server = HttpServer.start("127.0.0.1", 0, api, null, 1, 2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** What the server sent before it closed the connection (or the client gave up after 15 s: "" and false). */
    private record Outcome(String text, boolean closedByServer) {
    }

    private Outcome sendAndWait(String partial) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()));
            s.setSoTimeout(15_000);
            s.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) got.write(buf, 0, n);
                return new Outcome(got.toString(StandardCharsets.UTF_8), true);
            } catch (SocketTimeoutException e) {
                return new Outcome(got.toString(StandardCharsets.UTF_8), false);
            }
        }
    }

    @Test
    void aHalfSentHeadIsAnswered408() throws Exception {
        Outcome o = sendAndWait("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le");
        assertTrue(o.closedByServer(), "the server must end it");
        assertTrue(o.text().startsWith("HTTP/1.1 408"), o.text());
        assertTrue(o.text().contains("<Code>RequestTimeout</Code>"), o.text());
    }

    @Test
    void aBodyShorterThanItsLengthIsAnswered408() throws Exception {
        Outcome o = sendAndWait("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 500\r\n\r\n" + FORM);
        assertTrue(o.closedByServer());
        assertTrue(o.text().startsWith("HTTP/1.1 408"), o.text());
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws Exception {
        Outcome o = sendAndWait("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + FORM.length() + "\r\n\r\n" + FORM);
        assertTrue(o.closedByServer(), "closed once idle");
        assertTrue(o.text().startsWith("HTTP/1.1 200"), o.text());
        assertEquals(1, o.text().split("HTTP/1.1 ").length - 1, "one answer, no timeout answer after it");
    }
}
