package io.localvpc.testkit;

import com.sun.net.httpserver.HttpServer;
import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 11: a connection's route is settled once, when the path engine delivers it. A VPC whose only way out
 * is an S3 gateway endpoint reaches S3; a request on that connection whose {@code Host} names SQS (played here by an
 * upstream) is refused at the front and never reaches SQS, which the path engine did not deliver. Before, the front
 * routed each request again by its {@code Host}, and the request reached SQS under the S3 endpoint's decision.
 */
class ConnectionRouteTest {
    private static final String S3 = "s3.us-east-1.amazonaws.com";
    private static final AtomicInteger sqsRequests = new AtomicInteger();
    private static HttpServer sqs;
    private static LocalVpc lv;
    private static Ec2Client ec2;
    private static Workload workload;

    @BeforeAll
    static void start() throws Exception {
        sqs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sqs.createContext("/", exchange -> {
            sqsRequests.incrementAndGet();
            byte[] body = "<SendMessageResponse/>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sqs.start();
        lv = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true)
                .withUpstreams(Map.of("sqs", URI.create("http://127.0.0.1:" + sqs.getAddress().getPort())))).start();
        ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
        workload = Layouts.s3GatewayWorkload(lv, ec2, "10.98");
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) ec2.close();
        if (lv != null) lv.close();
        if (sqs != null) sqs.stop(0);
    }

    @Test
    void aRequestForAnotherServiceOnAnS3ConnectionIsRefused() throws Exception {
        assertTrue(workload.socks5("sqs.us-east-1.amazonaws.com", 80).code() != 0, "SQS itself is not reachable from this VPC");
        Workload.SocksReply reply = workload.socks5(S3, 80);
        assertEquals(0, reply.code());
        try (Socket s = reply.socket()) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: sqs.us-east-1.amazonaws.com\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 18\r\nConnection: close\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261206/"
                    + "us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00\r\n\r\nAction=ListQueues").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("<Code>InvalidRequest</Code>")
                    && answer.contains("is not served on it"), answer);
        }
        assertEquals(0, sqsRequests.get(), "nothing reached SQS");
        try (Socket s = workload.socks5(S3, 80).socket()) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + S3 + "\r\nConnection: close\r\nAuthorization: AWS4-HMAC-SHA256 "
                    + "Credential=AKIAIOSFODNN7EXAMPLE/20261206/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.contains("ListAllMyBucketsResult"), answer);
        }
    }
}
