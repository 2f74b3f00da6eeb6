package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 10, item 1: every connection through the workload proxy, whatever its path and whoever closes first,
 * ends with every socket it opened closed. Each test makes N sequential connections of one kind and then looks
 * at the server's side of them: no socket of the proxy port is left open (ESTABLISHED or CLOSE-WAIT, read from
 * /proc/net/tcp), the proxy's open-connection registry is empty, and the process holds no more open files than
 * before (beyond a small allowance for things made once, such as a certificate cache entry).
 */
class ConnectionLeakTest {
    private static final int N = 12;
    private static final String S3 = "s3.us-east-1.amazonaws.com";
    private static final String CODECOMMIT = "git-codecommit.us-east-1.amazonaws.com";
    private static final String SIGNED = "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261126/us-east-1/s3/aws4_request,"
            + " SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000\r\n";
    private static ServerSocket echo;
    private static Thread echoThread;
    private static LocalVpc lv;
    private static Ec2Client ec2;
    private static Workload workload;
    private static Path caFile;
    private static String instance;

    @BeforeAll
    static void start() throws Exception {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoThread = new Thread(ConnectionLeakTest::serveEcho, "echo");
        echoThread.setDaemon(true);
        echoThread.start();
        lv = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true)
                .withUpstreams(Map.of("git-codecommit", URI.create("tcp://127.0.0.1:" + echo.getLocalPort())))).start();
        ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.90");
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        String vpce = ec2.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).serviceName("com.amazonaws.us-east-1.git-codecommit")
                .vpcEndpointType(VpcEndpointType.INTERFACE).subnetIds(vpc.subnetA(), vpc.subnetB()).privateDnsEnabled(true))
                .vpcEndpoint().vpcEndpointId();
        Layouts.awaitValue("endpoint " + vpce, "available", () -> net.describeEndpoint(vpce).stateAsString());
        instance = vpc.instanceA();
        String ca = new Admin(lv.endpoint()).caPem();
        caFile = Files.createTempFile("localvpc-ca", ".pem");
        Files.writeString(caFile, ca);
        workload = new Workload(instance, lv.proxyAddress(), ca);
        // Plain HTTP with Connection: close, so the set-up holds no connection of its own (an SDK client keeps a pool)
        assertTrue(send("PUT /leaks HTTP/1.1\r\nContent-Length: 0\r\n").startsWith("HTTP/1.1 200"));
        assertTrue(send("PUT /leaks/k HTTP/1.1\r\nContent-Length: 12\r\n\r\nsmall object").startsWith("HTTP/1.1 200"));
        awaitNoOpenProxySockets("after the set-up's SDK client closed");
    }

    /** Echoes what it reads after a greeting; closes when the client does (so either side may close first). */
    private static void serveEcho() {
        while (!echo.isClosed()) {
            try {
                Socket s = echo.accept();
                Thread t = new Thread(() -> {
                    try (s) {
                        s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                        s.getInputStream().transferTo(s.getOutputStream());
                    } catch (IOException e) {
                        // the peer went away
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One request to S3 on port 80 through a SOCKS5 tunnel; {@code head} is the request line and headers but Host. */
    private static String send(String head) throws IOException {
        int blank = head.indexOf("\r\n\r\n");
        String request = blank < 0 ? head + "Host: " + S3 + "\r\nConnection: close\r\n" + SIGNED + "\r\n"
                : head.substring(0, blank + 2) + "Host: " + S3 + "\r\nConnection: close\r\n" + SIGNED + head.substring(blank + 2);
        try (Socket s = workload.socks5(S3, 80).socket()) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (ec2 != null) ec2.close();
        if (lv != null) lv.close();
        if (echo != null) echo.close();
        if (caFile != null) Files.deleteIfExists(caFile);
    }

    @Test
    void curlThroughAnHttpProxyWithTlsLeavesNothingOpen() throws Exception {
        RequiredTools.require("curl", "curl", "--version");
        assertNothingLeaks(() -> {
            String out = curl("-x", "http://" + instance + ":x@127.0.0.1:" + lv.proxyAddress().getPort(),
                    "--cacert", caFile.toString(), "https://" + S3 + "/leaks/k");
            assertTrue(out.contains("AccessDenied") || out.contains("small object"), out);
        });
    }

    @Test
    void curlThroughSocks5WithTlsLeavesNothingOpen() throws Exception {
        RequiredTools.require("curl", "curl", "--version");
        assertNothingLeaks(() -> {
            String out = curl("-x", "socks5h://" + instance + ":x@127.0.0.1:" + lv.proxyAddress().getPort(),
                    "--cacert", caFile.toString(), "https://" + S3 + "/leaks/k");
            assertTrue(out.contains("AccessDenied") || out.contains("small object"), out);
        });
    }

    @Test
    void curlAbsoluteFormHttpLeavesNothingOpen() throws Exception {
        RequiredTools.require("curl", "curl", "--version");
        assertNothingLeaks(() -> {
            String out = curl("-x", "http://" + instance + ":x@127.0.0.1:" + lv.proxyAddress().getPort(), "http://" + S3 + "/leaks/k");
            assertTrue(out.contains("AccessDenied") || out.contains("small object"), out);
        });
    }

    @Test
    void tunnelsClosedBeforeTlsLeaveNothingOpen() throws Exception {
        assertNothingLeaks(() -> {
            try (Socket s = workload.socks5(S3, 443).socket()) {
                assertTrue(s.isConnected());
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), lv.proxyAddress().getPort())) {
                s.getOutputStream().write(("CONNECT " + S3 + ":443 HTTP/1.1\r\nHost: " + S3 + "\r\n" + proxyAuth() + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.setSoTimeout(10_000);
                assertTrue(head(s.getInputStream()).startsWith("HTTP/1.1 200"));
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), lv.proxyAddress().getPort())) {
                assertTrue(s.isConnected(), "a connection that says nothing at all");
            }
        });
    }

    @Test
    void tlsClosedByTheClientAfterARequestLeavesNothingOpen() throws Exception {
        assertNothingLeaks(() -> {
            try (SSLSocket tls = workload.openTls(S3, 443)) {
                assertNotEquals(0, Workload.roundTrip(tls, S3));
            }
        });
    }

    @Test
    void refusedConnectionsLeaveNothingOpen() throws Exception {
        assertNothingLeaks(() -> {
            // no route to the internet from this VPC: refused by the path engine
            assertNotEquals(200, workload.connect("93.184.216.34", 443).status());
            assertNotEquals(0, workload.socks5("93.184.216.34", 443).code());
            // an HTTP request to S3 that the endpoint answers 400 for (no Host at all, HTTP/1.0 keep-alive)
            try (Socket s = workload.socks5(S3, 80).socket()) {
                s.getOutputStream().write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.setSoTimeout(10_000);
                s.getInputStream().readAllBytes();
            }
        });
    }

    @Test
    void halfClosedRequestsAreAnsweredAndThenClosed() throws Exception {
        assertNothingLeaks(() -> {
            try (Socket s = workload.socks5(S3, 80).socket()) {
                s.getOutputStream().write(("GET /leaks/k HTTP/1.1\r\nHost: " + S3 + "\r\n" + SIGNED + "\r\n").getBytes(StandardCharsets.US_ASCII));
                s.shutdownOutput();
                s.setSoTimeout(10_000);
                String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("small object"),
                        "the whole response, then end of stream: " + response);
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), lv.proxyAddress().getPort())) {
                s.getOutputStream().write(("GET http://" + S3 + "/leaks/k HTTP/1.1\r\nHost: " + S3 + "\r\n" + SIGNED + proxyAuth() + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.shutdownOutput();
                s.setSoTimeout(10_000);
                String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("small object"),
                        "absolute form: the whole response, then end of stream: " + response);
            }
        });
    }

    @Test
    void theServerClosingFirstLeavesNothingOpen() throws Exception {
        assertNothingLeaks(() -> {
            try (Socket s = workload.socks5(S3, 80).socket()) {
                s.getOutputStream().write(("GET /leaks/k HTTP/1.1\r\nHost: " + S3 + "\r\nConnection: close\r\n" + SIGNED + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.setSoTimeout(10_000);
                String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 200"), response);
            }
        });
    }

    @Test
    void tcpPassThroughLeavesNothingOpenWhoeverClosesFirst() throws Exception {
        assertNothingLeaks(() -> {
            try (Socket s = workload.socks5(CODECOMMIT, 22).socket()) {
                s.setSoTimeout(10_000);
                assertEquals("hello", line(s.getInputStream()));
                s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ping", line(s.getInputStream()));
            }
            try (Socket s = workload.socks5(CODECOMMIT, 22).socket()) {
                s.setSoTimeout(10_000);
                assertEquals("hello", line(s.getInputStream()));
                s.shutdownOutput(); // the echo server then closes its side first
                assertEquals(-1, s.getInputStream().read());
            }
        });
    }

    interface Round {
        void run() throws Exception;
    }

    /** Runs {@code round} once to warm up, then N times, and checks the server's side of every connection ended. */
    private static void assertNothingLeaks(Round round) throws Exception {
        round.run();
        awaitNoOpenProxySockets("after the first round");
        long filesBefore = openFiles();
        for (int i = 0; i < N; i++) round.run();
        awaitNoOpenProxySockets("after " + N + " more rounds");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (openFiles() > filesBefore + 3 && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue(openFiles() <= filesBefore + 3, "open files grew from " + filesBefore + " to " + openFiles() + " over " + N + " rounds");
    }

    private static void awaitNoOpenProxySockets(String when) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int port = lv.proxyAddress().getPort();
        String open;
        while (!(open = ServerSockets.openOnLocalPort(port)).isEmpty() || lv.dataPlane().openConnections() != 0) {
            if (System.nanoTime() > deadline) {
                fail(when + ": the proxy still holds sockets " + open + " and " + lv.dataPlane().openConnections()
                        + " registered connections");
            }
            Thread.sleep(50);
        }
    }

    private static long openFiles() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static String curl(String... args) throws Exception {
        String[] cmd = new String[args.length + 6];
        cmd[0] = "curl";
        cmd[1] = "-sS";
        cmd[2] = "--max-time";
        cmd[3] = "20";
        cmd[4] = "--noproxy";
        cmd[5] = "";
        System.arraycopy(args, 0, cmd, 6, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "curl: " + out);
        return out;
    }

    private static String proxyAuth() {
        return "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString((instance + ":x").getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) break;
            b.append((char) c);
        }
        return b.toString();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) b.write(c);
        return b.toString(StandardCharsets.US_ASCII);
    }
}
