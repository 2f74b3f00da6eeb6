package io.localvpc.testkit;

import io.localvpc.core.time.ManualClock;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keys localvpc's IAM and STS issued are judged at the endpoints as the principal they were issued to (issue 13): a
 * user's key is that user, with its (absent) identity policies, not the account's root; a role session acts with its
 * role's policies until it expires, then gets S3's {@code ExpiredToken}; an inactive key gets {@code InvalidAccessKeyId}.
 */
class EndpointPrincipalTest {
    private static final String TRUST_ROOT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String TEAM_DATA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
            + "\"Resource\":[\"arn:aws:s3:::team-data\",\"arn:aws:s3:::team-data/*\"]}]}";

    @Test
    void issuedKeysAreTheirPrincipalsAtTheEndpoint() {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-06T12:00:00Z"));
        StaticCredentialsProvider root = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "secret"));
        try (LocalVpc lv = LocalVpc.builder().port(0).inMemory().clock(clock).start();
             Ec2Client ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
             IamClient iam = IamClient.builder().endpointOverride(lv.endpoint()).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(root).build();
             StsClient sts = StsClient.builder().endpointOverride(lv.endpoint()).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(root).build()) {
            Layouts net = new Layouts(ec2);
            String vpc = net.vpc("10.86.0.0/16");
            String subnet = net.subnet(vpc, "10.86.1.0/24", "us-east-1a");
            net.s3GatewayEndpoint(vpc, net.routeTable(vpc, subnet));
            String instance = ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1).subnetId(subnet)).instances().get(0).instanceId();
            clock.advance(Duration.ofMinutes(1)); // pending → running
            Workload w = new Workload(instance, lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
            try (S3Client asRoot = w.s3(true)) {
                asRoot.createBucket(r -> r.bucket("team-data"));
            }

            iam.createUser(r -> r.userName("bob"));
            AccessKey bobKey = iam.createAccessKey(r -> r.userName("bob")).accessKey();
            iam.createRole(r -> r.roleName("deployer").assumeRolePolicyDocument(TRUST_ROOT));
            iam.putRolePolicy(r -> r.roleName("deployer").policyName("team-data").policyDocument(TEAM_DATA));
            Credentials session = sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/deployer").roleSessionName("ci").durationSeconds(900))
                    .credentials();

            try (S3Client bob = w.s3With(StaticCredentialsProvider.create(AwsBasicCredentials.create(bobKey.accessKeyId(), bobKey.secretAccessKey())));
                 S3Client deployer = w.s3With(StaticCredentialsProvider.create(AwsSessionCredentials.create(session.accessKeyId(),
                         session.secretAccessKey(), session.sessionToken())))) {
                // bob has no policy: before issue 13 his key counted as the account's root and could list the bucket.
                S3Exception bobDenied = assertThrows(S3Exception.class, () -> bob.listObjectsV2(r -> r.bucket("team-data")));
                assertEquals("AccessDenied", bobDenied.awsErrorDetails().errorCode());
                assertTrue(bobDenied.awsErrorDetails().errorMessage().startsWith("User: arn:aws:iam::000000000000:user/bob is not authorized"),
                        bobDenied.awsErrorDetails().errorMessage());
                assertTrue(bobDenied.awsErrorDetails().errorMessage().contains("identity-based policy"), bobDenied.awsErrorDetails().errorMessage());
                // A policy given to bob counts from the next request (the front's parsed policies follow IAM's state).
                iam.putUserPolicy(r -> r.userName("bob").policyName("team-data").policyDocument(TEAM_DATA));
                assertEquals(0, bob.listObjectsV2(r -> r.bucket("team-data")).keyCount());
                // A key made inactive is refused as S3 refuses an unknown key.
                iam.updateAccessKey(r -> r.userName("bob").accessKeyId(bobKey.accessKeyId()).status("Inactive"));
                S3Exception inactive = assertThrows(S3Exception.class, () -> bob.listObjectsV2(r -> r.bucket("team-data")));
                assertEquals("InvalidAccessKeyId", inactive.awsErrorDetails().errorCode());
                assertEquals(403, inactive.statusCode());

                assertEquals(0, deployer.listObjectsV2(r -> r.bucket("team-data")).keyCount());
                // The role's policy names team-data only.
                S3Exception elsewhere = assertThrows(S3Exception.class, () -> deployer.createBucket(r -> r.bucket("not-team-data")));
                assertTrue(elsewhere.awsErrorDetails().errorMessage().startsWith("User: arn:aws:sts::000000000000:assumed-role/deployer/ci "),
                        elsewhere.awsErrorDetails().errorMessage());

                clock.advance(Duration.ofSeconds(901));
                S3Exception expired = assertThrows(S3Exception.class, () -> deployer.listObjectsV2(r -> r.bucket("team-data")));
                assertEquals("ExpiredToken", expired.awsErrorDetails().errorCode());
                assertEquals("The provided token has expired.", expired.awsErrorDetails().errorMessage());
                assertEquals(400, expired.statusCode());
            }
        }
    }
}
