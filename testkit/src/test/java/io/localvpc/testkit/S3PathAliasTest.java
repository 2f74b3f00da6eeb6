package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 3 (continued): the bucket and key a request is judged by are the bucket and key it is served from.
 * With objects kept as files (a data directory), a key with dot segments ({@code ..}, {@code %2e%2e}, {@code %2F..})
 * or empty segments ({@code //}) would name a file of another bucket, and a {@code +} in a path is a space to S3
 * (and to the embedded S3) but was judged as a plus. Each of these is either refused in S3's error format or judged
 * as what is served: the object in the bucket whose policy denies this endpoint is never read, written or deleted.
 */
class S3PathAliasTest {
    private static final String S3 = "s3.us-east-1.amazonaws.com";
    private static final String SECRET = "the vault's object";
    private static final String SIGNED = "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261126/us-east-1/s3/aws4_request,"
            + " SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000\r\n";
    @TempDir
    static Path dataDir;
    private static LocalVpc lv;
    private static Ec2Client ec2;
    private static Workload trusted;
    private static Workload outsider;

    @BeforeAll
    static void start() throws Exception {
        lv = LocalVpc.builder().port(0).dataDir(dataDir).start();
        ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc a = net.privateVpc("10.96");
        String trustedEndpoint = net.s3GatewayEndpoint(a.vpcId(), a.routeTableId());
        Layouts.PrivateVpc b = net.privateVpc("10.97");
        net.s3GatewayEndpoint(b.vpcId(), b.routeTableId());
        String ca = new Admin(lv.endpoint()).caPem();
        trusted = new Workload(a.instanceA(), lv.proxyAddress(), ca);
        outsider = new Workload(b.instanceA(), lv.proxyAddress(), ca);

        assertTrue(send(trusted, "PUT /vault HTTP/1.1\r\nContent-Length: 0\r\n\r\n").startsWith("HTTP/1.1 200"));
        assertTrue(send(trusted, "PUT /open HTTP/1.1\r\nContent-Length: 0\r\n\r\n").startsWith("HTTP/1.1 200"));
        assertTrue(send(trusted, "PUT /open/dir/x HTTP/1.1\r\nContent-Length: 1\r\n\r\nx").startsWith("HTTP/1.1 200"));
        assertTrue(send(trusted, "PUT /vault/secret.txt HTTP/1.1\r\nContent-Length: " + SECRET.length() + "\r\n\r\n" + SECRET)
                .startsWith("HTTP/1.1 200"));
        assertTrue(send(trusted, "PUT /vault/top%20secret.txt HTTP/1.1\r\nContent-Length: " + SECRET.length() + "\r\n\r\n" + SECRET)
                .startsWith("HTTP/1.1 200"));
        String vaultPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                + "\"Resource\":[\"arn:aws:s3:::vault\",\"arn:aws:s3:::vault/*\"],"
                + "\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":\"" + trustedEndpoint + "\"}}}]}";
        assertTrue(send(trusted, "PUT /vault?policy HTTP/1.1\r\nContent-Length: " + vaultPolicy.length() + "\r\n\r\n" + vaultPolicy)
                .startsWith("HTTP/1.1 204"));
        // the outsider's own bucket: everything allowed, except the one key with a space in it
        String openPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::open/top secret.txt\"}]}";
        assertTrue(send(trusted, "PUT /open?policy HTTP/1.1\r\nContent-Length: " + openPolicy.length() + "\r\n\r\n" + openPolicy)
                .startsWith("HTTP/1.1 204"));
        assertTrue(send(trusted, "PUT /open/top%20secret.txt HTTP/1.1\r\nContent-Length: " + SECRET.length() + "\r\n\r\n" + SECRET)
                .startsWith("HTTP/1.1 403"));
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) ec2.close();
        if (lv != null) lv.close();
    }

    @Test
    void theOutsiderIsDeniedTheVaultByName() throws Exception {
        String answer = send(outsider, "GET /vault/secret.txt HTTP/1.1\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
    }

    /**
     * The embedded S3 ignores query parameters it does not know and serves the plain operation; so must the policies
     * (S3 itself ignores them too), and what the classifier cannot name is refused rather than served unjudged.
     */
    @ParameterizedTest
    @ValueSource(strings = {"GET /vault/secret.txt?frobnicate=1", "GET /vault/secret.txt?session", "GET /vault/secret.txt?acl&tagging",
            "PUT /vault/secret.txt?renameObject"})
    void aQueryTheClassifierDoesNotKnowDoesNotSkipThePolicies(String requestLine) throws Exception {
        String answer = send(outsider, requestLine + " HTTP/1.1\r\nContent-Length: 5\r\n\r\nowned");
        assertFalse(answer.contains(SECRET), requestLine + " served the vault's object: " + answer);
        assertTrue(answer.startsWith("HTTP/1.1 403") || answer.startsWith("HTTP/1.1 400"), requestLine + ": " + answer);
        String stillThere = send(trusted, "GET /vault/secret.txt HTTP/1.1\r\n\r\n");
        assertTrue(stillThere.endsWith(SECRET), stillThere);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/open/../vault/secret.txt", "/open/%2e%2e/vault/secret.txt", "/open/%2E%2E/vault/secret.txt",
            "/open/dir/..%2F..%2Fvault%2Fsecret.txt", "/open/dir/%2e%2e/%2e%2e/vault/secret.txt", "/open/./../vault/secret.txt",
            "//vault/secret.txt", "/open//../vault/secret.txt", "/open/dir//x"})
    void aPathWithDotOrEmptySegmentsIsRefusedInS3sFormat(String path) throws Exception {
        String answer = send(outsider, "GET " + path + " HTTP/1.1\r\n\r\n");
        assertFalse(answer.contains(SECRET), path + " served the vault's object: " + answer);
        assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("<Code>InvalidURI</Code>"), path + ": " + answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../vault/secret.txt", "/%2e%2e/vault/secret.txt", "/dir/..%2F..%2Fvault%2Fsecret.txt"})
    void aVirtualHostedPathWithDotSegmentsIsRefused(String path) throws Exception {
        String answer = sendTo(outsider, "open." + S3, "GET " + path + " HTTP/1.1\r\n\r\n");
        assertFalse(answer.contains(SECRET), path + " served the vault's object: " + answer);
        assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("<Code>InvalidURI</Code>"), path + ": " + answer);
    }

    @Test
    void writesAndDeletesThroughDotSegmentsDoNotReachTheVault() throws Exception {
        String put = send(outsider, "PUT /open/../vault/secret.txt HTTP/1.1\r\nContent-Length: 5\r\n\r\nowned");
        assertTrue(put.startsWith("HTTP/1.1 400"), put);
        String copy = send(outsider, "PUT /open/copied.txt HTTP/1.1\r\nx-amz-copy-source: /open/..%2Fvault%2Fsecret.txt\r\nContent-Length: 0\r\n\r\n");
        assertTrue(copy.startsWith("HTTP/1.1 400") && copy.contains("<Code>InvalidArgument</Code>"), copy);
        String copyVersion = send(outsider, "PUT /open/copied.txt HTTP/1.1\r\n"
                + "x-amz-copy-source: /open/a?versionId=../../../vault/secret.txt\r\nContent-Length: 0\r\n\r\n");
        assertFalse(copyVersion.startsWith("HTTP/1.1 200"), copyVersion);
        assertFalse(send(outsider, "GET /open/copied.txt HTTP/1.1\r\n\r\n").contains(SECRET));
        String deletion = "<Delete><Object><Key>../vault/secret.txt</Key></Object></Delete>";
        String delete = send(outsider, "POST /open?delete HTTP/1.1\r\nContent-Length: " + deletion.length() + "\r\n\r\n" + deletion);
        assertTrue(delete.startsWith("HTTP/1.1 400") && delete.contains("<Code>InvalidArgument</Code>"), delete);
        String stillThere = send(trusted, "GET /vault/secret.txt HTTP/1.1\r\n\r\n");
        assertTrue(stillThere.startsWith("HTTP/1.1 200") && stillThere.endsWith(SECRET), stillThere);
    }

    @Test
    void aPlusInThePathIsASpaceAsS3ReadsIt() throws Exception {
        String plus = send(outsider, "GET /open/top+secret.txt HTTP/1.1\r\n\r\n");
        assertFalse(plus.contains(SECRET), plus);
        assertTrue(plus.startsWith("HTTP/1.1 403"), "judged as the key with a space, which the policy denies: " + plus);
        assertTrue(send(trusted, "PUT /open/a+b.txt HTTP/1.1\r\nContent-Length: 1\r\n\r\n1").startsWith("HTTP/1.1 200"));
        String spaced = send(trusted, "GET /open/a%20b.txt HTTP/1.1\r\n\r\n");
        assertTrue(spaced.startsWith("HTTP/1.1 200") && spaced.endsWith("1"), "stored as 'a b.txt': " + spaced);
        assertEquals(404, status(send(trusted, "GET /open/a%2Bb.txt HTTP/1.1\r\n\r\n")));
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    private static String send(Workload from, String head) throws IOException {
        return sendTo(from, S3, head);
    }

    /** One signed request on port 80 through a SOCKS5 tunnel to {@code host}; the connection then closes. */
    private static String sendTo(Workload from, String host, String head) throws IOException {
        int blank = head.indexOf("\r\n\r\n");
        String request = head.substring(0, blank + 2) + "Host: " + host + "\r\nConnection: close\r\n" + SIGNED + head.substring(blank + 2);
        Workload.SocksReply reply = from.socks5(host, 80);
        assertEquals(0, reply.code());
        try (Socket s = reply.socket()) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
