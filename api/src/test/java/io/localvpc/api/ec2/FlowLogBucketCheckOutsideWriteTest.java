package io.localvpc.api.ec2;

import io.localvpc.api.ApiReply;
import io.localvpc.core.flowlogs.FlowLogDestinations;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CreateFlowLogs asks the embedded S3 whether its bucket exists, which waits while S3 starts. It must ask before its
 * transaction: asked inside, the wait held the store's write lock and every other write of the scope waited with it.
 */
class FlowLogBucketCheckOutsideWriteTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    @Test
    void anotherWriteCompletesWhileTheBucketCheckWaits() {
        try (Store store = new Store(Journal.NONE, Clock.systemUTC(), tx -> { })) {
            AtomicBoolean otherWriteDone = new AtomicBoolean();
            AtomicReference<String> asked = new AtomicReference<>();
            FlowLogDestinations slowS3 = bucket -> {
                asked.set(bucket);
                // another client's write while S3 "starts": it must not wait for this request
                CompletableFuture<Void> other = CompletableFuture.runAsync(() -> store.write(SCOPE, tx -> {
                    tx.put(new InternetGateway("igw-meanwhile", SCOPE.account(), null));
                    return null;
                }));
                try {
                    other.get(20, TimeUnit.SECONDS);
                    otherWriteDone.set(true);
                } catch (Exception e) {
                    otherWriteDone.set(false);
                }
                return false;
            };
            Ec2Api api = new Ec2Api(store, SCOPE.account(), SCOPE.region(), slowS3);

            ApiReply reply = api.handle(Map.of("Action", "CreateFlowLogs", "Version", "2016-11-15", "ResourceId.1", "vpc-0123456789abcdef0",
                    "ResourceType", "VPC", "TrafficType", "ALL", "LogDestinationType", "s3", "LogDestination", "arn:aws:s3:::reports/flows"), null, null, "r-1");

            String body = new String(reply.body(), StandardCharsets.UTF_8);
            assertEquals(200, reply.status(), body);
            assertEquals("reports", asked.get());
            assertTrue(otherWriteDone.get(), "a write of the same scope waited for the bucket check");
            assertTrue(store.view(SCOPE).find(InternetGateway.class, "igw-meanwhile").isPresent());
            assertTrue(body.contains("InvalidVpcID.NotFound"), body); // the answer is as before: the unknown VPC is unsuccessful
        }
    }
}
