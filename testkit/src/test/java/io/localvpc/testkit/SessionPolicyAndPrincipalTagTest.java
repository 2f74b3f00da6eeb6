package io.localvpc.testkit;

import io.localvpc.core.time.ManualClock;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At the endpoints, a role session is judged as AWS judges it: its session policy (AssumeRole's {@code Policy})
 * narrows what its role's policies allow, and {@code aws:PrincipalTag/…} holds the role's tags, with session tags
 * winning on the same key.
 */
class SessionPolicyAndPrincipalTagTest {
    private static final String TRUST_ROOT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";
    private static final String ALL_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    private static final String READ_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::shared\",\"arn:aws:s3:::shared/*\"]}]}";
    private static final String BLUE_TEAM_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}}]}";

    @Test
    void sessionPoliciesNarrowAndRoleTagsArePrincipalTags() {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));
        StaticCredentialsProvider root = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "secret"));
        try (LocalVpc lv = LocalVpc.builder().port(0).inMemory().clock(clock).start();
             Ec2Client ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
             IamClient iam = IamClient.builder().endpointOverride(lv.endpoint()).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(root).build();
             StsClient sts = StsClient.builder().endpointOverride(lv.endpoint()).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(root).build()) {
            Layouts net = new Layouts(ec2);
            String vpc = net.vpc("10.87.0.0/16");
            String subnet = net.subnet(vpc, "10.87.1.0/24", "us-east-1a");
            String endpoint = net.s3GatewayEndpoint(vpc, net.routeTable(vpc, subnet));
            String instance = ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1).subnetId(subnet)).instances().get(0).instanceId();
            clock.advance(Duration.ofMinutes(1));
            Workload w = new Workload(instance, lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
            try (S3Client asRoot = w.s3(true)) {
                asRoot.createBucket(r -> r.bucket("shared"));
                asRoot.putObject(r -> r.bucket("shared").key("a.txt"), RequestBody.fromString("a"));
            }
            iam.createRole(r -> r.roleName("writer").assumeRolePolicyDocument(TRUST_ROOT));
            iam.putRolePolicy(r -> r.roleName("writer").policyName("s3").policyDocument(ALL_S3));
            iam.createRole(r -> r.roleName("blue").assumeRolePolicyDocument(TRUST_ROOT).tags(t -> t.key("team").value("blue")));
            iam.putRolePolicy(r -> r.roleName("blue").policyName("s3").policyDocument(ALL_S3));

            try (S3Client full = w.s3With(session(sts, "writer", r -> { }));
                 S3Client narrowed = w.s3With(session(sts, "writer", r -> r.policy(READ_ONLY)))) {
                full.putObject(r -> r.bucket("shared").key("b.txt"), RequestBody.fromString("b"));
                assertEquals("a", narrowed.getObjectAsBytes(r -> r.bucket("shared").key("a.txt")).asUtf8String());
                assertEquals(2, narrowed.listObjectsV2(r -> r.bucket("shared")).keyCount());
                S3Exception denied = assertThrows(S3Exception.class, () -> narrowed.putObject(r -> r.bucket("shared").key("c.txt"), RequestBody.fromString("c")));
                assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
                assertEquals("User: arn:aws:sts::000000000000:assumed-role/writer/ci is not authorized to perform: s3:PutObject on resource: "
                        + "\"arn:aws:s3:::shared/c.txt\" because no session policy allows the s3:PutObject action", denied.awsErrorDetails().errorMessage());
            }

            ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(endpoint).policyDocument(BLUE_TEAM_ONLY));
            try (S3Client blue = w.s3With(session(sts, "blue", r -> { }));
                 S3Client writer = w.s3With(session(sts, "writer", r -> { }));
                 S3Client retagged = w.s3With(session(sts, "blue", r -> r.tags(t -> t.key("team").value("red"))))) {
                assertEquals("a", blue.getObjectAsBytes(r -> r.bucket("shared").key("a.txt")).asUtf8String());
                S3Exception untagged = assertThrows(S3Exception.class, () -> writer.getObjectAsBytes(r -> r.bucket("shared").key("a.txt")));
                assertTrue(untagged.awsErrorDetails().errorMessage().endsWith("because no VPC endpoint policy allows the s3:GetObject action"),
                        untagged.awsErrorDetails().errorMessage());
                S3Exception red = assertThrows(S3Exception.class, () -> retagged.getObjectAsBytes(r -> r.bucket("shared").key("a.txt")));
                assertTrue(red.awsErrorDetails().errorMessage().contains("assumed-role/blue/ci is not authorized"), red.awsErrorDetails().errorMessage());
            }
        }
    }

    private static StaticCredentialsProvider session(StsClient sts, String role, Consumer<AssumeRoleRequest.Builder> more) {
        Credentials c = sts.assumeRole(r -> {
            r.roleArn("arn:aws:iam::000000000000:role/" + role).roleSessionName("ci").durationSeconds(900);
            more.accept(r);
        }).credentials();
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }
}
