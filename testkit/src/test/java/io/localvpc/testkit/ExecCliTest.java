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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    record Result(int exit, String stdout, String stderr) {
        String both() {
            return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    @BeforeAll
    static void needsTheCli() {
        RequiredTools.require("aws", "awscli", "--version");
    }

    /** {@code localvpc exec --endpoint <url> <identity> -- aws <args>} in a JVM of its own, as a user types it. */
    private static Result exec(URI endpoint, String identity, Path work, String... awsArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "io.localvpc.server.cli.Main", "exec", "--endpoint", endpoint.toString(), identity, "--", "aws"));
        cmd.addAll(List.of(awsArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        // A refused connection should fail the command quickly rather than after the legacy five attempts.
        env.put("AWS_RETRY_MODE", "standard");
        env.put("AWS_MAX_ATTEMPTS", "2");
        for (String name : List.of("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_CA_BUNDLE", "JAVA_TOOL_OPTIONS")) env.remove(name);
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("localvpc exec … aws " + String.join(" ", awsArgs) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theAwsCliMakesABucketCopiesAndListsThroughAGatewayEndpoint(Ec2Client ec2, LocalVpc lv, URI endpoint, @TempDir Path work) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.40");
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        Files.writeString(work.resolve("report.csv"), REPORT);

        Result mb = exec(endpoint, vpc.instanceA(), work, "s3", "mb", "s3://cli-reports");
        assertEquals(0, mb.exit(), mb.both());
        assertTrue(mb.stdout().contains("make_bucket: cli-reports"), mb.both());
        Result cp = exec(endpoint, vpc.instanceA(), work, "s3", "cp", "report.csv", "s3://cli-reports/2026/report.csv");
        assertEquals(0, cp.exit(), cp.both());
        Result ls = exec(endpoint, vpc.instanceB(), work, "s3", "ls", "s3://cli-reports/2026/");
        assertEquals(0, ls.exit(), ls.both());
        assertTrue(ls.stdout().contains(REPORT.length() + " report.csv"), ls.both());
        Result get = exec(endpoint, vpc.instanceB(), work, "s3", "cp", "s3://cli-reports/2026/report.csv", "-");
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
        Result ls = exec(endpoint, vpc.instanceA(), work, "s3", "ls");
        assertNotEquals(0, ls.exit(), ls.both());
        // botocore reports only "Failed to connect to proxy URL"; the reason (no route …) is in localvpc's log and trace.
        assertTrue(ls.stderr().toLowerCase().contains("proxy"), "the CLI should blame the connection through the proxy: " + ls.both());

        // The same instance, once its route table has the endpoint, gets through: the route was the only obstacle.
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        Result after = exec(endpoint, vpc.instanceA(), work, "s3", "ls");
        assertEquals(0, after.exit(), after.both());
    }

    @Test
    void anUnknownInstanceIsRefused(URI endpoint, @TempDir Path work) throws Exception {
        Result ls = exec(endpoint, "i-0123456789abcdef0", work, "s3", "ls");
        assertNotEquals(0, ls.exit(), ls.both());
        assertTrue(ls.stderr().contains("no instance or network interface i-0123456789abcdef0"), ls.both());
    }
}
