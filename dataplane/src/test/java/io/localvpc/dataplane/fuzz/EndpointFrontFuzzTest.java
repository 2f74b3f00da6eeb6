package io.localvpc.dataplane.fuzz;

import io.localvpc.dataplane.backend.HostBackendRouter;
import io.localvpc.dataplane.backend.S3Backend;
import io.localvpc.dataplane.tls.FrontFixture;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bounded fuzzing of the endpoint front (clear-text HTTP to the embedded S3, loopback only): mutated requests get
 * no 5xx, every answer is a well-formed HTTP response whose error body (if XML) parses, and none hangs (a one-second
 * idle deadline on the front; 15 s of client patience). Reports the counts; the test fails on any of the three.
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "localvpc.fuzz", matches = "true",
        disabledReason = "not yet in CI: the first runs found 5xx and malformed answers to fix first (see issue 10)")
class EndpointFrontFuzzTest {
    private static final String S3 = "s3.us-east-1.amazonaws.com";
    private static final String VALID = "PUT /fuzz/key.txt HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: 5\r\n"
            + "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261206/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00\r\n"
            + "\r\nhello";

    @Test
    void mutatedRequestsGetNo5xxNoMalformedAnswerAndNoHang() throws Exception {
        List<String> serverErrors = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        List<String> hangs = new ArrayList<>();
        Random random = new Random(FuzzInputs.SEED);
        try (S3Backend s3 = S3Backend.start(null);
             FrontFixture front = FrontFixture.start(new HostBackendRouter().route(S3, s3), Duration.ofSeconds(1))) {
            send(front.port(), ("PUT /fuzz HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < FuzzInputs.COUNT; i++) {
                byte[] request = FuzzInputs.mutate(random, VALID);
                String answer;
                try {
                    answer = send(front.port(), request);
                } catch (SocketTimeoutException e) {
                    hangs.add(i + ": " + preview(request));
                    continue;
                }
                check(i, request, answer, serverErrors, malformed);
            }
        }
        System.out.println("EndpointFrontFuzzTest: " + FuzzInputs.COUNT + " requests (seed " + FuzzInputs.SEED + "): "
                + serverErrors.size() + " 5xx, " + malformed.size() + " malformed, " + hangs.size() + " hangs");
        assertEquals(List.of(), serverErrors, "5xx answers");
        assertEquals(List.of(), malformed, "malformed answers");
        assertEquals(List.of(), hangs, "hangs");
    }

    static void check(int i, byte[] request, String answer, List<String> serverErrors, List<String> malformed) {
        if (answer.isEmpty()) return; // closed without an answer: allowed for bytes that are not a request at all
        for (String response : answer.split("(?=HTTP/1\\.1 \\d\\d\\d )")) {
            if (!response.matches("(?s)HTTP/1\\.1 \\d\\d\\d [^\r\n]*\r\n.*")) {
                malformed.add(i + ": " + preview(request) + " -> " + preview(response.getBytes(StandardCharsets.ISO_8859_1)));
                continue;
            }
            int status = Integer.parseInt(response.substring(9, 12));
            if (status >= 500 && status != 505) serverErrors.add(i + ": " + preview(request) + " -> " + response.lines().findFirst().orElse(""));
            int body = response.indexOf("\r\n\r\n");
            if (status >= 400 && body > 0 && response.toLowerCase().contains("content-type: application/xml")) {
                try {
                    DocumentBuilderFactory.newInstance().newDocumentBuilder()
                            .parse(new ByteArrayInputStream(response.substring(body + 4).getBytes(StandardCharsets.UTF_8)));
                } catch (Exception e) {
                    malformed.add(i + ": " + preview(request) + " -> XML that does not parse: " + e.getMessage());
                }
            }
        }
    }

    static String send(int port, byte[] request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(request);
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException e) {
            return ""; // reset: closed without an answer
        }
    }

    static String preview(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.ISO_8859_1);
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
    }
}
