package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 3: only connections the path engine delivered reach a service, and nothing trusts a header a
 * workload can write. The embedded S3 is served in process and opens no port; a request sent straight to any port
 * this process listens on (the ports in the health map, the embedded S3's listener that benchmarks start, whatever
 * else is open) never gets an object that the endpoint policy denies, and a PROXY v2 header naming an endpoint, sent
 * anywhere, does not make a request come from that endpoint.
 */
class PolicyBypassTest {
    private static final String S3 = "s3.us-east-1.amazonaws.com";
    private static final String SECRET = "the secret object";
    private static final String SIGNED = "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261126/us-east-1/s3/aws4_request,"
            + " SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000\r\n";
    private static LocalVpc lv;
    private static Ec2Client ec2;
    private static Layouts.PrivateVpc denied;
    private static Layouts.PrivateVpc trusted;
    private static String trustedEndpoint;

    @BeforeAll
    static void start() throws Exception {
        lv = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true)).start();
        ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
        Layouts net = new Layouts(ec2);
        denied = net.privateVpc("10.92");
        String deniedEndpoint = net.s3GatewayEndpoint(denied.vpcId(), denied.routeTableId());
        trusted = net.privateVpc("10.93");
        trustedEndpoint = net.s3GatewayEndpoint(trusted.vpcId(), trusted.routeTableId());

        assertTrue(send(trusted.instanceA(), "PUT /bypass HTTP/1.1\r\nContent-Length: 0\r\n\r\n").startsWith("HTTP/1.1 200"));
        assertTrue(send(trusted.instanceA(), "PUT /bypass/secret.txt HTTP/1.1\r\nContent-Length: " + SECRET.length() + "\r\n\r\n" + SECRET)
                .startsWith("HTTP/1.1 200"));
        String bucketPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                + "\"Resource\":[\"arn:aws:s3:::bypass\",\"arn:aws:s3:::bypass/*\"],"
                + "\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":\"" + trustedEndpoint + "\"}}}]}";
        assertTrue(send(trusted.instanceA(), "PUT /bypass?policy HTTP/1.1\r\nContent-Length: " + bucketPolicy.length() + "\r\n\r\n" + bucketPolicy)
                .startsWith("HTTP/1.1 204"));
        String denyAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
        ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(deniedEndpoint).policyDocument(denyAll));
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) ec2.close();
        if (lv != null) lv.close();
    }

    @Test
    void thePathEngineAndThePoliciesDecideThroughTheProxy() throws Exception {
        String viaTrusted = send(trusted.instanceA(), "GET /bypass/secret.txt HTTP/1.1\r\n\r\n");
        assertTrue(viaTrusted.startsWith("HTTP/1.1 200") && viaTrusted.endsWith(SECRET), viaTrusted);
        String viaDenied = send(denied.instanceA(), "GET /bypass/secret.txt HTTP/1.1\r\n\r\n");
        assertTrue(viaDenied.startsWith("HTTP/1.1 403") && viaDenied.contains("VPC endpoint policy"), viaDenied);
    }

    @Test
    void theHealthMapNamesNoPortThatServesAServiceDirectly() {
        assertFalse(lv.ports().containsKey("endpoints"), "the endpoint front has no port: " + lv.ports());
        for (String role : lv.ports().keySet()) {
            assertTrue(role.equals("api") || role.equals("proxy") || role.startsWith("dns:"), "unexpected port role " + role);
        }
    }

    /** Issue 10, item 11: S3 is served in process, so serving it opens no port (only a benchmark's baseline starts one). */
    @Test
    void theEmbeddedS3OpensNoPortOfItsOwn() throws Exception {
        Set<Integer> before = listeningPortsOfThisProcess();
        try (LocalVpc fresh = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true)).start();
             Ec2Client client = LocalVpcExtension.ec2(fresh.endpoint(), "test", Region.US_EAST_1)) {
            Layouts net = new Layouts(client);
            Layouts.PrivateVpc vpc = net.privateVpc("10.94");
            net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
            String created = send(new Workload(vpc.instanceA(), fresh.proxyAddress(), new Admin(fresh.endpoint()).caPem()),
                    "PUT /in-process HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
            assertTrue(created.startsWith("HTTP/1.1 200"), created);
            Set<Integer> opened = new TreeSet<>(listeningPortsOfThisProcess());
            opened.removeAll(before);
            assertEquals(new TreeSet<>(fresh.ports().values()), opened, "the ports a localvpc that served S3 opened; its health map: " + fresh.ports());
        }
    }

    @Test
    void noPortOfThisProcessServesTheObjectToARequestSentStraightToIt() throws Exception {
        int embeddedS3 = lv.dataPlane().embeddedS3Endpoint().getPort(); // started for benchmarks only; tried too
        Set<Integer> ports = listeningPortsOfThisProcess();
        assertTrue(ports.containsAll(lv.ports().values()), ports + " vs " + lv.ports());
        assertTrue(ports.contains(embeddedS3), "the embedded S3's listener is tried too");
        for (int port : ports) {
            for (String path : List.of("/bypass/secret.txt", "//bypass/secret.txt", "/s3/bypass/secret.txt")) {
                String request = "GET " + path + " HTTP/1.1\r\nHost: " + S3 + "\r\nConnection: close\r\n" + SIGNED + "\r\n";
                assertNoSecret(port, "plain " + path, direct(port, request.getBytes(StandardCharsets.US_ASCII), false));
                assertNoSecret(port, "TLS " + path, direct(port, request.getBytes(StandardCharsets.US_ASCII), true));
            }
        }
    }

    @Test
    void aForgedProxyHeaderNamingTheTrustedEndpointSatisfiesNoPolicy() throws Exception {
        byte[] forged = proxyV2Header(trustedEndpoint, trusted.vpcId());
        byte[] request = ("GET /bypass/secret.txt HTTP/1.1\r\nHost: " + S3 + "\r\nConnection: close\r\n" + SIGNED + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] both = new byte[forged.length + request.length];
        System.arraycopy(forged, 0, both, 0, forged.length);
        System.arraycopy(request, 0, both, forged.length, request.length);
        for (int port : listeningPortsOfThisProcess()) {
            assertNoSecret(port, "PROXY v2 then HTTP", direct(port, both, false));
        }
        // inside a tunnel that the path engine did deliver, but through the endpoint whose policy denies
        try (Socket s = inside(denied.instanceA()).socks5(S3, 80).socket()) {
            s.getOutputStream().write(both);
            s.setSoTimeout(10_000);
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertFalse(answer.contains(SECRET), answer);
            assertFalse(answer.startsWith("HTTP/1.1 200"), answer);
        }
    }

    private static void assertNoSecret(int port, String what, String answer) {
        assertFalse(answer.contains(SECRET), what + " straight to port " + port + " answered the object: " + answer);
        assertFalse(answer.startsWith("HTTP/1.1 200") || answer.startsWith("HTTP/1.0 200"),
                what + " straight to port " + port + " answered 200: " + answer);
    }

    /** Sends bytes straight to a port (over TLS trusting anything, if asked) and reads what comes back. */
    private static String direct(int port, byte[] bytes, boolean tls) {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port)) {
            plain.setSoTimeout(3_000);
            Socket s = plain;
            if (tls) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[]{new TrustAll()}, null);
                SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, S3, port, true);
                ssl.setSoTimeout(3_000);
                ssl.startHandshake();
                s = ssl;
            }
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = s.getInputStream().read(buf)) > 0 && out.size() < 1 << 20; ) out.write(buf, 0, n);
            return out.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "(no answer: " + e + ")";
        }
    }

    /**
     * A PROXY protocol v2 header as the workload proxy once sent it to the endpoint listener: addresses and a
     * TLV (type 0xE0) that names the account, VPC and endpoint of the flow.
     */
    private static byte[] proxyV2Header(String endpointId, String vpcId) {
        byte[] tlv = ("account=000000000000\nregion=us-east-1\nvpc=" + vpcId + "\nip=10.93.1.10\nvpce=" + endpointId
                + "\nvia=gateway-endpoint\nviaId=" + endpointId + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11});
        int length = 12 + 3 + tlv.length;
        out.write(length >> 8);
        out.write(length);
        out.writeBytes(new byte[]{10, 93, 1, 10, 127, 0, 0, 1, 0, 0, 1, (byte) 187});
        out.write(0xE0);
        out.write(tlv.length >> 8);
        out.write(tlv.length);
        out.writeBytes(tlv);
        return out.toByteArray();
    }

    /** TCP ports in LISTEN whose socket is one of this process's open files (/proc/self/fd against /proc/net/tcp). */
    private static Set<Integer> listeningPortsOfThisProcess() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) inodes.add(link.substring(8, link.length() - 1));
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) continue;
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private static Workload inside(String instance) {
        return new Workload(instance, lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
    }

    /** One signed request to S3 on port 80 through a SOCKS5 tunnel from {@code instance}; the connection then closes. */
    private static String send(String instance, String head) throws IOException {
        return send(inside(instance), head);
    }

    private static String send(Workload workload, String head) throws IOException {
        int blank = head.indexOf("\r\n\r\n");
        String request = head.substring(0, blank + 2) + "Host: " + S3 + "\r\nConnection: close\r\n" + SIGNED + head.substring(blank + 2);
        Workload.SocksReply reply = workload.socks5(S3, 80);
        assertEquals(0, reply.code());
        try (Socket s = reply.socket()) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** For talking TLS to ports that may not speak it: nothing here trusts what it is told. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
