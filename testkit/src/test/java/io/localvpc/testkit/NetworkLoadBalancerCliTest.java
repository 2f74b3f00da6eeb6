package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;

import static io.localvpc.testkit.AwsCliTest.aws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's Network Load Balancer walk-through with the real AWS CLI ({@code aws elbv2 …}): the wire as the CLI speaks it. */
@ExtendWith(LocalVpcExtension.class)
class NetworkLoadBalancerCliTest {
    @BeforeAll
    static void needsTheCli() {
        RequiredTools.require("aws", "awscli", "--version");
    }

    private static JsonNode ok(AwsCliTest.Result r) throws Exception {
        assertEquals(0, r.exit(), r.stderr());
        return r.stdout().isBlank() ? null : r.json();
    }

    @Test
    void loadBalancerTargetGroupAndListenerWithTheCli(URI endpoint) throws Exception {
        String vpc = ok(aws(endpoint, "ec2", "create-vpc", "--cidr-block", "10.81.0.0/16")).get("Vpc").get("VpcId").asText();
        String a = ok(aws(endpoint, "ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.81.1.0/24", "--availability-zone", "us-east-1a"))
                .get("Subnet").get("SubnetId").asText();
        String b = ok(aws(endpoint, "ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.81.2.0/24", "--availability-zone", "us-east-1b"))
                .get("Subnet").get("SubnetId").asText();
        JsonNode lb = ok(aws(endpoint, "elbv2", "create-load-balancer", "--name", "cli-nlb", "--type", "network", "--scheme", "internal",
                "--subnets", a, b, "--tags", "Key=env,Value=dev")).get("LoadBalancers").get(0);
        String lbArn = lb.get("LoadBalancerArn").asText();
        assertEquals("network", lb.get("Type").asText());
        assertEquals(2, lb.get("AvailabilityZones").size());
        String tgArn = ok(aws(endpoint, "elbv2", "create-target-group", "--name", "cli-tg", "--protocol", "TCP", "--port", "8080",
                "--vpc-id", vpc, "--target-type", "ip", "--health-check-interval-seconds", "10")).get("TargetGroups").get(0).get("TargetGroupArn").asText();
        ok(aws(endpoint, "elbv2", "register-targets", "--target-group-arn", tgArn, "--targets", "Id=10.81.1.20,Port=8080"));
        JsonNode listener = ok(aws(endpoint, "elbv2", "create-listener", "--load-balancer-arn", lbArn, "--protocol", "TCP", "--port", "80",
                "--default-actions", "Type=forward,TargetGroupArn=" + tgArn)).get("Listeners").get(0);
        assertEquals(tgArn, listener.get("DefaultActions").get(0).get("TargetGroupArn").asText());
        JsonNode health = ok(aws(endpoint, "elbv2", "describe-target-health", "--target-group-arn", tgArn)).get("TargetHealthDescriptions");
        assertEquals("10.81.1.20", health.get(0).get("Target").get("Id").asText());
        assertEquals(lbArn, ok(aws(endpoint, "elbv2", "describe-target-groups", "--names", "cli-tg")).get("TargetGroups").get(0)
                .get("LoadBalancerArns").get(0).asText());
        assertEquals("false", ok(aws(endpoint, "elbv2", "describe-load-balancer-attributes", "--load-balancer-arn", lbArn)).get("Attributes")
                .findValues("Key").stream().filter(k -> k.asText().equals("load_balancing.cross_zone.enabled")).findFirst().map(k -> "false").orElse("missing"));

        AwsCliTest.Result inUse = aws(endpoint, "elbv2", "delete-target-group", "--target-group-arn", tgArn);
        assertNotEquals(0, inUse.exit());
        assertTrue(inUse.stderr().contains("ResourceInUse"), inUse.stderr());
        ok(aws(endpoint, "elbv2", "delete-listener", "--listener-arn", listener.get("ListenerArn").asText()));
        ok(aws(endpoint, "elbv2", "delete-target-group", "--target-group-arn", tgArn));
        ok(aws(endpoint, "elbv2", "delete-load-balancer", "--load-balancer-arn", lbArn));
        AwsCliTest.Result gone = aws(endpoint, "elbv2", "describe-load-balancers", "--names", "cli-nlb");
        assertNotEquals(0, gone.exit());
        assertTrue(gone.stderr().contains("LoadBalancerNotFound"), gone.stderr());
    }
}
