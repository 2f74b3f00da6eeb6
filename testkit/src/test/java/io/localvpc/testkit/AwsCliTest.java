package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives localvpc with the real AWS CLI, as a user would. CI installs Debian's awscli; elsewhere the
 * test is skipped when {@code aws} is not on the PATH (under CI=true it fails instead).
 */
@ExtendWith(LocalVpcExtension.class)
class AwsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exit, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return JSON.readTree(stdout);
        }
    }

    @BeforeAll
    static void needsTheCli() {
        RequiredTools.require("aws", "awscli", "--version");
    }

    static Result aws(URI endpoint, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString(), "--output", "json"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        env.remove("AWS_PROFILE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "aws did not finish");
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void createDescribeTagAndDeleteAVpc(URI endpoint) throws Exception {
        Result created = aws(endpoint, "ec2", "create-vpc", "--cidr-block", "10.0.0.0/16");
        assertEquals(0, created.exit(), created.stderr());
        String vpcId = created.json().get("Vpc").get("VpcId").asText();
        assertTrue(vpcId.startsWith("vpc-"));

        Result tagged = aws(endpoint, "ec2", "create-tags", "--resources", vpcId, "--tags", "Key=Name,Value=cli");
        assertEquals(0, tagged.exit(), tagged.stderr());

        Result described = aws(endpoint, "ec2", "describe-vpcs", "--filters", "Name=tag:Name,Values=cli");
        assertEquals(0, described.exit(), described.stderr());
        JsonNode vpcs = described.json().get("Vpcs");
        assertEquals(1, vpcs.size());
        assertEquals(vpcId, vpcs.get(0).get("VpcId").asText());
        assertEquals("10.0.0.0/16", vpcs.get(0).get("CidrBlock").asText());

        assertEquals(0, aws(endpoint, "ec2", "delete-vpc", "--vpc-id", vpcId).exit());
        Result gone = aws(endpoint, "ec2", "describe-vpcs", "--vpc-ids", vpcId);
        assertNotEquals(0, gone.exit());
        assertTrue(gone.stderr().contains("InvalidVpcID.NotFound"), gone.stderr());
    }

    @Test
    void cliSeesTheDefaultVpcAndZones(URI endpoint) throws Exception {
        Result zones = aws(endpoint, "ec2", "describe-availability-zones");
        assertEquals(0, zones.exit(), zones.stderr());
        assertEquals("use1-az1", zones.json().get("AvailabilityZones").get(0).get("ZoneId").asText());
        Result def = aws(endpoint, "ec2", "describe-vpcs", "--filters", "Name=is-default,Values=true");
        assertEquals("172.31.0.0/16", def.json().get("Vpcs").get(0).get("CidrBlock").asText());
    }

    @Test
    void dryRunAndErrorsComeBackAsTheCliExpects(URI endpoint) throws Exception {
        Result dry = aws(endpoint, "ec2", "create-vpc", "--cidr-block", "10.0.0.0/16", "--dry-run");
        assertNotEquals(0, dry.exit());
        assertTrue(dry.stderr().contains("DryRunOperation"), dry.stderr());
        Result bad = aws(endpoint, "ec2", "create-vpc", "--cidr-block", "10.0.0.0/8");
        assertNotEquals(0, bad.exit());
        assertTrue(bad.stderr().contains("InvalidVpc.Range"), bad.stderr());
    }
}
