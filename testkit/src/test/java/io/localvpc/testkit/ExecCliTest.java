package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real AWS CLI, unmodified, run "inside" an instance by {@code localvpc exec} (the CLI entry point in a
 * JVM of its own): its S3 calls cross the emulated VPC. Skipped when {@code aws} is absent, except under
 * CI=true where that is a failure (CI installs Debian's awscli).
 */
@ExtendWith(LocalVpcExtension.class)
class ExecCliTest {
    private static final String REPORT = "region,total\nus-east-1,42\n";

    @BeforeAll
    static void needsTheCli() {
        RequiredTools.require("aws", "awscli", "--version");
    }

    /** {@code localvpc exec --endpoint <url> <identity> -- aws <args>} in a JVM of its own, as a user types it. */
    private static InstanceExec.Result exec(URI endpoint, String identity, Path work, String... awsArgs) throws Exception {
        String[] program = new String[awsArgs.length + 1];
        program[0] = "aws";
        System.arraycopy(awsArgs, 0, program, 1, awsArgs.length);
        return InstanceExec.run(endpoint, identity, work, program);
    }

    @Test
    void theAwsCliMakesABucketCopiesAndListsThroughAGatewayEndpoint(Ec2Client ec2, LocalVpc lv, URI endpoint, @TempDir Path work) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.40");
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        Files.writeString(work.resolve("report.csv"), REPORT);

        InstanceExec.Result mb = exec(endpoint, vpc.instanceA(), work, "s3", "mb", "s3://cli-reports");
        assertEquals(0, mb.exit(), mb.both());
        assertTrue(mb.stdout().contains("make_bucket: cli-reports"), mb.both());
        InstanceExec.Result cp = exec(endpoint, vpc.instanceA(), work, "s3", "cp", "report.csv", "s3://cli-reports/2026/report.csv");
        assertEquals(0, cp.exit(), cp.both());
        InstanceExec.Result ls = exec(endpoint, vpc.instanceB(), work, "s3", "ls", "s3://cli-reports/2026/");
        assertEquals(0, ls.exit(), ls.both());
        assertTrue(ls.stdout().contains(REPORT.length() + " report.csv"), ls.both());
        InstanceExec.Result get = exec(endpoint, vpc.instanceB(), work, "s3", "cp", "s3://cli-reports/2026/report.csv", "-");
        assertEquals(0, get.exit(), get.both());
        assertEquals(REPORT, get.stdout());

        // The object the CLI wrote is in the S3 that a Java program on the instance sees.
        try (S3Client s3 = new Workload(vpc.instanceA(), lv.proxyAddress(), new Admin(endpoint).caPem()).s3(true)) {
            assertEquals(REPORT, s3.getObjectAsBytes(r -> r.bucket("cli-reports").key("2026/report.csv")).asString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void withNoRouteToS3TheCliFails(Ec2Client ec2, URI endpoint, @TempDir Path work) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.41");
        InstanceExec.Result ls = exec(endpoint, vpc.instanceA(), work, "s3", "ls");
        assertNotEquals(0, ls.exit(), ls.both());
        // botocore reports only "Failed to connect to proxy URL"; the reason (no route …) is in localvpc's log and trace.
        assertTrue(ls.stderr().toLowerCase().contains("proxy"), "the CLI should blame the connection through the proxy: " + ls.both());

        // The same instance, once its route table has the endpoint, gets through: the route was the only obstacle.
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        InstanceExec.Result after = exec(endpoint, vpc.instanceA(), work, "s3", "ls");
        assertEquals(0, after.exit(), after.both());
    }

    @Test
    void anUnknownInstanceIsRefused(URI endpoint, @TempDir Path work) throws Exception {
        InstanceExec.Result ls = exec(endpoint, "i-0123456789abcdef0", work, "s3", "ls");
        assertNotEquals(0, ls.exit(), ls.both());
        assertTrue(ls.stderr().contains("no instance or network interface i-0123456789abcdef0"), ls.both());
    }
}
