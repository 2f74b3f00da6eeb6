package io.localvpc.dataplane.tls;

import io.localvpc.core.state.Change;
import io.localvpc.core.state.Journal;
import io.localvpc.dataplane.backend.HostBackendRouter;
import io.localvpc.dataplane.backend.S3Backend;
import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.backend.StartingBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 9: work that waits never holds the event loop. A request for a backend that is still starting (the
 * embedded S3 in its first seconds), or one whose answer waits on a commit to the state store (a bucket policy), waits
 * without it: with one event loop, another connection is answered meanwhile.
 */
class EventLoopNotBlockedTest {
    private static final String S3 = "s3.us-east-1.amazonaws.com";
    private static final String SIGNED =
            "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261206/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00\r\n";

    @Test
    void aRequestWaitingForAStartingBackendDoesNotHoldTheEventLoop() throws Exception {
        CountDownLatch mayStart = new CountDownLatch(1);
        String servicePath = S3Backend.newServicePath();
        StartingBackend<S3Backend> slow = new StartingBackend<>("embedded S3", ServiceBackend.Protocol.IN_PROCESS, "s3",
                (r, names) -> S3Backend.prepare(r, names, servicePath), () -> {
                    try {
                        mayStart.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return S3Backend.start(null, servicePath);
                });
        try (EndpointListener listener = EndpointListener.builder(LocalCa.inMemory(), new HostBackendRouter().route(S3, slow))
                .workerThreads(1).start();
             Socket waiting = new Socket(InetAddress.getLoopbackAddress(), listener.port());
             Socket other = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            waiting.setSoTimeout(20_000);
            other.setSoTimeout(5_000);
            waiting.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + S3 + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(200); // let the first request reach the front and start waiting
            other.getOutputStream().write("GET / HTTP/1.1\r\nHost: sns.us-east-1.amazonaws.com\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = read(other.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 400"), "answered while the other request waits: " + answer);
            mayStart.countDown();
            String served = read(waiting.getInputStream());
            assertTrue(served.startsWith("HTTP/1.1 200") && served.contains("ListAllMyBucketsResult"), served);
        } finally {
            mayStart.countDown();
            slow.close();
        }
    }

    /**
     * Item 9, the rest: PutBucketPolicy, DeleteBucketPolicy and the policy delete a CreateBucket makes (of a policy
     * left from a deleted bucket of that name) commit to the state store (SQLite with a data directory). With one
     * event loop and a commit that does not end until the test says so (the journal waits), another connection is
     * served meanwhile; the request is answered once its commit is done, and a request sent after it on the same
     * connection is answered after it, seeing what the commit did.
     */
    @ParameterizedTest
    @ValueSource(strings = {"PutBucketPolicy", "DeleteBucketPolicy", "CreateBucket"})
    void aBucketPolicyCommitDoesNotHoldTheEventLoop(String operation) throws Exception {
        CountDownLatch commitMayEnd = new CountDownLatch(1);
        CountDownLatch commitStarted = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean slow = new java.util.concurrent.atomic.AtomicBoolean();
        Journal journal = new Journal() {
            @Override
            public List<Change> load() {
                return List.of();
            }

            @Override
            public void commit(List<Change> changes) {
                if (!slow.get()) return;
                commitStarted.countDown();
                try {
                    commitMayEnd.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void replace(List<Change> rows) {
            }

            @Override
            public void close() {
            }
        };
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutBucketTagging\","
                + "\"Resource\":\"arn:aws:s3:::held\"}]}";
        String getPolicy = "GET /held?policy HTTP/1.1\r\nHost: " + S3 + "\r\nConnection: close\r\n" + SIGNED + "\r\n";
        try (S3Backend s3 = S3Backend.start(null);
             FrontFixture front = FrontFixture.start(new HostBackendRouter().route(S3, s3), java.time.Duration.ofSeconds(20), journal,
                     s3::bucketExists, 1)) {
            assertTrue(exchange(front.port(), "PUT /held HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: 0\r\nConnection: close\r\n"
                    + SIGNED + "\r\n").startsWith("HTTP/1.1 200"));
            if (!operation.equals("PutBucketPolicy")) {
                assertTrue(exchange(front.port(), "PUT /held?policy HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: " + policy.length()
                        + "\r\nConnection: close\r\n" + SIGNED + "\r\n" + policy).startsWith("HTTP/1.1 204"));
            }
            if (operation.equals("CreateBucket")) {
                // the bucket goes, its policy stays behind in localvpc's store until a bucket of that name is made
                assertTrue(exchange(front.port(), "DELETE /held HTTP/1.1\r\nHost: " + S3 + "\r\nConnection: close\r\n" + SIGNED + "\r\n")
                        .startsWith("HTTP/1.1 204"));
            }
            String blocked = switch (operation) {
                case "PutBucketPolicy" -> "PUT /held?policy HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: " + policy.length() + "\r\n"
                        + SIGNED + "\r\n" + policy;
                case "DeleteBucketPolicy" -> "DELETE /held?policy HTTP/1.1\r\nHost: " + S3 + "\r\n" + SIGNED + "\r\n";
                default -> "PUT /held HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: 0\r\n" + SIGNED + "\r\n";
            };
            try {
                slow.set(true);
                try (Socket committing = new Socket(InetAddress.getLoopbackAddress(), front.port());
                     Socket other = new Socket(InetAddress.getLoopbackAddress(), front.port())) {
                    committing.setSoTimeout(20_000);
                    other.setSoTimeout(5_000);
                    committing.getOutputStream().write((blocked + getPolicy).getBytes(StandardCharsets.US_ASCII));
                    assertTrue(commitStarted.await(10, java.util.concurrent.TimeUnit.SECONDS), "the commit began");
                    other.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + S3 + "\r\nConnection: close\r\n" + SIGNED + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    String listed = read(other.getInputStream());
                    assertTrue(listed.startsWith("HTTP/1.1 200") && listed.contains("<ListAllMyBucketsResult"), "served during the commit: " + listed);
                    commitMayEnd.countDown();
                    String answers = read(committing.getInputStream());
                    assertTrue(answers.startsWith(operation.equals("CreateBucket") ? "HTTP/1.1 200" : "HTTP/1.1 204"), answers);
                    int second = answers.indexOf("HTTP/1.1", 1);
                    String after = second < 0 ? "" : answers.substring(second);
                    if (operation.equals("PutBucketPolicy")) {
                        assertTrue(after.startsWith("HTTP/1.1 200") && after.contains("s3:PutBucketTagging"), "answered in order, after the commit: " + answers);
                    } else {
                        assertTrue(after.startsWith("HTTP/1.1 404") && after.contains("NoSuchBucketPolicy"), "answered in order, after the commit: " + answers);
                    }
                }
            } finally {
                commitMayEnd.countDown(); // before the fixture waits for its event loop to end
            }
        }
    }

    private static String exchange(int port, String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return read(s.getInputStream());
        }
    }

    private static String read(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
