package io.localvpc.testkit;

import io.localvpc.core.time.ManualClock;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --verify-signatures} with real clients: the SDK for Java v2 signs its EC2, STS, IAM and S3 calls (through a
 * gateway endpoint) and they work unchanged with the right secrets; an unknown key, a wrong secret, a stale date, an
 * expired session token and an expired presigned URL each get the service's own error in its own format.
 */
class SignatureVerificationTest {
    private static final String ROOT_SECRET = "root-secret";
    private static final StaticCredentialsProvider ROOT = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", ROOT_SECRET));
    private static final String TRUST_ROOT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String ALL_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    /** Shaped like a key AWS issues, but no one issued it. */
    private static final String UNKNOWN_KEY = "AKIAQQQQQQQQQQQQQQQQ";

    /** With the Apache HTTP client: the JDK's URL connection cannot read the body of EC2's 401 to a streamed POST. */
    private static Ec2Client ec2(LocalVpc lv, AwsCredentialsProvider c) {
        return Ec2Client.builder().endpointOverride(lv.endpoint()).region(Region.US_EAST_1).httpClientBuilder(ApacheHttpClient.builder()).credentialsProvider(c).build();
    }

    private static StsClient sts(LocalVpc lv, AwsCredentialsProvider c) {
        return StsClient.builder().endpointOverride(lv.endpoint()).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create()).credentialsProvider(c).build();
    }

    private static IamClient iam(LocalVpc lv, AwsCredentialsProvider c) {
        return IamClient.builder().endpointOverride(lv.endpoint()).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create()).credentialsProvider(c).build();
    }

    private static StaticCredentialsProvider key(String id, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
    }

    /** A network with an S3 gateway endpoint and a running instance in it; returns the instance's workload. */
    private static Workload instanceWithS3Endpoint(LocalVpc lv, Ec2Client ec2, ManualClock clock, String cidrPrefix) {
        Layouts net = new Layouts(ec2);
        String vpc = net.vpc(cidrPrefix + ".0.0/16");
        String subnet = net.subnet(vpc, cidrPrefix + ".1.0/24", "us-east-1a");
        net.s3GatewayEndpoint(vpc, net.routeTable(vpc, subnet));
        String instance = ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1).subnetId(subnet)).instances().get(0).instanceId();
        clock.advance(Duration.ofMinutes(1)); // pending → running
        return new Workload(instance, lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
    }

    private static AwsServiceException refused(Runnable call) {
        return assertThrows(AwsServiceException.class, call::run);
    }

    private static void assertError(AwsServiceException e, int status, String code) {
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
    }

    @Test
    void rightCredentialsWorkAndUnknownKeysAndWrongSecretsGetEachServicesError() {
        ManualClock clock = new ManualClock(Instant.now());
        try (LocalVpc lv = LocalVpc.builder().port(0).inMemory().clock(clock).verifySignatures(ROOT_SECRET).start();
             Ec2Client ec2 = ec2(lv, ROOT); StsClient sts = sts(lv, ROOT); IamClient iam = iam(lv, ROOT)) {
            Workload w = instanceWithS3Endpoint(lv, ec2, clock, "10.91");
            assertEquals("arn:aws:iam::000000000000:root", sts.getCallerIdentity().arn());
            iam.createUser(r -> r.userName("carol"));
            iam.putUserPolicy(r -> r.userName("carol").policyName("s3").policyDocument(ALL_S3));
            AccessKey carol = iam.createAccessKey(r -> r.userName("carol")).accessKey();
            try (StsClient asCarol = sts(lv, key(carol.accessKeyId(), carol.secretAccessKey()))) {
                assertEquals("arn:aws:iam::000000000000:user/carol", asCarol.getCallerIdentity().arn());
            }
            try (S3Client s3 = w.s3With(key(carol.accessKeyId(), carol.secretAccessKey()))) {
                s3.createBucket(r -> r.bucket("signed"));
                s3.putObject(r -> r.bucket("signed").key("dir/a b+c.txt"), RequestBody.fromString("verified bytes"));
                assertEquals("verified bytes", s3.getObjectAsBytes(r -> r.bucket("signed").key("dir/a b+c.txt")).asUtf8String());
                assertEquals(1, s3.listObjectsV2(r -> r.bucket("signed").prefix("dir/")).keyCount());
            }

            // An unknown key: each service's own code.
            try (Ec2Client e = ec2(lv, key(UNKNOWN_KEY, "x")); StsClient s = sts(lv, key(UNKNOWN_KEY, "x")); IamClient i = iam(lv, key(UNKNOWN_KEY, "x"));
                 S3Client s3 = w.s3With(key(UNKNOWN_KEY, "x"))) {
                assertError(refused(e::describeVpcs), 401, "AuthFailure");
                assertError(refused(s::getCallerIdentity), 403, "InvalidClientTokenId");
                assertError(refused(i::listUsers), 403, "InvalidClientTokenId");
                AwsServiceException s3e = refused(() -> s3.listObjectsV2(r -> r.bucket("signed")));
                assertError(s3e, 403, "InvalidAccessKeyId");
                assertEquals("The AWS Access Key Id you provided does not exist in our records.", s3e.awsErrorDetails().errorMessage());
            }
            // A known key with the wrong secret (the root convention's and an IAM user's).
            try (Ec2Client e = ec2(lv, key("test", "wrong")); StsClient s = sts(lv, key(carol.accessKeyId(), "wrong"));
                 IamClient i = iam(lv, key("test", "wrong")); S3Client s3 = w.s3With(key(carol.accessKeyId(), "wrong"))) {
                assertError(refused(e::describeVpcs), 403, "SignatureDoesNotMatch");
                assertError(refused(s::getCallerIdentity), 403, "SignatureDoesNotMatch");
                assertError(refused(i::listUsers), 403, "SignatureDoesNotMatch");
                AwsServiceException s3e = refused(() -> s3.getObjectAsBytes(r -> r.bucket("signed").key("dir/a b+c.txt")));
                assertError(s3e, 403, "SignatureDoesNotMatch");
            }
            // S3's document tells the client what was signed, as S3's does.
            String body = rawS3(w, "GET", "/signed/dir/a%20b%2Bc.txt", carol.accessKeyId(), "wrong", Instant.now());
            assertTrue(body.contains("<Code>SignatureDoesNotMatch</Code>"), body);
            assertTrue(body.contains("<StringToSign>AWS4-HMAC-SHA256\n"), body);
            assertTrue(body.contains("<CanonicalRequest>GET\n/signed/dir/a%20b%2Bc.txt\n"), body);
            assertTrue(!body.contains(carol.secretAccessKey()), "the secret is never in an answer");
            // The same request with the right secret passes: the verification is what refused it.
            assertTrue(rawS3(w, "GET", "/signed/dir/a%20b%2Bc.txt", carol.accessKeyId(), carol.secretAccessKey(), Instant.now()).endsWith("verified bytes"));
        }
    }

    @Test
    void staleDatesExpiredSessionsAndExpiredPresignedUrlsAreRefusedAsEachServiceRefusesThem() throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        try (LocalVpc lv = LocalVpc.builder().port(0).inMemory().clock(clock).verifySignatures(ROOT_SECRET).start();
             Ec2Client ec2 = ec2(lv, ROOT); StsClient sts = sts(lv, ROOT); IamClient iam = iam(lv, ROOT)) {
            Workload w = instanceWithS3Endpoint(lv, ec2, clock, "10.92");
            try (S3Client s3 = w.s3With(ROOT)) {
                s3.createBucket(r -> r.bucket("stale"));
                s3.putObject(r -> r.bucket("stale").key("k"), RequestBody.fromString("fresh"));
            }

            // Requests signed 20 minutes ago, by the SDK's own signer with a fixed clock.
            Instant old = clock.instant().minus(Duration.ofMinutes(20));
            RawHttp.Answer ec2Old = rawApi(lv, "ec2", "Action=DescribeVpcs&Version=2016-11-15", old);
            assertEquals(400, ec2Old.status(), ec2Old.text());
            assertTrue(ec2Old.body().contains("<Code>RequestExpired</Code>"), ec2Old.text());
            RawHttp.Answer stsOld = rawApi(lv, "sts", "Action=GetCallerIdentity&Version=2011-06-15", old);
            assertEquals(403, stsOld.status(), stsOld.text());
            assertTrue(stsOld.body().contains("<Code>SignatureDoesNotMatch</Code>"), stsOld.text());
            assertTrue(stsOld.body().contains("<Message>Signature expired: "), stsOld.text());
            assertEquals(200, rawApi(lv, "sts", "Action=GetCallerIdentity&Version=2011-06-15", clock.instant()).status(), "the same request signed now passes");
            String s3Old = rawS3(w, "GET", "/stale/k", "test", ROOT_SECRET, old);
            assertTrue(s3Old.startsWith("HTTP/1.1 403"), s3Old);
            assertTrue(s3Old.contains("<Code>RequestTimeTooSkewed</Code>") && s3Old.contains("<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>"), s3Old);

            // A presigned URL works until it expires, then S3 says so.
            URI url;
            try (S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1).credentialsProvider(ROOT)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
                url = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofSeconds(120)).getObjectRequest(g -> g.bucket("stale").key("k"))).url().toURI();
            }
            assertTrue(rawGet(w, url).endsWith("fresh"));
            assertTrue(rawGet(w, URI.create(url.toString().replace("X-Amz-Expires=120", "X-Amz-Expires=121"))).contains("<Code>SignatureDoesNotMatch</Code>"),
                    "the expiry is signed");

            // Temporary credentials work until they expire; then STS, IAM, EC2 and S3 each say so.
            iam.createRole(r -> r.roleName("short").assumeRolePolicyDocument(TRUST_ROOT));
            iam.putRolePolicy(r -> r.roleName("short").policyName("s3").policyDocument(ALL_S3));
            Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/short").roleSessionName("ss").durationSeconds(900)).credentials();
            StaticCredentialsProvider session = StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
            StaticCredentialsProvider noToken = key(c.accessKeyId(), c.secretAccessKey());
            try (StsClient s = sts(lv, session); Ec2Client e = ec2(lv, session); S3Client s3 = w.s3With(session);
                 StsClient tokenless = sts(lv, noToken); S3Client s3Tokenless = w.s3With(noToken)) {
                assertTrue(s.getCallerIdentity().arn().endsWith(":assumed-role/short/ss"));
                assertEquals("fresh", s3.getObjectAsBytes(r -> r.bucket("stale").key("k")).asUtf8String());
                assertError(refused(tokenless::getCallerIdentity), 403, "InvalidClientTokenId");
                assertError(refused(() -> s3Tokenless.getObjectAsBytes(r -> r.bucket("stale").key("k"))), 400, "InvalidToken");

                clock.advance(Duration.ofSeconds(150));
                String expiredUrl = rawGet(w, url);
                assertTrue(expiredUrl.startsWith("HTTP/1.1 403") && expiredUrl.contains("<Code>AccessDenied</Code><Message>Request has expired</Message>")
                        && expiredUrl.contains("<X-Amz-Expires>120</X-Amz-Expires>"), expiredUrl);

                clock.advance(Duration.ofSeconds(900));
                assertError(refused(s::getCallerIdentity), 403, "ExpiredToken");
                assertError(refused(e::describeVpcs), 400, "RequestExpired");
                AwsServiceException s3e = refused(() -> s3.getObjectAsBytes(r -> r.bucket("stale").key("k")));
                assertError(s3e, 400, "ExpiredToken");
                assertEquals("The provided token has expired.", s3e.awsErrorDetails().errorMessage());
            }
        }
    }

    @Test
    void aConfiguredPrincipalSignsWithItsConfiguredSecret(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path config = dir.resolve("iam.json");
        Files.writeString(config, "{\"principals\": [{\"accessKeyId\": \"AKIAEXAMPLEALICE0001\", \"secretAccessKey\": \"alice-secret\","
                + " \"arn\": \"arn:aws:iam::000000000000:user/alice\", \"policies\": {}}]}");
        try (LocalVpc lv = LocalVpc.builder().settings(io.localvpc.server.Settings.defaults().withPort(0).withInMemory(true).withIamConfig(config)
                .withVerifiedSignatures(true, ROOT_SECRET)).start();
             StsClient alice = sts(lv, key("AKIAEXAMPLEALICE0001", "alice-secret"));
             StsClient aliceWithRootSecret = sts(lv, key("AKIAEXAMPLEALICE0001", ROOT_SECRET))) {
            assertEquals("arn:aws:iam::000000000000:user/alice", alice.getCallerIdentity().arn());
            assertError(refused(aliceWithRootSecret::getCallerIdentity), 403, "SignatureDoesNotMatch");
        }
    }

    /** A Query-protocol POST to the API port, signed by the SDK's SigV4 signer as of {@code at}, sent as it is. */
    private static RawHttp.Answer rawApi(LocalVpc lv, String service, String form, Instant at) throws Exception {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(lv.endpoint() + "/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SdkHttpRequest signed = sign(request, body, service, "test", ROOT_SECRET, at, r -> { });
        return RawHttp.send(lv.endpoint(), head(signed, body.length) + form, 10_000);
    }

    /** A GET (or other body-less request) to S3 through the instance's gateway endpoint, signed as of {@code at}. */
    private static String rawS3(Workload w, String method, String path, String keyId, String secret, Instant at) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("https://s3.amazonaws.com" + path)).build();
        SdkHttpRequest signed = sign(request, new byte[0], "s3", keyId, secret, at,
                r -> r.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false).putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        return exchange(w, head(signed, 0));
    }

    private static String rawGet(Workload w, URI url) {
        return exchange(w, "GET " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\nConnection: close\r\n\r\n");
    }

    private static SdkHttpRequest sign(SdkHttpFullRequest request, byte[] body, String service, String keyId, String secret, Instant at,
                                       Consumer<software.amazon.awssdk.http.auth.spi.signer.SignRequest.Builder<AwsCredentialsIdentity>> more) {
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(keyId, secret)).request(request).payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service).putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
            more.accept(r);
        });
        return signed.request();
    }

    private static String head(SdkHttpRequest signed, int contentLength) {
        StringBuilder sb = new StringBuilder(signed.method().name()).append(' ').append(signed.encodedPath().isEmpty() ? "/" : signed.encodedPath());
        signed.encodedQueryParameters().ifPresent(q -> sb.append('?').append(q));
        sb.append(" HTTP/1.1\r\n");
        boolean host = false;
        for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
            host |= h.getKey().equalsIgnoreCase("host");
            for (String v : h.getValue()) sb.append(h.getKey()).append(": ").append(v).append("\r\n");
        }
        if (!host) sb.append("Host: ").append(signed.host()).append(signed.port() == 443 || signed.port() == 80 ? "" : ":" + signed.port()).append("\r\n");
        if (contentLength > 0) sb.append("Content-Length: ").append(contentLength).append("\r\n");
        return sb.append("Connection: close\r\n\r\n").toString();
    }

    /** One request over TLS through the proxy as the instance; the whole answer as text. */
    private static String exchange(Workload w, String request) {
        try (SSLSocket tls = w.openTls("s3.amazonaws.com", 443)) {
            tls.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            tls.getOutputStream().flush();
            InputStream in = tls.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) got.write(buf, 0, n);
            return got.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
