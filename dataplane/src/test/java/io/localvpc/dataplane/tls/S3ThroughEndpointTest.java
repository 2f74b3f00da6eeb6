package io.localvpc.dataplane.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localvpc.dataplane.backend.HostBackendRouter;
import io.localvpc.dataplane.backend.S3Backend;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The AWS SDK for Java v2 talks to s3proxy through the TLS endpoint listener, trusting only the localvpc CA, with
 * the real S3 host names (resolved to 127.0.0.1 by the test's DNS resolver), path style and virtual-hosted style.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ThroughEndpointTest {

    private static final String S3_DOMAIN = "s3.us-east-1.amazonaws.com";
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";

    private final AtomicReference<RequestGuard> guard = new AtomicReference<>(RequestGuard.allowAll());
    private final List<RequestHead> seen = new CopyOnWriteArrayList<>();
    private LocalCa ca;
    private S3Backend s3;
    private EndpointListener listener;
    private S3Client pathStyle;
    private S3Client virtualHosted;

    @BeforeAll
    void start() throws Exception {
        ca = LocalCa.inMemory();
        s3 = S3Backend.start(null);
        listener = EndpointListener.builder(ca, new HostBackendRouter().route(S3_DOMAIN, s3))
                .guard(head -> {
                    seen.add(head);
                    return guard.get().inspect(head);
                })
                .start();
        pathStyle = client(true);
        virtualHosted = client(false);
    }

    private S3Client client(boolean forcePathStyle) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ca.trustStore(KeyStore.getDefaultType()));
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "secret")))
                .endpointOverride(URI.create("https://" + S3_DOMAIN + ":" + listener.port()))
                .forcePathStyle(forcePathStyle)
                .httpClient(ApacheHttpClient.builder()
                        // every name is this machine: bucket.s3.us-east-1.amazonaws.com included
                        .dnsResolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()})
                        .tlsTrustManagersProvider(tmf::getTrustManagers)
                        .build())
                .build();
    }

    @AfterAll
    void stop() {
        pathStyle.close();
        virtualHosted.close();
        listener.close();
        s3.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void putAndGetAnObject(boolean usePathStyle) {
        S3Client s3Client = usePathStyle ? pathStyle : virtualHosted;
        String bucket = usePathStyle ? "path-style-bucket" : "virtual-hosted-bucket";
        seen.clear();
        s3Client.createBucket(b -> b.bucket(bucket));
        s3Client.putObject(p -> p.bucket(bucket).key("dir/hello.txt").contentType("text/plain"),
                RequestBody.fromString("hello through the endpoint"));

        byte[] body = s3Client.getObjectAsBytes(g -> g.bucket(bucket).key("dir/hello.txt")).asByteArray();
        assertEquals("hello through the endpoint", new String(body, StandardCharsets.UTF_8));

        String expectedHost = usePathStyle ? S3_DOMAIN : bucket + "." + S3_DOMAIN;
        assertTrue(seen.stream().allMatch(h -> h.host().equals(expectedHost)), "routed by " + expectedHost);
        assertTrue(seen.stream().allMatch(h -> h.sniHostName().equals(expectedHost)), "SNI " + expectedHost);
        assertEquals(ACCESS_KEY, seen.get(0).accessKeyId().orElseThrow(), "SigV4 access key visible to the guard");
    }

    @Test
    void bucketAndObjectOperationsBehaveLikeS3() {
        String bucket = "ops-bucket";
        virtualHosted.createBucket(b -> b.bucket(bucket));
        virtualHosted.headBucket(h -> h.bucket(bucket));
        for (String key : List.of("a/1", "a/2", "b/3")) {
            virtualHosted.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        List<String> underA = virtualHosted.listObjectsV2(l -> l.bucket(bucket).prefix("a/")).contents().stream()
                .map(S3Object::key).toList();
        assertEquals(List.of("a/1", "a/2"), underA);
        assertEquals(3L, virtualHosted.headObject(h -> h.bucket(bucket).key("b/3")).contentLength());

        for (String key : List.of("a/1", "a/2", "b/3")) {
            virtualHosted.deleteObject(d -> d.bucket(bucket).key(key));
        }
        assertThrows(NoSuchKeyException.class, () -> virtualHosted.getObjectAsBytes(g -> g.bucket(bucket).key("a/1")));
        virtualHosted.deleteBucket(d -> d.bucket(bucket));
        S3Exception gone = assertThrows(S3Exception.class, () -> pathStyle.headBucket(h -> h.bucket(bucket)));
        assertEquals(404, gone.statusCode());
    }

    @Test
    void tenMebibyteObjectStreamsThroughBothWays() throws Exception {
        String bucket = "large-objects";
        pathStyle.createBucket(b -> b.bucket(bucket));
        byte[] data = new byte[10 * 1024 * 1024];
        new Random(42).nextBytes(data);

        virtualHosted.putObject(p -> p.bucket(bucket).key("ten-mib.bin"), RequestBody.fromBytes(data));

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long length = 0;
        try (ResponseInputStream<GetObjectResponse> in =
                     virtualHosted.getObject(g -> g.bucket(bucket).key("ten-mib.bin"))) {
            assertEquals(data.length, in.response().contentLength());
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
                length += n;
            }
        }
        assertEquals(data.length, length);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), sha.digest());
    }

    @Test
    void multipartUploadCompletes() {
        String bucket = "multipart-bucket";
        virtualHosted.createBucket(b -> b.bucket(bucket));
        String uploadId = virtualHosted.createMultipartUpload(c -> c.bucket(bucket).key("big")).uploadId();
        byte[] part1 = new byte[5 * 1024 * 1024];
        byte[] part2 = "the tail".getBytes(StandardCharsets.UTF_8);
        new Random(7).nextBytes(part1);
        List<CompletedPart> parts = new ArrayList<>();
        int number = 1;
        for (byte[] part : List.of(part1, part2)) {
            int n = number++;
            String etag = virtualHosted.uploadPart(u -> u.bucket(bucket).key("big").uploadId(uploadId).partNumber(n),
                    RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        virtualHosted.completeMultipartUpload(c -> c.bucket(bucket).key("big").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));

        byte[] whole = virtualHosted.getObjectAsBytes(g -> g.bucket(bucket).key("big")).asByteArray();
        assertEquals(part1.length + part2.length, whole.length);
        assertEquals("the tail", new String(whole, part1.length, part2.length, StandardCharsets.UTF_8));
    }

    @Test
    void guardRefusesWithAServiceSpecificErrorBeforeTheBodyIsSent() {
        String bucket = "guarded-bucket";
        pathStyle.createBucket(b -> b.bucket(bucket));
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                + "<Message>Access Denied by the VPC endpoint policy</Message><RequestId>0123456789ABCDEF</RequestId>"
                + "</Error>";
        guard.set(head -> head.uri().contains("secret")
                ? new RequestVerdict.Refuse(HttpResponseStatus.FORBIDDEN, "application/xml",
                        xml.getBytes(StandardCharsets.UTF_8), Map.of("x-amz-request-id", "0123456789ABCDEF"))
                : RequestVerdict.allow());
        try {
            S3Exception refused = assertThrows(S3Exception.class, () -> virtualHosted.putObject(
                    p -> p.bucket(bucket).key("secret.txt"), RequestBody.fromBytes(new byte[256 * 1024])));
            assertEquals(403, refused.statusCode());
            assertEquals("AccessDenied", refused.awsErrorDetails().errorCode());
            assertEquals("Access Denied by the VPC endpoint policy", refused.awsErrorDetails().errorMessage());

            // the refused body never reached S3, and the client (and listener) carry on
            virtualHosted.putObject(p -> p.bucket(bucket).key("public.txt"), RequestBody.fromString("ok"));
            assertEquals(List.of("public.txt"), virtualHosted.listObjectsV2(l -> l.bucket(bucket)).contents()
                    .stream().map(S3Object::key).toList());
        } finally {
            guard.set(RequestGuard.allowAll());
        }
    }

    @Test
    void objectBodyReadsAsAStream() throws Exception {
        String bucket = "stream-read";
        pathStyle.createBucket(b -> b.bucket(bucket));
        pathStyle.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("0123456789"));
        try (InputStream in = pathStyle.getObject(g -> g.bucket(bucket).key("k").range("bytes=2-5"))) {
            assertEquals("2345", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }
}
