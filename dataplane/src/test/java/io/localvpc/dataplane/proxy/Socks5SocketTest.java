package io.localvpc.dataplane.proxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SOCKS5 through real loopback sockets: the JDK's own SOCKS client, and by hand for refusals. */
class Socks5SocketTest {
    static final String INSTANCE = "i-0123456789abcdef0";

    private EchoServer echo;
    private RecordingListener listener;
    private RecordingPolicy policy;
    private WorkloadProxy proxy;
    private Authenticator previous;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
        listener = new RecordingListener();
        policy = new RecordingPolicy(r -> r.port() == 8443
                ? new ConnectionDecision.Deliver(echo.address(), "served in process").servedInProcess(Socks5SocketTest::upperCaseEcho)
                : r.port() == 443
                ? new ConnectionDecision.Deliver(echo.address(), "rtb-0abc local -> sg-0abc allow tcp 443")
                : r.port() == 9
                ? new ConnectionDecision.Deliver(new InetSocketAddress("127.0.0.1", closedPort()), "to a closed port")
                : new ConnectionDecision.Refuse(Refusal.NETWORK_UNREACHABLE, "no route to " + r.host() + " in rtb-0abc"));
        proxy = WorkloadProxy.builder().port(0).policy(policy).listener(listener).start();
        previous = Authenticator.getDefault();
        Authenticator.setDefault(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(INSTANCE, "any".toCharArray());
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        Authenticator.setDefault(previous);
        proxy.close();
        echo.close();
    }

    private Socket viaProxy(String host, int port) throws IOException {
        Socket s = new Socket(new Proxy(Proxy.Type.SOCKS, proxy.address()));
        s.setSoTimeout(20_000);
        s.connect(InetSocketAddress.createUnresolved(host, port));
        return s;
    }

    @Test
    void theJdkSocksClientReachesTheDeliveredTargetByName() throws Exception {
        try (Socket s = viaProxy("bucket.s3.us-east-1.amazonaws.com", 443)) {
            s.getOutputStream().write("hello".getBytes());
            byte[] back = new DataInputStream(s.getInputStream()).readNBytes(5);
            assertEquals("hello", new String(back));
        }
        RecordingListener.await(listener.closed);
        assertEquals(new ConnectRequest(INSTANCE, "bucket.s3.us-east-1.amazonaws.com", 443, ProxyProtocol.SOCKS5),
                policy.asked.get(0));
        ProxiedConnection opened = listener.opened.get(0);
        assertEquals(echo.address(), opened.target());
        assertEquals("rtb-0abc local -> sg-0abc allow tcp 443", opened.summary());
        assertArrayEquals(new long[] {5, 5}, listener.closedTotals.get(0));
    }

    /** An in-process target: answers on the workload's own channel with what it read, upper-cased. */
    private static void upperCaseEcho(io.netty.channel.Channel workload, String after) {
        workload.pipeline().addAfter(after, "upper-echo", new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                io.netty.buffer.ByteBuf in = (io.netty.buffer.ByteBuf) msg;
                String text = in.toString(java.nio.charset.StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
                in.release();
                ctx.writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer(text, java.nio.charset.StandardCharsets.US_ASCII));
            }
        });
    }

    @Test
    void anInProcessTargetServesTheWorkloadsOwnConnectionWithoutASecondOne() throws Exception {
        try (Socket s = viaProxy("sqs.us-east-1.amazonaws.com", 8443)) {
            s.getOutputStream().write("hello".getBytes());
            assertEquals("HELLO", new String(new DataInputStream(s.getInputStream()).readNBytes(5)));
            assertEquals(1, proxy.openConnections(), "the delivered connection is tracked (zone faults can cut it)");
            assertEquals(1, proxy.closeWhere(c -> c.summary().equals("served in process")));
            assertEquals(-1, s.getInputStream().read(), "cutting it closes the workload's socket");
        }
        RecordingListener.await(listener.closed);
        assertEquals(0, echo.accepted, "no connection was opened to the target's address");
        assertEquals(echo.address(), listener.opened.get(0).target());
        assertArrayEquals(new long[] {5, 5}, listener.closedTotals.get(0), "bytes from and to the workload are metered");
    }

    @Test
    void megabytesBothWaysArriveIntactWhileTheWorkloadReadsSlowly() throws Exception {
        byte[] payload = new byte[8 * 1024 * 1024];
        new Random(42).nextBytes(payload);
        try (Socket s = viaProxy("db.internal", 443)) {
            // The reader starts late, so the proxy's buffers towards the workload fill and reading must pause.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < payload.length; off += 65536) out.write(payload, off, 65536);
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(200);
            byte[] back = s.getInputStream().readAllBytes(); // ends at the echo server's half-close
            writer.get();
            assertEquals(payload.length, back.length);
            assertTrue(Arrays.equals(payload, back));
        }
        RecordingListener.await(listener.closed);
        assertArrayEquals(new long[] {payload.length, payload.length}, listener.closedTotals.get(0));
        assertEquals(payload.length, listener.bytesFrom.get());
        assertEquals(payload.length, listener.bytesTo.get());
    }

    @Test
    void halfCloseTravelsToTheTargetAndBack() throws Exception {
        try (Socket s = viaProxy("db.internal", 443)) {
            s.getOutputStream().write("last words".getBytes());
            s.shutdownOutput();
            // The echo server answers and half-closes only after it saw our end of stream through the proxy.
            assertEquals("last words", new String(s.getInputStream().readAllBytes()));
        }
        RecordingListener.await(listener.closed);
    }

    @Test
    void closingTheWorkloadClosesTheTargetConnection() throws Exception {
        Socket s = viaProxy("db.internal", 443);
        s.getOutputStream().write(1);
        assertEquals(1, s.getInputStream().read());
        s.close();
        RecordingListener.await(listener.closed);
        assertEquals(1, listener.closedTotals.size());
    }

    @Test
    void refusalsByHandCarryTheDecisionsReplyCode() throws Exception {
        try (Socket s = new Socket()) {
            s.setSoTimeout(20_000);
            s.connect(proxy.address());
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(Wire.socksGreeting(0x02));
            assertArrayEquals(new byte[] {5, 2}, in.readNBytes(2));
            out.write(Wire.socksPassword("eni-0123456789abcdef0", "x"));
            assertArrayEquals(new byte[] {1, 0}, in.readNBytes(2));
            out.write(Wire.socksConnect("52.216.8.1", 80));
            byte[] reply = in.readAllBytes();
            assertEquals(10, reply.length, "VER REP RSV ATYP(IPv4) ADDR PORT, then close");
            assertEquals(0x03, reply[1]);
        }
        assertEquals("no route to 52.216.8.1 in rtb-0abc", listener.refusals.get(0).reason());
    }

    @Test
    void aTargetNobodyListensOnIsConnectionRefused() throws Exception {
        try (Socket s = new Socket()) {
            s.setSoTimeout(20_000);
            s.connect(proxy.address());
            OutputStream out = s.getOutputStream();
            out.write(Wire.socksGreeting(0x02));
            out.write(Wire.socksPassword(INSTANCE, "x"));
            out.write(Wire.socksConnect("closed.internal", 9));
            byte[] all = s.getInputStream().readAllBytes();
            assertEquals(0x05, all[4 + 1], "after the method and auth replies comes REP 0x05");
        }
        RecordingListener.await(listener.failed);
        assertTrue(listener.opened.isEmpty());
    }

    private static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

}
