package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 12: classifying a request never consumes or alters what is forwarded. An S3 PutObject whose
 * Content-Type is {@code application/x-www-form-urlencoded} (what {@code curl --data-binary} sends) stores exactly
 * its bytes, through an interface endpoint (by its private DNS name, TLS) and a gateway endpoint (clear text).
 */
class RequestBodyIntegrityTest {
    private static final String S3 = "s3.us-east-1.amazonaws.com";
    private static final String SIGNED = "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261126/us-east-1/s3/aws4_request,"
            + " SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000\r\n";
    private static LocalVpc lv;
    private static Ec2Client ec2;
    private static Workload gateway;
    private static Workload iface;
    private static Path caFile;

    @BeforeAll
    static void start() throws Exception {
        lv = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true)).start();
        ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc a = net.privateVpc("10.94");
        net.s3GatewayEndpoint(a.vpcId(), a.routeTableId());
        Layouts.PrivateVpc b = net.privateVpc("10.95");
        net.s3InterfaceEndpoint(b.vpcId(), java.util.List.of(b.subnetA(), b.subnetB()));
        String ca = new Admin(lv.endpoint()).caPem();
        caFile = Files.createTempFile("localvpc-ca", ".pem");
        Files.writeString(caFile, ca);
        gateway = new Workload(a.instanceA(), lv.proxyAddress(), ca);
        iface = new Workload(b.instanceA(), lv.proxyAddress(), ca);
        assertTrue(exchange(gateway, "PUT /forms HTTP/1.1\r\nContent-Length: 0\r\n", new byte[0]).startsWith("HTTP/1.1 200"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (ec2 != null) ec2.close();
        if (lv != null) lv.close();
        if (caFile != null) Files.deleteIfExists(caFile);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 17, 70_000, 300_000})
    void aFormTypedObjectIsStoredByteForByte(int size) throws Exception {
        byte[] body = body(size);
        String key = "form-" + size;
        String put = exchange(gateway, "PUT /forms/" + key + " HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length + "\r\n", body);
        assertTrue(put.startsWith("HTTP/1.1 200"), put);
        assertArrayEquals(body, get(gateway, "/forms/" + key));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 70_000})
    void curlDataBinaryThroughAnInterfaceEndpointStoresExactlyTheFile(int size) throws Exception {
        RequiredTools.require("curl", "curl", "--version");
        byte[] body = body(size);
        Path file = Files.createTempFile("form", ".bin");
        try {
            Files.write(file, body);
            String proxy = "http://" + iface.identity() + ":x@127.0.0.1:" + lv.proxyAddress().getPort();
            Process p = new ProcessBuilder("curl", "-sS", "--max-time", "20", "--noproxy", "", "-x", proxy, "--cacert", caFile.toString(),
                    "-X", "PUT", "--data-binary", "@" + file, "-H", SIGNED.substring(0, SIGNED.length() - 2),
                    "-w", "%{http_code}", "https://" + S3 + "/forms/curl-" + size).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.endsWith("200"), out);
        } finally {
            Files.deleteIfExists(file);
        }
        assertArrayEquals(body, get(gateway, "/forms/curl-" + size));
    }

    /** Bytes that look like a form ({@code a=b&…}) and then not at all. */
    private static byte[] body(int size) {
        byte[] form = "Action=DeleteQueue&QueueUrl=x&".getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = i < form.length * 100 ? form[i % form.length] : (byte) (i * 31);
        return b;
    }

    private static byte[] get(Workload w, String path) throws IOException {
        String head = "GET " + path + " HTTP/1.1\r\n";
        try (Socket s = w.socks5(S3, 80).socket()) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((head + "Host: " + S3 + "\r\nConnection: close\r\n" + SIGNED + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] all = s.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200"), text.substring(0, Math.min(400, text.length())));
            int start = text.indexOf("\r\n\r\n") + 4;
            return Arrays.copyOfRange(all, start, all.length);
        }
    }

    private static String exchange(Workload w, String head, byte[] body) throws IOException {
        try (Socket s = w.socks5(S3, 80).socket()) {
            s.setSoTimeout(10_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((head + "Host: " + S3 + "\r\nConnection: close\r\n" + SIGNED + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(body);
            s.getOutputStream().write(request.toByteArray());
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
