package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.HostBackendRouter;
import io.localvpc.dataplane.backend.S3Backend;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests sent back to back on one connection (HTTP/1.1 pipelining) are answered in the order they were sent, whether
 * the embedded S3 answers them or the front does (a bucket policy, a refusal): an answer made at the front no longer
 * overtakes one still coming from the backend.
 */
class PipelinedRequestsTest {
    private static final String S3 = "s3.us-east-1.amazonaws.com";
    private static final String SIGNED =
            "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261206/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00\r\n";

    @Test
    void answersComeInTheOrderOfTheRequests() throws Exception {
        try (S3Backend s3 = S3Backend.start(null);
             FrontFixture front = FrontFixture.start(new HostBackendRouter().route(S3, s3), Duration.ofSeconds(20));
             Socket s = new Socket(InetAddress.getLoopbackAddress(), front.port())) {
            s.setSoTimeout(10_000);
            String requests = "PUT /piped HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: 0\r\n" + SIGNED + "\r\n"
                    + "PUT /piped/k HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: 5\r\n" + SIGNED + "\r\nhello"
                    + "GET /piped?policy HTTP/1.1\r\nHost: " + S3 + "\r\n" + SIGNED + "\r\n"
                    + "GET /piped/k HTTP/1.1\r\nHost: " + S3 + "\r\n" + SIGNED + "\r\n"
                    + "GET /piped/k?frobnicate&acl&tagging HTTP/1.1\r\nHost: " + S3 + "\r\n" + SIGNED + "\r\n"
                    + "HEAD /piped/k HTTP/1.1\r\nHost: " + S3 + "\r\nConnection: close\r\n" + SIGNED + "\r\n";
            s.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            String answers = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            List<String> statuses = new ArrayList<>();
            Matcher m = Pattern.compile("HTTP/1\\.1 (\\d{3}) ").matcher(answers);
            while (m.find()) statuses.add(m.group(1));
            assertEquals(List.of("200", "200", "404", "200", "400", "200"), statuses, answers);
            assertTrue(answers.indexOf("NoSuchBucketPolicy") < answers.indexOf("hello"), answers);
        }
    }
}
