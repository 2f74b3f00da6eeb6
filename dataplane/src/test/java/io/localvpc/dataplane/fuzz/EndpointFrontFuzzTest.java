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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bounded fuzzing of the endpoint front (clear-text HTTP to the embedded S3, guarded by the policies as localvpc
 * guards it, loopback only): mutated requests get no 5xx, every answer is a well-formed HTTP response whose error
 * body (if XML, chunked or not) parses, and none hangs (a one-second idle deadline on the front; 15 s of client
 * patience). Reports the counts; the test fails on any of the three. Runs in CI at 150 requests; more with
 * {@code -Dlocalvpc.fuzz.count=…} and another seed with {@code -Dlocalvpc.fuzz.seed=…}.
 */
class EndpointFrontFuzzTest {
    private static final String S3 = "s3.us-east-1.amazonaws.com";
    private static final String SIGNED =
            "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261206/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00\r\n";
    private static final String VALID = "PUT /fuzz/key.txt HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: 5\r\n" + SIGNED + "\r\nhello";

    @Test
    void mutatedRequestsGetNo5xxNoMalformedAnswerAndNoHang() throws Exception {
        List<String> serverErrors = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        List<String> hangs = new ArrayList<>();
        Random random = new Random(FuzzInputs.SEED);
        try (S3Backend s3 = S3Backend.start(null);
             FrontFixture front = FrontFixture.start(new HostBackendRouter().route(S3, s3), Duration.ofSeconds(1))) {
            String created = send(front.port(), ("PUT /fuzz HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: 0\r\nConnection: close\r\n"
                    + SIGNED + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(created.startsWith("HTTP/1.1 200"), created);
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

    /** Issue 10, item 2: a CreateBucket body that is not XML got s3proxy's 500; S3 answers MalformedXML. */
    @Test
    void aCreateBucketBodyThatIsNotXmlIsMalformedXml() throws Exception {
        try (S3Backend s3 = S3Backend.start(null);
             FrontFixture front = FrontFixture.start(new HostBackendRouter().route(S3, s3), Duration.ofSeconds(5))) {
            String answer = send(front.port(), ("PUT /notxml HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: 5\r\nConnection: close\r\n"
                    + SIGNED + "\r\nhello").getBytes(StandardCharsets.US_ASCII));
            assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("<Code>MalformedXML</Code>"), answer);
            String bucket = send(front.port(), ("HEAD /notxml HTTP/1.1\r\nHost: " + S3 + "\r\nConnection: close\r\n" + SIGNED + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(bucket.startsWith("HTTP/1.1 404"), "no bucket was made: " + bucket);
        }
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
            String head = body < 0 ? response : response.substring(0, body).toLowerCase(java.util.Locale.ROOT);
            if (status >= 400 && body > 0 && head.contains("content-type: application/xml")) {
                try {
                    String content = response.substring(body + 4);
                    if (head.contains("transfer-encoding: chunked")) content = dechunk(content);
                    DocumentBuilderFactory.newInstance().newDocumentBuilder()
                            .parse(new ByteArrayInputStream(content.getBytes(StandardCharsets.ISO_8859_1)));
                } catch (Exception e) {
                    malformed.add(i + ": " + preview(request) + " -> XML that does not parse: " + e.getMessage());
                }
            }
        }
    }

    /** The body of a chunked message ({@code size CRLF data CRLF}… {@code 0 CRLF CRLF}); what is left if it breaks off. */
    static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            if (eol < 0) return out.toString();
            int size;
            try {
                size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
            } catch (NumberFormatException e) {
                return out.toString();
            }
            if (size == 0 || eol + 2 + size > chunked.length()) return out.toString();
            out.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
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
