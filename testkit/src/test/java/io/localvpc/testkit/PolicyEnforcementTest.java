package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Endpoint and bucket policies decided on every request at the endpoint, end to end: networks built through
 * the EC2 API, a real S3 client (SDK v2) inside an instance, and refusals in S3's own format with AWS's words.
 */
@ExtendWith(LocalVpcExtension.class)
class PolicyEnforcementTest {
    private static final String ROOT = "arn:aws:iam::000000000000:root";

    static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    static String statement(String effect, String action, String... resources) {
        return "{\"Effect\":\"" + effect + "\",\"Principal\":\"*\",\"Action\":\"" + action + "\",\"Resource\":[\"" + String.join("\",\"", resources) + "\"]}";
    }

    private static Workload inside(LocalVpc lv, URI endpoint, String instanceId) {
        return new Workload(instanceId, lv.proxyAddress(), new Admin(endpoint).caPem());
    }

    /** The S3 call is refused by localvpc's policy check: 403 AccessDenied with exactly this message. */
    static S3Exception assertDenied(String message, Executable call) {
        S3Exception e = assertThrows(S3Exception.class, call);
        assertEquals(403, e.statusCode(), e.toString());
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode(), e.toString());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        return e;
    }

    static String implicitByEndpoint(String action, String resource) {
        return "User: " + ROOT + " is not authorized to perform: " + action + " on resource: \"" + resource
                + "\" because no VPC endpoint policy allows the " + action + " action";
    }

    static String explicitIn(String kind, String action, String resource) {
        return "User: " + ROOT + " is not authorized to perform: " + action + " on resource: \"" + resource + "\" with an explicit deny in a " + kind;
    }

    private static void setEndpointPolicy(Ec2Client ec2, String vpce, String policy) {
        assertTrue(ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(vpce).policyDocument(policy)).returnValue());
    }

    private static String read(S3Client s3, String bucket, String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
    }

    private static void put(S3Client s3, String bucket, String key, String body) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    @Test
    void theDefaultEndpointPolicyAndNoBucketPolicyAllowEverything(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.40");
        String vpce = net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        assertTrue(net.describeEndpoint(vpce).policyDocument().contains("\"Action\":\"*\""), "AWS's full-access default");
        try (S3Client s3 = inside(lv, endpoint, vpc.instanceA()).s3(true)) {
            s3.createBucket(r -> r.bucket("pe-default"));
            put(s3, "pe-default", "a.txt", "hello");
            assertEquals("hello", read(s3, "pe-default", "a.txt"));
            assertEquals(List.of("a.txt"), s3.listObjectsV2(r -> r.bucket("pe-default")).contents().stream().map(o -> o.key()).toList());
            s3.deleteObject(r -> r.bucket("pe-default").key("a.txt"));
            s3.deleteBucket(r -> r.bucket("pe-default"));
        }
    }

    @Test
    void anEndpointPolicyAllowingOnlyGetObjectRefusesPutObjectWithAwsWords(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.41");
        String vpce = net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        try (S3Client s3 = inside(lv, endpoint, vpc.instanceA()).s3(true)) {
            s3.createBucket(r -> r.bucket("pe-implicit"));
            put(s3, "pe-implicit", "a.txt", "first");

            setEndpointPolicy(ec2, vpce, policy(statement("Allow", "s3:GetObject", "*")));
            assertEquals("first", read(s3, "pe-implicit", "a.txt"));
            assertDenied(implicitByEndpoint("s3:PutObject", "arn:aws:s3:::pe-implicit/b.txt"), () -> put(s3, "pe-implicit", "b.txt", "no"));
            assertDenied(implicitByEndpoint("s3:ListBucket", "arn:aws:s3:::pe-implicit"), () -> s3.listObjectsV2(r -> r.bucket("pe-implicit")));
        }
        // The refused write never reached S3.
        ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(vpce).resetPolicy(true));
        try (S3Client s3 = inside(lv, endpoint, vpc.instanceB()).s3(true)) {
            assertEquals(List.of("a.txt"), s3.listObjectsV2(r -> r.bucket("pe-implicit")).contents().stream().map(o -> o.key()).toList());
        }
    }

    @Test
    void aDenyStatementInTheEndpointPolicyIsAnExplicitDeny(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.42");
        String vpce = ec2.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).serviceName(Layouts.S3_SERVICE).vpcEndpointType(VpcEndpointType.GATEWAY)
                .routeTableIds(vpc.routeTableId())
                .policyDocument(policy(statement("Allow", "*", "*"), statement("Deny", "s3:DeleteObject", "arn:aws:s3:::pe-explicit/*"))))
                .vpcEndpoint().vpcEndpointId();
        try (S3Client s3 = inside(lv, endpoint, vpc.instanceA()).s3(false)) {
            s3.createBucket(r -> r.bucket("pe-explicit"));
            put(s3, "pe-explicit", "keep.txt", "kept");
            assertDenied(explicitIn("VPC endpoint policy", "s3:DeleteObject", "arn:aws:s3:::pe-explicit/keep.txt"),
                    () -> s3.deleteObject(r -> r.bucket("pe-explicit").key("keep.txt")));
            assertEquals("kept", read(s3, "pe-explicit", "keep.txt"));
        }
        assertTrue(net.describeEndpoint(vpce).policyDocument().contains("s3:DeleteObject"));
    }

    @Test
    void anEndpointPolicyListingOneBucketRefusesTheOthers(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.43");
        String vpce = net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        try (S3Client s3 = inside(lv, endpoint, vpc.instanceA()).s3(true)) {
            for (String b : List.of("pe-allowed", "pe-elsewhere")) {
                s3.createBucket(r -> r.bucket(b));
                put(s3, b, "x.txt", b);
            }
            setEndpointPolicy(ec2, vpce, policy(statement("Allow", "s3:*", "arn:aws:s3:::pe-allowed", "arn:aws:s3:::pe-allowed/*")));

            put(s3, "pe-allowed", "y.txt", "new");
            assertEquals("new", read(s3, "pe-allowed", "y.txt"));
            assertEquals(2, s3.listObjectsV2(r -> r.bucket("pe-allowed")).keyCount());

            assertDenied(implicitByEndpoint("s3:GetObject", "arn:aws:s3:::pe-elsewhere/x.txt"), () -> read(s3, "pe-elsewhere", "x.txt"));
            assertDenied(implicitByEndpoint("s3:PutObject", "arn:aws:s3:::pe-elsewhere/y.txt"), () -> put(s3, "pe-elsewhere", "y.txt", "no"));
            assertDenied(implicitByEndpoint("s3:ListBucket", "arn:aws:s3:::pe-elsewhere"), () -> s3.listObjectsV2(r -> r.bucket("pe-elsewhere")));
            assertDenied(implicitByEndpoint("s3:CreateBucket", "arn:aws:s3:::pe-third"), () -> s3.createBucket(r -> r.bucket("pe-third")));
            // ListBuckets (s3:ListAllMyBuckets on *) is not on the listed bucket either.
            assertDenied(implicitByEndpoint("s3:ListAllMyBuckets", "*"), s3::listBuckets);
        }
    }

    @Test
    void aBucketPolicyRequiringOneEndpointRefusesOtherEndpointsAndTheNatPath(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc a = net.privateVpc("10.44");
        String vpceA = net.s3GatewayEndpoint(a.vpcId(), a.routeTableId());
        Layouts.PrivateVpc b = net.privateVpc("10.45");
        String vpceB = net.s3GatewayEndpoint(b.vpcId(), b.routeTableId());
        Layouts.PrivateVpc natted = net.privateVpc("10.46");
        String publicSubnet = net.subnet(natted.vpcId(), "10.46.0.0/24", Layouts.ZONE_A);
        String publicTable = net.routeTable(natted.vpcId(), publicSubnet);
        net.routeToGateway(publicTable, "0.0.0.0/0", net.internetGateway(natted.vpcId()));
        net.routeToNat(natted.routeTableId(), "0.0.0.0/0", net.natGateway(publicSubnet));
        Admin admin = new Admin(endpoint);
        assertEquals(List.of(vpceB), admin.trace(b.instanceA(), DataPlaneTest.S3_HOST, 443).resources("ENDPOINT"));
        assertTrue(admin.trace(natted.instanceA(), DataPlaneTest.S3_HOST, 443).resources("ENDPOINT").isEmpty());

        String bucket = "pe-only-via-a";
        String object = "arn:aws:s3:::" + bucket + "/data.csv";
        String onlyViaA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"OnlyThroughVpceA\",\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"],"
                + "\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":\"" + vpceA + "\"}}}]}";
        try (S3Client viaA = inside(lv, endpoint, a.instanceA()).s3(true);
             S3Client viaB = inside(lv, endpoint, b.instanceA()).s3(true);
             S3Client viaNat = inside(lv, endpoint, natted.instanceA()).s3(true)) {
            viaA.createBucket(r -> r.bucket(bucket));
            put(viaA, bucket, "data.csv", "a,b\n");
            assertEquals("a,b\n", read(viaB, bucket, "data.csv"), "without a bucket policy every path may read");
            viaA.putBucketPolicy(r -> r.bucket(bucket).policy(onlyViaA));

            assertEquals("a,b\n", read(viaA, bucket, "data.csv"));
            put(viaA, bucket, "more.csv", "c\n");
            assertDenied(explicitIn("resource-based policy", "s3:GetObject", object), () -> read(viaB, bucket, "data.csv"));
            // No endpoint on the NAT path, so no aws:SourceVpce: StringNotEquals matches and the Deny applies, as on AWS.
            assertDenied(explicitIn("resource-based policy", "s3:GetObject", object), () -> read(viaNat, bucket, "data.csv"));
            assertDenied(explicitIn("resource-based policy", "s3:DeleteBucketPolicy", "arn:aws:s3:::" + bucket),
                    () -> viaNat.deleteBucketPolicy(r -> r.bucket(bucket)));

            viaA.deleteBucketPolicy(r -> r.bucket(bucket));
            assertEquals("c\n", read(viaB, bucket, "more.csv"));
            assertEquals("c\n", read(viaNat, bucket, "more.csv"));
        }
    }

    @Test
    void changingTheEndpointPolicyTakesEffectOnTheVeryNextRequest(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.47");
        String vpce = net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        // One client, so one kept-alive connection: decisions are per request, not per connection.
        try (S3Client s3 = inside(lv, endpoint, vpc.instanceA()).s3(true)) {
            s3.createBucket(r -> r.bucket("pe-live"));
            put(s3, "pe-live", "1.txt", "one");

            setEndpointPolicy(ec2, vpce, policy(statement("Allow", "*", "*"), statement("Deny", "s3:PutObject", "*")));
            assertDenied(explicitIn("VPC endpoint policy", "s3:PutObject", "arn:aws:s3:::pe-live/2.txt"), () -> put(s3, "pe-live", "2.txt", "two"));
            assertEquals("one", read(s3, "pe-live", "1.txt"));

            setEndpointPolicy(ec2, vpce, policy(statement("Allow", "s3:PutObject", "*")));
            put(s3, "pe-live", "2.txt", "two");
            assertDenied(implicitByEndpoint("s3:GetObject", "arn:aws:s3:::pe-live/2.txt"), () -> read(s3, "pe-live", "2.txt"));

            assertTrue(ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(vpce).resetPolicy(true)).returnValue());
            assertEquals("two", read(s3, "pe-live", "2.txt"));
            put(s3, "pe-live", "3.txt", "three");
        }
    }

    @Test
    void bucketPoliciesAreReadDeletedAndValidatedThroughTheSdk(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.48");
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        String bucket = "pe-policy-crud";
        String text = policy(statement("Allow", "s3:GetObject", "arn:aws:s3:::" + bucket + "/*"));
        try (S3Client s3 = inside(lv, endpoint, vpc.instanceA()).s3(true)) {
            s3.createBucket(r -> r.bucket(bucket));
            S3Exception none = assertThrows(S3Exception.class, () -> s3.getBucketPolicy(r -> r.bucket(bucket)));
            assertEquals(404, none.statusCode());
            assertEquals("NoSuchBucketPolicy", none.awsErrorDetails().errorCode());
            assertEquals("The bucket policy does not exist", none.awsErrorDetails().errorMessage());

            s3.putBucketPolicy(r -> r.bucket(bucket).policy(text));
            assertEquals(text, s3.getBucketPolicy(r -> r.bucket(bucket)).policy());
            s3.deleteBucketPolicy(r -> r.bucket(bucket));
            S3Exception gone = assertThrows(S3Exception.class, () -> s3.getBucketPolicy(r -> r.bucket(bucket)));
            assertEquals(404, gone.statusCode());
            assertEquals("NoSuchBucketPolicy", gone.awsErrorDetails().errorCode());

            S3Exception notJson = assertThrows(S3Exception.class, () -> s3.putBucketPolicy(r -> r.bucket(bucket).policy("Allow everything")));
            assertEquals(400, notJson.statusCode());
            assertEquals("MalformedPolicy", notJson.awsErrorDetails().errorCode());
            // A bucket policy must name a Principal: the IAM parser's reason is passed on.
            S3Exception noPrincipal = assertThrows(S3Exception.class, () -> s3.putBucketPolicy(r -> r.bucket(bucket)
                    .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}")));
            assertEquals(400, noPrincipal.statusCode());
            assertEquals("MalformedPolicy", noPrincipal.awsErrorDetails().errorCode());
            assertTrue(noPrincipal.awsErrorDetails().errorMessage().contains("Principal"), noPrincipal.awsErrorDetails().errorMessage());
            // Neither malformed policy was stored.
            assertEquals("NoSuchBucketPolicy", assertThrows(S3Exception.class, () -> s3.getBucketPolicy(r -> r.bucket(bucket)))
                    .awsErrorDetails().errorCode());
        }
    }

    /** On AWS a bucket policy belongs to the bucket: it cannot be set on a bucket that does not exist. */
    @Test
    void aPolicyForABucketThatDoesNotExistIsNoSuchBucket(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.49");
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        try (S3Client s3 = inside(lv, endpoint, vpc.instanceA()).s3(true)) {
            S3Exception e = assertThrows(S3Exception.class, () -> s3.putBucketPolicy(r -> r.bucket("pe-never-created")
                    .policy(policy(statement("Allow", "s3:GetObject", "arn:aws:s3:::pe-never-created/*")))));
            assertEquals(404, e.statusCode());
            assertEquals("NoSuchBucket", e.awsErrorDetails().errorCode());
        }
    }

    /** Deleting a bucket deletes its policy on AWS; a bucket created later under the same name starts without one. */
    @Test
    void aRecreatedBucketDoesNotInheritTheOldPolicy(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.50");
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        String bucket = "pe-recreated";
        try (S3Client s3 = inside(lv, endpoint, vpc.instanceA()).s3(true)) {
            s3.createBucket(r -> r.bucket(bucket));
            s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy(statement("Deny", "s3:GetObject", "arn:aws:s3:::" + bucket + "/*"))));
            s3.deleteBucket(r -> r.bucket(bucket));
            s3.createBucket(r -> r.bucket(bucket));
            put(s3, bucket, "fresh.txt", "fresh");
            assertEquals("fresh", read(s3, bucket, "fresh.txt"));
            assertEquals("NoSuchBucketPolicy", assertThrows(S3Exception.class, () -> s3.getBucketPolicy(r -> r.bucket(bucket)))
                    .awsErrorDetails().errorCode());
        }
    }
}
