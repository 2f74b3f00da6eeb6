package io.localvpc.testkit;

import io.localvpc.core.time.ManualClock;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IAM and STS on the API port through the AWS SDK for Java v2 (issue 13): users and their keys, roles with trust
 * policies, AssumeRole and GetSessionToken with temporary credentials that act as the session, in the key's account.
 */
class IamStsApiTest {
    private static final String ACCOUNT = "111122223333";
    private static final String TRUST_ALICE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":user/alice\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-12-06T12:00:00Z"));
    private static LocalVpc lv;
    private static IamClient rootIam;
    private static StsClient rootSts;

    @BeforeAll
    static void start() {
        lv = LocalVpc.builder().port(0).inMemory().clock(CLOCK).start();
        rootIam = iam(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret")));
        rootSts = sts(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret")));
    }

    @AfterAll
    static void stop() {
        rootIam.close();
        rootSts.close();
        lv.close();
    }

    static IamClient iam(StaticCredentialsProvider creds) {
        return IamClient.builder().endpointOverride(lv.endpoint()).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(creds).build();
    }

    static StsClient sts(StaticCredentialsProvider creds) {
        return StsClient.builder().endpointOverride(lv.endpoint()).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(creds).build();
    }

    static StaticCredentialsProvider of(AccessKey k) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey()));
    }

    static StaticCredentialsProvider of(Credentials c) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    @Test
    void aUsersKeyActsAsTheUserInItsAccount() {
        rootIam.createUser(r -> r.userName("alice").path("/team/").tags(t -> t.key("team").value("net")));
        AccessKey key = rootIam.createAccessKey(r -> r.userName("alice")).accessKey();
        assertTrue(key.accessKeyId().startsWith("AKIA") && key.accessKeyId().length() == 20, key.accessKeyId());
        assertEquals(40, key.secretAccessKey().length());
        try (StsClient asAlice = sts(of(key)); IamClient aliceIam = iam(of(key));
             Ec2Client ec2 = Ec2Client.builder().endpointOverride(lv.endpoint()).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(of(key)).build()) {
            var me = asAlice.getCallerIdentity();
            assertEquals(ACCOUNT, me.account());
            assertEquals("arn:aws:iam::" + ACCOUNT + ":user/team/alice", me.arn());
            assertEquals("alice", aliceIam.getUser().user().userName());
            assertEquals("/team/", aliceIam.getUser().user().path());
            assertEquals(List.of("team"), rootIam.getUser(r -> r.userName("alice")).user().tags().stream().map(t -> t.key()).toList());
            // The key's account, not the default one, owns what it creates.
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
            assertEquals(ACCOUNT, ec2.describeVpcs(r -> r.vpcIds(vpc)).vpcs().get(0).ownerId());
        }
        assertThrows(EntityAlreadyExistsException.class, () -> rootIam.createUser(r -> r.userName("alice")));
        assertThrows(DeleteConflictException.class, () -> rootIam.deleteUser(r -> r.userName("alice")));
        rootIam.createAccessKey(r -> r.userName("alice"));
        assertThrows(LimitExceededException.class, () -> rootIam.createAccessKey(r -> r.userName("alice")));
        assertEquals(2, rootIam.listAccessKeys(r -> r.userName("alice")).accessKeyMetadata().size());
    }

    @Test
    void assumeRoleIsDecidedByTheTrustPolicyAndActsAsTheSession() {
        rootIam.createUser(r -> r.userName("bob"));
        AccessKey bob = rootIam.createAccessKey(r -> r.userName("bob")).accessKey();
        Role role = rootIam.createRole(r -> r.roleName("deployer").assumeRolePolicyDocument(TRUST_ALICE).description("ci").maxSessionDuration(7200)).role();
        assertEquals(TRUST_ALICE, URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8), "IAM sends documents URL-encoded");
        assertEquals(7200, rootIam.getRole(r -> r.roleName("deployer")).role().maxSessionDuration());
        rootIam.putRolePolicy(r -> r.roleName("deployer").policyName("read").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
        assertEquals(List.of("read"), rootIam.listRolePolicies(r -> r.roleName("deployer")).policyNames());

        try (StsClient asBob = sts(of(bob))) {
            StsException refused = assertThrows(StsException.class, () -> asBob.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("x1")));
            assertEquals("AccessDenied", refused.awsErrorDetails().errorCode());
        }
        rootIam.updateAssumeRolePolicy(r -> r.roleName("deployer").policyDocument(TRUST_ALICE.replace("user/alice", "user/bob")));
        try (StsClient asBob = sts(of(bob))) {
            AssumeRoleResponse assumed = asBob.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("build-42").durationSeconds(900));
            assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/deployer/build-42", assumed.assumedRoleUser().arn());
            assertTrue(assumed.credentials().accessKeyId().startsWith("ASIA"));
            try (StsClient session = sts(of(assumed.credentials()))) {
                var me = session.getCallerIdentity();
                assertEquals(assumed.assumedRoleUser().arn(), me.arn());
                assertEquals(role.roleId() + ":build-42", me.userId());
                StsException noChaining = assertThrows(StsException.class, session::getSessionToken);
                assertEquals("AccessDenied", noChaining.awsErrorDetails().errorCode());
            }
            StsException tooLong = assertThrows(StsException.class, () -> asBob.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("x2").durationSeconds(9000)));
            assertEquals("ValidationError", tooLong.awsErrorDetails().errorCode());

            CLOCK.advance(Duration.ofSeconds(901));
            try (StsClient expired = sts(of(assumed.credentials()))) {
                StsException e = assertThrows(StsException.class, expired::getCallerIdentity);
                assertEquals("ExpiredToken", e.awsErrorDetails().errorCode());
            }
        }
    }

    @Test
    void getSessionTokenActsAsTheUser() {
        rootIam.createUser(r -> r.userName("carol"));
        AccessKey carol = rootIam.createAccessKey(r -> r.userName("carol")).accessKey();
        try (StsClient asCarol = sts(of(carol))) {
            Credentials c = asCarol.getSessionToken().credentials();
            try (StsClient session = sts(of(c))) {
                assertEquals("arn:aws:iam::" + ACCOUNT + ":user/carol", session.getCallerIdentity().arn());
            }
        }
    }

    @Test
    void instanceProfilesHoldOneRoleAndBlockDeletes() {
        rootIam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
        rootIam.createRole(r -> r.roleName("other").assumeRolePolicyDocument(TRUST_ALICE));
        InstanceProfile p = rootIam.createInstanceProfile(r -> r.instanceProfileName("app-profile")).instanceProfile();
        assertTrue(p.instanceProfileId().startsWith("AIPA") && p.roles().isEmpty());
        rootIam.addRoleToInstanceProfile(r -> r.instanceProfileName("app-profile").roleName("app"));
        assertThrows(LimitExceededException.class, () -> rootIam.addRoleToInstanceProfile(r -> r.instanceProfileName("app-profile").roleName("other")));
        assertEquals("app", rootIam.getInstanceProfile(r -> r.instanceProfileName("app-profile")).instanceProfile().roles().get(0).roleName());
        assertEquals(List.of("app-profile"), rootIam.listInstanceProfilesForRole(r -> r.roleName("app")).instanceProfiles().stream()
                .map(InstanceProfile::instanceProfileName).toList());
        assertThrows(DeleteConflictException.class, () -> rootIam.deleteRole(r -> r.roleName("app")));
        assertThrows(DeleteConflictException.class, () -> rootIam.deleteInstanceProfile(r -> r.instanceProfileName("app-profile")));
        rootIam.removeRoleFromInstanceProfile(r -> r.instanceProfileName("app-profile").roleName("app"));
        rootIam.deleteInstanceProfile(r -> r.instanceProfileName("app-profile"));
        rootIam.deleteRole(r -> r.roleName("app"));
        assertThrows(NoSuchEntityException.class, () -> rootIam.getRole(r -> r.roleName("app")));
    }

    @Test
    void managedPoliciesAttachAndPage() {
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\",\"Resource\":\"*\"}]}";
        String arn = rootIam.createPolicy(r -> r.policyName("describe").policyDocument(doc)).policy().arn();
        assertEquals("arn:aws:iam::" + ACCOUNT + ":policy/describe", arn);
        for (int i = 0; i < 5; i++) {
            int n = i;
            rootIam.createRole(r -> r.roleName("paged-" + n).path("/paged/").assumeRolePolicyDocument(TRUST_ALICE));
        }
        rootIam.attachRolePolicy(r -> r.roleName("paged-0").policyArn(arn));
        assertEquals(1, rootIam.getPolicy(r -> r.policyArn(arn)).policy().attachmentCount());
        assertThrows(DeleteConflictException.class, () -> rootIam.deletePolicy(r -> r.policyArn(arn)));
        assertEquals(doc, URLDecoder.decode(rootIam.getPolicyVersion(r -> r.policyArn(arn).versionId("v1")).policyVersion().document(), StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListRolesResponse page = rootIam.listRoles(r -> r.pathPrefix("/paged/").maxItems(2).marker(m));
            page.roles().forEach(role -> names.add(role.roleName()));
            marker = page.isTruncated() ? page.marker() : null;
        } while (marker != null);
        assertEquals(List.of("paged-0", "paged-1", "paged-2", "paged-3", "paged-4"), names);
        assertThrows(MalformedPolicyDocumentException.class, () -> rootIam.createPolicy(r -> r.policyName("bad").policyDocument("{\"Statement\":[]}")));
        IamException awsManaged = assertThrows(IamException.class,
                () -> rootIam.attachRolePolicy(r -> r.roleName("paged-1").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")));
        assertEquals("UnsupportedOperation", awsManaged.awsErrorDetails().errorCode());
        assertFalse(rootIam.listPolicies(r -> r.scope("Local")).policies().isEmpty());
    }

    /**
     * What Terraform's provider calls beyond create and read: UpdateRoleDescription on a changed description,
     * Tag/Untag/List…Tags on instance profiles and policies when their tags change, and ListPolicyVersions
     * before every policy delete (the one default version answers, without its document).
     */
    @Test
    void terraformsUpdateAndDeleteCallsAreServed() {
        rootIam.createRole(r -> r.roleName("tf-desc").assumeRolePolicyDocument(TRUST_ALICE).description("before"));
        Role updated = rootIam.updateRoleDescription(r -> r.roleName("tf-desc").description("after")).role();
        assertEquals("after", updated.description());
        assertEquals("after", rootIam.getRole(r -> r.roleName("tf-desc")).role().description());
        assertEquals(3600, updated.maxSessionDuration(), "the rest of the role is unchanged");
        assertThrows(NoSuchEntityException.class, () -> rootIam.updateRoleDescription(r -> r.roleName("tf-nobody").description("x")));

        rootIam.createInstanceProfile(r -> r.instanceProfileName("tf-tags").tags(t -> t.key("Name").value("a")));
        rootIam.tagInstanceProfile(r -> r.instanceProfileName("tf-tags").tags(t -> t.key("tier").value("app"), t -> t.key("Name").value("b")));
        rootIam.untagInstanceProfile(r -> r.instanceProfileName("tf-tags").tagKeys("Name"));
        assertEquals(List.of("tier=app"), rootIam.listInstanceProfileTags(r -> r.instanceProfileName("tf-tags")).tags().stream()
                .map(t -> t.key() + "=" + t.value()).toList());
        assertEquals(List.of("tier=app"), rootIam.getInstanceProfile(r -> r.instanceProfileName("tf-tags")).instanceProfile().tags().stream()
                .map(t -> t.key() + "=" + t.value()).toList());
        assertThrows(NoSuchEntityException.class, () -> rootIam.tagInstanceProfile(r -> r.instanceProfileName("tf-none").tags(t -> t.key("a").value("b"))));

        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}";
        String arn = rootIam.createPolicy(r -> r.policyName("tf-versions").policyDocument(doc).tags(t -> t.key("a").value("1"), t -> t.key("b").value("2")))
                .policy().arn();
        rootIam.untagPolicy(r -> r.policyArn(arn).tagKeys("a"));
        rootIam.tagPolicy(r -> r.policyArn(arn).tags(t -> t.key("c").value("3")));
        var tagPage = rootIam.listPolicyTags(r -> r.policyArn(arn).maxItems(1));
        assertEquals(List.of("b"), tagPage.tags().stream().map(t -> t.key()).toList());
        assertTrue(tagPage.isTruncated(), "MaxItems pages tags as every IAM list");
        assertEquals(List.of("c"), rootIam.listPolicyTags(r -> r.policyArn(arn).marker(tagPage.marker())).tags().stream().map(t -> t.key()).toList());
        var versions = rootIam.listPolicyVersions(r -> r.policyArn(arn)).versions();
        assertEquals(1, versions.size());
        assertEquals("v1", versions.get(0).versionId());
        assertTrue(versions.get(0).isDefaultVersion());
        assertEquals(null, versions.get(0).document(), "ListPolicyVersions leaves the documents out");
        rootIam.deletePolicy(r -> r.policyArn(arn));
        assertThrows(NoSuchEntityException.class, () -> rootIam.listPolicyVersions(r -> r.policyArn(arn)));
    }
}
