package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Strict mode ({@code --iam-config}): requests are decided per principal by the identity policies of the
 * user whose access key signed them, so two programs on the same instance get different answers.
 */
class StrictModeTest {
    private static final String ALICE_KEY = "AKIAALICEEXAMPLE0001";
    private static final String BOB_KEY = "AKIABOBEXAMPLE000001";
    private static final String BUCKET = "strict-x";

    @TempDir
    static Path dir;
    private static LocalVpc lv;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() throws Exception {
        Path iam = dir.resolve("iam.json");
        Files.writeString(iam, """
                {"principals": [
                  {"accessKeyId": "%s", "arn": "arn:aws:iam::000000000000:user/alice",
                   "policies": {"bucket-x-full": {"Version": "2012-10-17", "Statement": [
                     {"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::%s", "arn:aws:s3:::%s/*"]}]}}},
                  {"accessKeyId": "%s", "arn": "arn:aws:iam::000000000000:user/bob",
                   "policies": {"list-only": {"Version": "2012-10-17", "Statement": [
                     {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::%s"}]}}}
                ]}""".formatted(ALICE_KEY, BUCKET, BUCKET, BOB_KEY, BUCKET));
        lv = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true).withIamConfig(iam)).start();
        ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) ec2.close();
        if (lv != null) lv.close();
    }

    private static String notAllowedByIdentity(String user, String action, String resource) {
        return "User: arn:aws:iam::000000000000:user/" + user + " is not authorized to perform: " + action + " on resource: \"" + resource
                + "\" because no identity-based policy allows the " + action + " action";
    }

    @Test
    void twoUsersOnOneInstanceGetTheirOwnDecisions() {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.60");
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        Workload w = new Workload(vpc.instanceA(), lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
        try (S3Client alice = w.s3As(ALICE_KEY, true); S3Client bob = w.s3As(BOB_KEY, true)) {
            alice.createBucket(r -> r.bucket(BUCKET));
            alice.putObject(r -> r.bucket(BUCKET).key("plan.txt"), RequestBody.fromString("alice's plan"));
            assertEquals("alice's plan", alice.getObjectAsBytes(r -> r.bucket(BUCKET).key("plan.txt")).asUtf8String());
            PolicyEnforcementTest.assertDenied(notAllowedByIdentity("alice", "s3:CreateBucket", "arn:aws:s3:::strict-y"),
                    () -> alice.createBucket(r -> r.bucket("strict-y")));

            assertEquals(List.of("plan.txt"), bob.listObjectsV2(r -> r.bucket(BUCKET)).contents().stream().map(o -> o.key()).toList());
            PolicyEnforcementTest.assertDenied(notAllowedByIdentity("bob", "s3:GetObject", "arn:aws:s3:::strict-x/plan.txt"),
                    () -> bob.getObjectAsBytes(r -> r.bucket(BUCKET).key("plan.txt")));
            PolicyEnforcementTest.assertDenied(notAllowedByIdentity("bob", "s3:PutObject", "arn:aws:s3:::strict-x/bob.txt"),
                    () -> bob.putObject(r -> r.bucket(BUCKET).key("bob.txt"), RequestBody.fromString("no")));
        }
        // A key that is not configured keeps localvpc's convention: the account's root user, allowed everything.
        try (S3Client root = w.s3(true)) {
            assertEquals("alice's plan", root.getObjectAsBytes(r -> r.bucket(BUCKET).key("plan.txt")).asUtf8String());
        }
    }

    @Test
    void aBucketPolicyCanGrantWhatTheIdentityPolicyDoesNot() {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.61");
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        Workload w = new Workload(vpc.instanceB(), lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
        try (S3Client root = w.s3(true); S3Client bob = w.s3As(BOB_KEY, true)) {
            root.createBucket(r -> r.bucket("strict-shared"));
            root.putObject(r -> r.bucket("strict-shared").key("s.txt"), RequestBody.fromString("shared"));
            S3Exception before = assertThrows(S3Exception.class, () -> bob.getObjectAsBytes(r -> r.bucket("strict-shared").key("s.txt")));
            assertEquals("AccessDenied", before.awsErrorDetails().errorCode());
            // Same account: an Allow for bob in the bucket policy is enough.
            root.putBucketPolicy(r -> r.bucket("strict-shared").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:user/bob\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::strict-shared/*\"}]}"));
            assertEquals("shared", bob.getObjectAsBytes(r -> r.bucket("strict-shared").key("s.txt")).asUtf8String());
        }
    }
}
