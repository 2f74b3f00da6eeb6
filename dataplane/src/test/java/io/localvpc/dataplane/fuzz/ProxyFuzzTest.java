package io.localvpc.dataplane.fuzz;

import io.localvpc.dataplane.proxy.ConnectionDecision;
import io.localvpc.dataplane.proxy.WorkloadProxy;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bounded fuzzing of the workload proxy on loopback: mutated CONNECT and absolute-form requests, and SOCKS5
 * greetings with bytes flipped, to a proxy whose policy delivers to a local server that answers 200 (so mutations
 * that still parse reach it). No answer is a 5xx of the proxy's own, none is malformed HTTP, none hangs.
 */
class ProxyFuzzTest {
    private static final String IDENTITY = "i-0123456789abcdef0";
    private static final String AUTH = "Proxy-Authorization: Basic aS0wMTIzNDU2Nzg5YWJjZGVmMDp4\r\n";

    @Test
    void mutatedProxyRequestsGetNo5xxNoMalformedAnswerAndNoHang() throws Exception {
        List<String> serverErrors = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        List<String> hangs = new ArrayList<>();
        Random random = new Random(FuzzInputs.SEED);
        try (ServerSocket web = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!web.isClosed()) {
                    try (Socket s = web.accept()) {
                        s.setSoTimeout(2_000);
                        try {
                            s.getInputStream().read(new byte[65536]);
                        } catch (SocketTimeoutException e) {
                            // a tunnel that sends nothing
                        }
                        s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes());
                    } catch (Exception e) {
                        // next
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            InetSocketAddress target = (InetSocketAddress) web.getLocalSocketAddress();
            try (WorkloadProxy proxy = WorkloadProxy.builder().port(0).policy(r -> new ConnectionDecision.Deliver(target, "fuzz")).start()) {
                String[] valid = {
                        "CONNECT s3.us-east-1.amazonaws.com:443 HTTP/1.1\r\nHost: s3.us-east-1.amazonaws.com:443\r\n" + AUTH + "\r\n",
                        "GET http://s3.us-east-1.amazonaws.com/b/k HTTP/1.1\r\nHost: s3.us-east-1.amazonaws.com\r\n" + AUTH + "Connection: close\r\n\r\n"};
                for (int i = 0; i < FuzzInputs.COUNT; i++) {
                    byte[] request = FuzzInputs.mutate(random, valid[i % valid.length]);
                    String answer;
                    try {
                        answer = EndpointFrontFuzzTest.send(proxy.address().getPort(), request);
                    } catch (SocketTimeoutException e) {
                        hangs.add(i + ": " + EndpointFrontFuzzTest.preview(request));
                        continue;
                    }
                    if (answer.startsWith("HTTP/1.1 200 Connection established")) continue; // a tunnel, then the server's bytes
                    EndpointFrontFuzzTest.check(i, request, answer, serverErrors, malformed);
                }
            }
        }
        System.out.println("ProxyFuzzTest: " + FuzzInputs.COUNT + " requests (seed " + FuzzInputs.SEED + "): "
                + serverErrors.size() + " 5xx, " + malformed.size() + " malformed, " + hangs.size() + " hangs");
        assertEquals(List.of(), serverErrors, "5xx answers");
        assertEquals(List.of(), malformed, "malformed answers");
        assertEquals(List.of(), hangs, "hangs");
    }
}
