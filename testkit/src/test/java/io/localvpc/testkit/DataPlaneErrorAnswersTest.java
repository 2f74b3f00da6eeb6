package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 8 (data plane): what the proxy and the endpoint front answer to requests they cannot take. The
 * front answers in S3's own XML error format (an SDK can parse it), never a text or JSON format of localvpc's own
 * and never a Java exception; the proxy answers a CONNECT to an impossible port with a 400 that says why, and a
 * CONNECT to S3 on a port S3 does not serve is refused, naming the ports it does.
 */
class DataPlaneErrorAnswersTest {
    private static final String S3 = "s3.us-east-1.amazonaws.com";
    private static LocalVpc lv;
    private static Ec2Client ec2;
    private static Workload workload;

    @BeforeAll
    static void start() {
        lv = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true)).start();
        ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
        workload = Layouts.s3GatewayWorkload(lv, ec2, "10.96");
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) ec2.close();
        if (lv != null) lv.close();
    }

    @Test
    void oversizedHeadersAreAnsweredWithS3sXmlError() throws Exception {
        String answer = front("GET /b/k HTTP/1.1\r\nHost: " + S3 + "\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n");
        assertS3Error(answer, 400, "RequestHeaderSectionTooLarge");
    }

    @Test
    void badChunkingIsAnsweredWithS3sXmlError() throws Exception {
        String signed = "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261126/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000\r\n";
        String answer = front("PUT /b/k HTTP/1.1\r\nHost: " + S3 + "\r\n" + signed + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertS3Error(answer, 400, null);
    }

    @Test
    void aNulInAHeaderIsAnsweredWithS3sXmlError() throws Exception {
        String answer = front("GET /b/k HTTP/1.1\r\nHost: " + S3 + "\r\nX-Amz-Meta-A: a\u0000b\r\n\r\n");
        assertS3Error(answer, 400, null);
    }

    @Test
    void anUnknownHttpVersionIsRefused() throws Exception {
        String answer = front("GET /b/k HTTP/9.9\r\nHost: " + S3 + "\r\n\r\n");
        assertS3Error(answer, 505, "HttpVersionNotSupported");
    }

    @Test
    void aRequestTargetThatIsNotAPathIsRefused() throws Exception {
        String answer = front("GET http://elsewhere.example/b/k HTTP/1.1\r\nHost: " + S3 + "\r\n\r\n");
        assertS3Error(answer, 400, "InvalidURI");
    }

    @Test
    void aConnectToAnImpossiblePortIsA400ThatSaysWhy() throws Exception {
        for (String target : new String[]{S3 + ":99999", S3 + ":0", S3 + ":-1", S3 + ":x", S3}) {
            String answer = proxy("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n" + proxyAuth() + "\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), target + ": " + answer);
            assertTrue(answer.contains("host:port"), target + ": " + answer);
        }
    }

    @Test
    void s3IsNotServedOnAPortItDoesNotListenOn() throws Exception {
        Workload.ProxyReply reply = workload.connect(S3, 22);
        assertEquals(502, reply.status(), reply.toString());
        assertTrue(reply.refusal() != null && reply.refusal().contains("443 (HTTPS) and 80 (HTTP) only"), reply.toString());
        assertTrue(workload.socks5(S3, 8080).code() != 0);
    }

    private static void assertS3Error(String answer, int status, String code) throws Exception {
        assertTrue(answer.startsWith("HTTP/1.1 " + status), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/xml"), answer);
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals("Error", xml.getDocumentElement().getTagName(), body);
        String actual = xml.getElementsByTagName("Code").item(0).getTextContent();
        if (code != null) assertEquals(code, actual, body);
        assertTrue(!body.contains("Exception") && !body.contains("\tat "), "no Java exception: " + body);
    }

    /** Sends raw bytes to S3 on port 80 through a SOCKS5 tunnel (the endpoint front) and reads until it closes. */
    private static String front(String request) throws IOException {
        try (Socket s = workload.socks5(S3, 80).socket()) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String proxy(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), lv.proxyAddress().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String proxyAuth() {
        return "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString((workload.identity() + ":x")
                .getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }
}
