package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The identity calls Terraform's provider and Ansible's modules make before anything else, answered on the
 * API port by the request's SigV4 service: sts:GetCallerIdentity and iam:GetUser, through the real SDK clients.
 */
@ExtendWith(LocalVpcExtension.class)
class CallerIdentityApiTest {

    static StsClient sts(URI endpoint, String key) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, "secret"))).build();
    }

    static IamClient iam(URI endpoint, String key) {
        return IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, "secret"))).build();
    }

    @Test
    void anyKeyIsTheDefaultAccountsRoot(URI endpoint) {
        try (StsClient sts = sts(endpoint, "test")) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertEquals("000000000000", me.account());
            assertEquals("arn:aws:iam::000000000000:root", me.arn());
            assertEquals("000000000000", me.userId());
            assertFalse(me.responseMetadata().requestId().isEmpty());
        }
    }

    @Test
    void aTwelveDigitKeyIsThatAccount(URI endpoint) {
        try (StsClient sts = sts(endpoint, "111122223333"); IamClient iam = iam(endpoint, "111122223333")) {
            assertEquals("111122223333", sts.getCallerIdentity().account());
            User root = iam.getUser().user();
            assertEquals("arn:aws:iam::111122223333:root", root.arn());
            assertEquals("111122223333", root.userId());
            assertNull(root.userName());
            assertTrue(root.createDate() != null);
        }
    }

    @Test
    void iamGetUserOfSomeoneElseIsNoSuchEntity(URI endpoint) {
        try (IamClient iam = iam(endpoint, "test")) {
            assertThrows(NoSuchEntityException.class, () -> iam.getUser(r -> r.userName("nobody")));
        }
    }

    @Test
    void strictModeAnswersTheConfiguredUser(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("iam.json");
        Files.writeString(config, """
                {"principals": [
                  {"accessKeyId": "AKIAALICEEXAMPLE0001", "arn": "arn:aws:iam::123456789012:user/team/alice", "policies": {}},
                  {"accessKeyId": "ASIAROLESESSION00001", "arn": "arn:aws:iam::123456789012:role/deployer", "policies": {}}
                ]}""");
        try (LocalVpc lv = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true).withIamConfig(config)).start();
             StsClient alice = sts(lv.endpoint(), "AKIAALICEEXAMPLE0001"); IamClient aliceIam = iam(lv.endpoint(), "AKIAALICEEXAMPLE0001");
             StsClient role = sts(lv.endpoint(), "ASIAROLESESSION00001"); IamClient roleIam = iam(lv.endpoint(), "ASIAROLESESSION00001")) {
            GetCallerIdentityResponse me = alice.getCallerIdentity();
            assertEquals("123456789012", me.account());
            assertEquals("arn:aws:iam::123456789012:user/team/alice", me.arn());
            assertTrue(me.userId().startsWith("AIDA") && me.userId().length() == 21, me.userId());
            assertEquals(me.userId(), alice.getCallerIdentity().userId(), "the same user id every time");

            User user = aliceIam.getUser().user();
            assertEquals("alice", user.userName());
            assertEquals("/team/", user.path());
            assertEquals(me.userId(), user.userId());
            assertEquals("alice", aliceIam.getUser(r -> r.userName("alice")).user().userName());

            GetCallerIdentityResponse asRole = role.getCallerIdentity();
            assertEquals("arn:aws:iam::123456789012:role/deployer", asRole.arn());
            assertTrue(asRole.userId().startsWith("AROA"), asRole.userId());
            IamException notAUser = assertThrows(IamException.class, roleIam::getUser);
            assertEquals("ValidationError", notAUser.awsErrorDetails().errorCode());
        }
    }

    @Test
    void anUnservedServiceIsRefusedByName(URI endpoint) {
        RawEc2.Reply r = new RawEc2(endpoint).post("Action=ListTopics&Version=2010-03-31",
                "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=0");
        assertEquals(400, r.status());
        assertTrue(r.body().contains("<Code>InvalidAction</Code>") && r.body().contains("'sns'"), r.body());
    }

    @Test
    void aMalformedCredentialScopeIsIncompleteSignatureNot500(URI endpoint) {
        for (String credential : new String[]{"////", "test", "test/20261126/us-east-1/ec2", "/20261126/us-east-1/ec2/aws4_request"}) {
            RawEc2.Reply r = new RawEc2(endpoint).post("Action=DescribeVpcs&Version=2016-11-15",
                    "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=host, Signature=0");
            assertEquals(400, r.status(), credential + ": " + r.body());
            assertTrue(r.body().contains("<Code>IncompleteSignature</Code>"), r.body());
        }
    }
}
