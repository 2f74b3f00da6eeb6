package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Traffic that is not HTTPS: a service played by a TCP upstream ({@code --upstream git-codecommit=tcp://…}, a
 * fake SSH server that speaks first) reached through an interface endpoint with its bytes unchanged, and S3
 * over clear-text HTTP on port 80 through a gateway endpoint, both as an absolute-form proxy request and inside
 * a CONNECT tunnel, with the endpoint policy still applied.
 */
class PassThroughAndPlainHttpTest {
    private static final String GREETING = "SSH-2.0-localvpc-test\r\n";
    private static final String CODECOMMIT = "git-codecommit.us-east-1.amazonaws.com";
    /** A SigV4 header naming the account's example key: localvpc takes the principal from it (signatures are not checked). */
    private static final String SIGNED = "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261126/us-east-1/s3/aws4_request,"
            + " SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000\r\n"
            + "X-Amz-Date: 20261126T120000Z\r\nX-Amz-Content-Sha256: UNSIGNED-PAYLOAD\r\n";
    private static ServerSocket sshLike;
    private static Thread sshThread;
    private static LocalVpc lv;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() throws IOException {
        sshLike = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sshThread = new Thread(() -> {
            while (!sshLike.isClosed()) {
                try (Socket s = sshLike.accept()) {
                    s.getOutputStream().write(GREETING.getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }
        });
        sshThread.setDaemon(true);
        sshThread.start();
        lv = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true)
                .withUpstreams(Map.of("git-codecommit", URI.create("tcp://127.0.0.1:" + sshLike.getLocalPort())))).start();
        ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (ec2 != null) ec2.close();
        if (lv != null) lv.close();
        if (sshLike != null) sshLike.close();
        if (sshThread != null) sshThread.join(5_000);
    }

    private static Workload inside(String instance) {
        return new Workload(instance, lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
    }

    @Test
    void aTcpServiceIsReachedThroughItsInterfaceEndpointWithItsBytesUnchanged() throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.80");
        Workload w = inside(vpc.instanceA());

        Workload.SocksReply before = w.socks5(CODECOMMIT, 22);
        assertNotEquals(0, before.code(), "no endpoint and no internet path yet: the connection is refused");

        String vpce = ec2.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).serviceName("com.amazonaws.us-east-1.git-codecommit")
                .vpcEndpointType(VpcEndpointType.INTERFACE).subnetIds(vpc.subnetA(), vpc.subnetB()).privateDnsEnabled(true))
                .vpcEndpoint().vpcEndpointId();
        Layouts.awaitValue("endpoint " + vpce, "available", () -> net.describeEndpoint(vpce).stateAsString());
        Admin.Trace trace = new Admin(lv.endpoint()).trace(vpc.instanceA(), CODECOMMIT, 22);
        assertTrue(trace.delivered(), trace.text());
        assertEquals(List.of(vpce), trace.resources("ENDPOINT"), trace.text());

        Workload.SocksReply reply = w.socks5(CODECOMMIT, 22);
        assertEquals(0, reply.code());
        try (Socket s = reply.socket()) {
            InputStream in = s.getInputStream();
            // the server speaks first: nothing in between waits for the client to say what it speaks
            assertEquals(GREETING, new String(in.readNBytes(GREETING.length()), StandardCharsets.US_ASCII));
            byte[] binary = {0x00, 0x16, 0x03, 0x01, (byte) 0xff, 'G', 'E', 'T', '\n'};
            s.getOutputStream().write(binary);
            s.getOutputStream().flush();
            assertArrayEquals(binary, in.readNBytes(binary.length));
        }
    }

    @Test
    void s3AnswersClearTextHttpOnPort80ThroughAGatewayEndpointWithItsPolicyApplied() throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.81");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::plain-reports\",\"arn:aws:s3:::plain-reports/*\"]}]}";
        ec2.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).serviceName(Layouts.S3_SERVICE)
                .vpcEndpointType(VpcEndpointType.GATEWAY).routeTableIds(vpc.routeTableId()).policyDocument(policy));
        Workload w = inside(vpc.instanceA());
        try (S3Client s3 = w.s3(true)) {
            s3.createBucket(r -> r.bucket("plain-reports"));
            s3.putObject(r -> r.bucket("plain-reports").key("q1.csv"), RequestBody.fromString("total,42\n"));
        }

        // absolute-form, as curl -x sends http:// URLs: the proxy forwards to the endpoint over a socket
        Response absolute = proxied("GET http://s3.us-east-1.amazonaws.com/plain-reports/q1.csv HTTP/1.1\r\n"
                + "Host: s3.us-east-1.amazonaws.com\r\n" + SIGNED + proxyAuthorization(vpc.instanceA()) + "\r\n");
        assertEquals(200, absolute.status(), absolute.text());
        assertEquals("total,42\n", absolute.text());

        Response anonymous = proxied("GET http://s3.us-east-1.amazonaws.com/plain-reports/q1.csv HTTP/1.1\r\n"
                + "Host: s3.us-east-1.amazonaws.com\r\n" + proxyAuthorization(vpc.instanceA()) + "\r\n");
        assertEquals(403, anonymous.status(), "an unsigned request is anonymous, and no bucket policy lets anyone in");
        assertTrue(anonymous.text().contains("User: anonymous is not authorized to perform: s3:GetObject"), anonymous.text());

        Response denied = proxied("GET http://s3.us-east-1.amazonaws.com/other-bucket/x HTTP/1.1\r\n"
                + "Host: s3.us-east-1.amazonaws.com\r\n" + SIGNED + proxyAuthorization(vpc.instanceA()) + "\r\n");
        assertEquals(403, denied.status(), denied.text());
        assertTrue(denied.text().contains("<Code>AccessDenied</Code>") && denied.text().contains("VPC endpoint policy"), denied.text());

        // a CONNECT tunnel to port 80 carrying clear-text HTTP: served in process on the tunnel itself
        Workload.SocksReply tunnel = w.socks5("s3.us-east-1.amazonaws.com", 80);
        assertEquals(0, tunnel.code());
        try (Socket s = tunnel.socket()) {
            Response inTunnel = exchange(s, "GET /plain-reports/q1.csv HTTP/1.1\r\nHost: s3.us-east-1.amazonaws.com\r\n" + SIGNED + "\r\n");
            assertEquals(200, inTunnel.status(), inTunnel.text());
            assertEquals("total,42\n", inTunnel.text());
        }
    }

    record Response(int status, String text) {
    }

    private static String proxyAuthorization(String identity) {
        return "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString((identity + ":x").getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    private static Response proxied(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), lv.proxyAddress().getPort())) {
            return exchange(s, request);
        }
    }

    /** Sends one request and reads a response with a Content-Length body (what S3 sends for these). */
    private static Response exchange(Socket s, String request) throws IOException {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        String status = line(in);
        int length = -1;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(h.substring(15).trim());
        }
        assertFalse(length < 0, "the response has a Content-Length: " + status);
        return new Response(Integer.parseInt(status.split(" ")[1]), new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}
