package io.localvpc.dataplane.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.localvpc.dataplane.tls.RequestHead;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Request heads exactly as the AWS SDK for Java v2 sends them (path-style and virtual-hosted, to
 * {@code s3.us-east-1.amazonaws.com} resolved to a loopback capture server), classified. The server answers 200
 * with no body, so most calls fail to parse the answer after the request was captured; that is expected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkCaptureTest {

    private static final String ACCOUNT = "111122223333";

    /** One captured request: head and body. */
    private record Captured(String method, String uri, HttpHeaders headers, byte[] body) {
    }

    private final ConcurrentLinkedQueue<Captured> captured = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private S3Client pathStyle;
    private S3Client virtualHosted;

    @BeforeAll
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            HttpHeaders headers = new DefaultHttpHeaders();
            exchange.getRequestHeaders().forEach((k, vs) -> vs.forEach(v -> headers.add(k, v)));
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            captured.add(new Captured(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                    body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        pathStyle = client(true);
        virtualHosted = client(false);
    }

    private S3Client client(boolean forcePathStyle) {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret")))
                .endpointOverride(URI.create("http://s3.us-east-1.amazonaws.com:" + server.getAddress().getPort()))
                .forcePathStyle(forcePathStyle)
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .httpClient(ApacheHttpClient.builder()
                        .dnsResolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()})
                        .expectContinueEnabled(false)
                        .build())
                .build();
    }

    @AfterAll
    void stop() {
        pathStyle.close();
        virtualHosted.close();
        server.stop(0);
    }

    static Stream<Arguments> calls() {
        String key = "dir/sub dir/what?.txt";
        String keyArn = "arn:aws:s3:::my.logs/" + key;
        String bucketArn = "arn:aws:s3:::my.logs";
        return Stream.of(
                call("ListBuckets", "s3:ListAllMyBuckets", "*", s3 -> s3.listBuckets()),
                call("ListObjectsV2", "s3:ListBucket", bucketArn,
                        s3 -> s3.listObjectsV2(b -> b.bucket("my.logs").prefix("dir/").delimiter("/").maxKeys(5))),
                call("ListObjects", "s3:ListBucket", bucketArn, s3 -> s3.listObjects(b -> b.bucket("my.logs"))),
                call("ListObjectVersions", "s3:ListBucketVersions", bucketArn,
                        s3 -> s3.listObjectVersions(b -> b.bucket("my.logs"))),
                call("HeadBucket", "s3:ListBucket", bucketArn, s3 -> s3.headBucket(b -> b.bucket("my.logs"))),
                call("HeadObject", "s3:GetObject", keyArn, s3 -> s3.headObject(b -> b.bucket("my.logs").key(key))),
                call("GetObject", "s3:GetObject", keyArn,
                        s3 -> s3.getObjectAsBytes(b -> b.bucket("my.logs").key(key))),
                call("GetObject", "s3:GetObjectVersion", keyArn,
                        s3 -> s3.getObjectAsBytes(b -> b.bucket("my.logs").key(key).versionId("v1"))),
                call("PutObject", "s3:PutObject", keyArn,
                        s3 -> s3.putObject(b -> b.bucket("my.logs").key(key), RequestBody.fromString("hello"))),
                call("CopyObject", "s3:PutObject", "arn:aws:s3:::my.logs/copy",
                        s3 -> s3.copyObject(b -> b.sourceBucket("src").sourceKey(key)
                                .destinationBucket("my.logs").destinationKey("copy"))),
                call("DeleteObject", "s3:DeleteObject", keyArn,
                        s3 -> s3.deleteObject(b -> b.bucket("my.logs").key(key))),
                call("DeleteObjects", "s3:DeleteObject", keyArn + ",arn:aws:s3:::my.logs/b",
                        s3 -> s3.deleteObjects(b -> b.bucket("my.logs").delete(Delete.builder().objects(
                                ObjectIdentifier.builder().key(key).build(),
                                ObjectIdentifier.builder().key("b").build()).build()))),
                call("CreateBucket", "s3:CreateBucket", bucketArn, s3 -> s3.createBucket(b -> b.bucket("my.logs"))),
                call("DeleteBucket", "s3:DeleteBucket", bucketArn, s3 -> s3.deleteBucket(b -> b.bucket("my.logs"))),
                call("GetBucketLocation", "s3:GetBucketLocation", bucketArn,
                        s3 -> s3.getBucketLocation(b -> b.bucket("my.logs"))),
                call("GetBucketPolicy", "s3:GetBucketPolicy", bucketArn,
                        s3 -> s3.getBucketPolicy(b -> b.bucket("my.logs"))),
                call("PutBucketPolicy", "s3:PutBucketPolicy", bucketArn,
                        s3 -> s3.putBucketPolicy(b -> b.bucket("my.logs").policy("{}"))),
                call("DeleteBucketPolicy", "s3:DeleteBucketPolicy", bucketArn,
                        s3 -> s3.deleteBucketPolicy(b -> b.bucket("my.logs"))),
                call("GetBucketTagging", "s3:GetBucketTagging", bucketArn,
                        s3 -> s3.getBucketTagging(b -> b.bucket("my.logs"))),
                call("GetObjectTagging", "s3:GetObjectTagging", keyArn,
                        s3 -> s3.getObjectTagging(b -> b.bucket("my.logs").key(key))),
                call("GetObjectAcl", "s3:GetObjectAcl", keyArn,
                        s3 -> s3.getObjectAcl(b -> b.bucket("my.logs").key(key))),
                call("GetBucketAcl", "s3:GetBucketAcl", bucketArn, s3 -> s3.getBucketAcl(b -> b.bucket("my.logs"))),
                call("CreateMultipartUpload", "s3:PutObject", keyArn,
                        s3 -> s3.createMultipartUpload(b -> b.bucket("my.logs").key(key))),
                call("UploadPart", "s3:PutObject", keyArn,
                        s3 -> s3.uploadPart(b -> b.bucket("my.logs").key(key).uploadId("U1").partNumber(1),
                                RequestBody.fromString("part"))),
                call("CompleteMultipartUpload", "s3:PutObject", keyArn,
                        s3 -> s3.completeMultipartUpload(b -> b.bucket("my.logs").key(key).uploadId("U1")
                                .multipartUpload(CompletedMultipartUpload.builder().parts(
                                        CompletedPart.builder().partNumber(1).eTag("e").build()).build()))),
                call("AbortMultipartUpload", "s3:AbortMultipartUpload", keyArn,
                        s3 -> s3.abortMultipartUpload(b -> b.bucket("my.logs").key(key).uploadId("U1"))),
                call("ListParts", "s3:ListMultipartUploadParts", keyArn,
                        s3 -> s3.listParts(b -> b.bucket("my.logs").key(key).uploadId("U1"))),
                call("ListMultipartUploads", "s3:ListBucketMultipartUploads", bucketArn,
                        s3 -> s3.listMultipartUploads(b -> b.bucket("my.logs"))));
    }

    private static Arguments call(String operation, String action, String resources, Consumer<S3Client> call) {
        return Arguments.of(operation, action, resources, call);
    }

    @ParameterizedTest(name = "{0} path-style")
    @MethodSource("calls")
    void pathStyle(String operation, String action, String resources, Consumer<S3Client> call) {
        check(pathStyle, operation, action, resources, call);
    }

    @ParameterizedTest(name = "{0} virtual-hosted")
    @MethodSource("calls")
    void virtualHosted(String operation, String action, String resources, Consumer<S3Client> call) {
        check(virtualHosted, operation, action, resources, call);
    }

    private void check(S3Client s3, String operation, String action, String resources, Consumer<S3Client> call) {
        captured.clear();
        try {
            call.accept(s3);
        } catch (RuntimeException expected) {
            // the capture server's empty answer is not what the SDK expects; the request was sent
        }
        assertEquals(1, captured.size(), "requests sent");
        Captured c = captured.poll();
        String host = c.headers().get("Host").replaceFirst(":\\d+$", "");
        RequestHead head = new RequestHead(host, host, new InetSocketAddress("10.0.1.15", 50000),
                HttpMethod.valueOf(c.method()), c.uri(), c.headers(), null, null, null);
        RequestClassifier classifier = Requests.CLASSIFIER;
        int wanted = classifier.bodyBytesWanted(head);
        io.localvpc.dataplane.classify.RequestBody body = wanted == 0
                ? io.localvpc.dataplane.classify.RequestBody.absent()
                : io.localvpc.dataplane.classify.RequestBody.complete(c.body());
        ClassifiedRequest r = Requests.classified(classifier.classify(head, body, ACCOUNT));
        assertEquals(operation, r.operation(), c.method() + " " + c.uri());
        assertEquals(action, r.action());
        assertEquals(List.of(resources.split(",")), r.resourceArns());
        assertEquals(ACCOUNT, r.accessKeyId());
        assertEquals("arn:aws:iam::" + ACCOUNT + ":root", r.principal().arn());
        assertEquals("us-east-1", r.region());
    }
}
