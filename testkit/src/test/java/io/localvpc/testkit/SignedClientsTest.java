package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS CLI and boto3 work unchanged against a localvpc that verifies signatures: with the root convention's keys
 * at the API port, and inside an instance with the instance profile's temporary credentials (from the metadata
 * service) through an S3 gateway endpoint; a wrong secret and an unknown key get the services' own errors.
 * Skipped without the tools, except under CI=true.
 */
class SignedClientsTest {
    @RegisterExtension
    static final LocalVpcExtension LOCALVPC = LocalVpcExtension.verifyingSignatures();

    private static InstanceIdentityClientTest.Result cli(URI endpoint, String keyId, String secret, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString(), "--output", "text"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", keyId);
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        env.put("AWS_MAX_ATTEMPTS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "aws did not finish");
        return new InstanceIdentityClientTest.Result(p.exitValue(), out, err);
    }

    @Test
    void theAwsCliSignsItsApiCallsAndIsRefusedWithAWrongSecretOrAnUnknownKey(URI endpoint) throws Exception {
        RequiredTools.require("aws", "awscli", "--version");
        InstanceIdentityClientTest.Result who = cli(endpoint, "test", LocalVpcExtension.SECRET, "sts", "get-caller-identity", "--query", "Arn");
        assertEquals(0, who.exit(), who.both());
        assertEquals("arn:aws:iam::000000000000:root", who.stdout().trim());
        InstanceIdentityClientTest.Result vpcs = cli(endpoint, "test", LocalVpcExtension.SECRET, "ec2", "describe-vpcs", "--query", "Vpcs[0].CidrBlock");
        assertEquals(0, vpcs.exit(), vpcs.both());
        assertEquals("172.31.0.0/16", vpcs.stdout().trim());
        InstanceIdentityClientTest.Result wrong = cli(endpoint, "test", "not-the-secret", "ec2", "describe-vpcs");
        assertNotEquals(0, wrong.exit());
        assertTrue(wrong.stderr().contains("(SignatureDoesNotMatch)"), wrong.both());
        InstanceIdentityClientTest.Result unknown = cli(endpoint, "AKIAQQQQQQQQQQQQQQQQ", "x", "iam", "list-users");
        assertNotEquals(0, unknown.exit());
        assertTrue(unknown.stderr().contains("(InvalidClientTokenId)"), unknown.both());
    }

    @Test
    void theCliAndBoto3InsideAnInstanceSignWithItsRolesCredentials(Ec2Client ec2, LocalVpc lv, URI endpoint, @TempDir Path work) throws Exception {
        RequiredTools.require("aws", "awscli", "--version");
        RequiredTools.require("python3", "python3-boto3", "-c", "import boto3");
        InstanceIdentityClientTest.Setup s = InstanceIdentityClientTest.setUp(ec2, lv, endpoint, "10.85", "signed-reports");
        InstanceIdentityClientTest.Result read = InstanceIdentityClientTest.exec(endpoint, s.vpc().instanceA(), work,
                "aws", "s3", "cp", "s3://signed-reports/r.csv", "-");
        assertEquals(0, read.exit(), read.both());
        assertEquals("region,total\nus-east-1,42\n", read.stdout());
        InstanceIdentityClientTest.Result who = InstanceIdentityClientTest.exec(endpoint, s.vpc().instanceA(), work,
                "aws", "sts", "get-caller-identity", "--endpoint-url", endpoint.toString(), "--query", "Arn", "--output", "text");
        assertEquals(0, who.exit(), who.both());
        assertTrue(who.stdout().trim().endsWith(":assumed-role/reports-reader/" + s.vpc().instanceA()), who.both());
        String program = "import boto3\n"
                + "s3 = boto3.client('s3')\n"
                + "s3.put_object(Bucket='signed-reports', Key='from boto3/a+b.txt', Body=b'written by boto3')\n"
                + "print(s3.get_object(Bucket='signed-reports', Key='from boto3/a+b.txt')['Body'].read().decode(), end='')\n";
        InstanceIdentityClientTest.Result py = InstanceIdentityClientTest.exec(endpoint, s.vpc().instanceA(), work, "python3", "-c", program);
        assertEquals(0, py.exit(), py.both());
        assertEquals("written by boto3", py.stdout());
    }
}
