package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Programs inside instances with instance profiles, given no credentials at all (issue 13): the AWS CLI and boto3
 * under {@code localvpc exec}, and the AWS SDK for Java v2's InstanceProfileCredentialsProvider, find the role's
 * credentials in the instance metadata service and call S3 through a gateway endpoint as the role; a bucket policy
 * that allows only that role admits one instance and refuses another instance's role; an endpoint policy judges
 * {@code aws:PrincipalArn} and the instance's {@code aws:Ec2InstanceSourceVpc}; {@code aws sts get-caller-identity}
 * prints the assumed role. The CLI and boto3 parts are skipped without them, except under CI=true.
 */
@ExtendWith(LocalVpcExtension.class)
class InstanceIdentityClientTest {
    private static final String ACCOUNT = "000000000000";
    private static final String EC2_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String S3_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    private static final String READER = "arn:aws:iam::" + ACCOUNT + ":role/reports-reader";
    private static final String REPORT = "region,total\nus-east-1,42\n";

    record Result(int exit, String stdout, String stderr) {
        String both() {
            return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    /** Two instances in one private VPC with an S3 gateway endpoint: A runs as reports-reader, B as other-app. */
    record Setup(Layouts.PrivateVpc vpc, String endpointId) {
    }

    static Setup setUp(Ec2Client ec2, LocalVpc lv, URI endpoint, String prefix, String bucket) throws Exception {
        try (IamClient iam = IamClient.builder().endpointOverride(lv.endpoint()).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "secret"))).build()) {
            for (String role : List.of("reports-reader", "other-app")) {
                iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(EC2_TRUST));
                iam.putRolePolicy(r -> r.roleName(role).policyName("s3").policyDocument(S3_ALL));
                iam.createInstanceProfile(r -> r.instanceProfileName(role + "-profile"));
                iam.addRoleToInstanceProfile(r -> r.instanceProfileName(role + "-profile").roleName(role));
            }
        } catch (software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException again) {
            // the roles are the account's, shared by this class's tests
        }
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc(prefix);
        String endpointId = net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        ec2.associateIamInstanceProfile(r -> r.instanceId(vpc.instanceA()).iamInstanceProfile(p -> p.name("reports-reader-profile")));
        ec2.associateIamInstanceProfile(r -> r.instanceId(vpc.instanceB()).iamInstanceProfile(p -> p.name("other-app-profile")));
        // The account's root (localvpc's convention for an unknown key) makes the bucket and lets only reports-reader read it.
        try (S3Client root = new Workload(vpc.instanceA(), lv.proxyAddress(), new Admin(endpoint).caPem())
                .s3With(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "secret")))) {
            root.createBucket(r -> r.bucket(bucket));
            root.putObject(r -> r.bucket(bucket).key("r.csv"), RequestBody.fromString(REPORT));
            root.putBucketPolicy(r -> r.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\",\"Condition\":{\"ArnNotEquals\":"
                    + "{\"aws:PrincipalArn\":\"" + READER + "\"}}},{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + READER + "\"},"
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}"));
        }
        return new Setup(vpc, endpointId);
    }

    /** {@code localvpc exec <identity> -- <command>} in a JVM of its own, with no AWS credentials in the environment. */
    static Result exec(URI endpoint, String identity, Path work, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "io.localvpc.server.cli.Main", "exec", "--endpoint", endpoint.toString(), identity, "--"));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("JAVA_TOOL_OPTIONS"));
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theJavaSdkFindsTheRoleInTheMetadataServiceAndPoliciesJudgeIt(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Setup s = setUp(ec2, lv, endpoint, "10.83", "java-role-reports");
        String caPem = new Admin(endpoint).caPem();
        String imds = "http://127.0.0.1:" + lv.proxyAddress().getPort() + "/imds/";
        try (InstanceProfileCredentialsProvider asA = InstanceProfileCredentialsProvider.builder().endpoint(imds + s.vpc().instanceA() + "/").build();
             InstanceProfileCredentialsProvider asB = InstanceProfileCredentialsProvider.builder().endpoint(imds + s.vpc().instanceB() + "/").build();
             S3Client a = new Workload(s.vpc().instanceA(), lv.proxyAddress(), caPem).s3With(asA);
             S3Client b = new Workload(s.vpc().instanceB(), lv.proxyAddress(), caPem).s3With(asB)) {
            assertTrue(asA.resolveCredentials().accessKeyId().startsWith("ASIA"), "instance credentials are temporary");
            assertEquals(REPORT, a.getObjectAsBytes(r -> r.bucket("java-role-reports").key("r.csv")).asString(StandardCharsets.UTF_8));
            S3Exception denied = assertThrows(S3Exception.class, () -> b.getObjectAsBytes(r -> r.bucket("java-role-reports").key("r.csv")));
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            assertTrue(denied.awsErrorDetails().errorMessage().contains("assumed-role/other-app/" + s.vpc().instanceB()),
                    denied.awsErrorDetails().errorMessage());
            // Both roles may list the bucket until the endpoint policy admits only reports-reader's sessions from this VPC.
            assertEquals(1, b.listObjectsV2(r -> r.bucket("java-role-reports")).keyCount());
            ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(s.endpointId()).policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                    + "\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalArn\":\""
                    + READER + "\",\"aws:Ec2InstanceSourceVpc\":\"" + s.vpc().vpcId() + "\"}}}]}"));
            assertEquals(1, a.listObjectsV2(r -> r.bucket("java-role-reports")).keyCount());
            S3Exception byEndpoint = assertThrows(S3Exception.class, () -> b.listObjectsV2(r -> r.bucket("java-role-reports")));
            assertTrue(byEndpoint.awsErrorDetails().errorMessage().contains("VPC endpoint policy"), byEndpoint.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void theAwsCliInsideAnInstanceActsAsItsRole(Ec2Client ec2, LocalVpc lv, URI endpoint, @TempDir Path work) throws Exception {
        RequiredTools.require("aws", "awscli", "--version");
        Setup s = setUp(ec2, lv, endpoint, "10.84", "cli-role-reports");
        Result read = exec(endpoint, s.vpc().instanceA(), work, "aws", "s3", "cp", "s3://cli-role-reports/r.csv", "-");
        assertEquals(0, read.exit(), read.both());
        assertEquals(REPORT, read.stdout());
        Result other = exec(endpoint, s.vpc().instanceB(), work, "aws", "s3", "cp", "s3://cli-role-reports/r.csv", "-");
        assertNotEquals(0, other.exit(), other.both());
        assertTrue(other.stderr().contains("403") || other.stderr().contains("AccessDenied"), other.both());
        // STS is localvpc's API port (exec sets AWS_ENDPOINT_URL_STS; older CLIs need it on the command line).
        Result who = exec(endpoint, s.vpc().instanceA(), work, "aws", "sts", "get-caller-identity", "--endpoint-url", endpoint.toString(),
                "--query", "Arn", "--output", "text");
        assertEquals(0, who.exit(), who.both());
        assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/reports-reader/" + s.vpc().instanceA(), who.stdout().trim());
    }

    @Test
    void boto3InsideAnInstanceActsAsItsRole(Ec2Client ec2, LocalVpc lv, URI endpoint, @TempDir Path work) throws Exception {
        RequiredTools.require("python3", "python3-boto3", "-c", "import boto3");
        Setup s = setUp(ec2, lv, endpoint, "10.85", "py-role-reports");
        String program = "import boto3\n"
                + "s = boto3.session.Session()\n"
                + "print(s.get_credentials().method)\n"
                + "print(boto3.client('s3').get_object(Bucket='py-role-reports', Key='r.csv')['Body'].read().decode(), end='')\n";
        Result read = exec(endpoint, s.vpc().instanceA(), work, "python3", "-c", program);
        assertEquals(0, read.exit(), read.both());
        assertEquals("iam-role\n" + REPORT, read.stdout());
        Result other = exec(endpoint, s.vpc().instanceB(), work, "python3", "-c", program);
        assertNotEquals(0, other.exit(), other.both());
        assertTrue(other.stderr().contains("AccessDenied"), other.both());
    }
}
