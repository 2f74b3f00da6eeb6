package io.localvpc.core.ops.elbv2;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.TargetGroup;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** NLB and target group attributes: AWS's defaults, which keys and values are accepted, and that defaults are not stored. */
class Elbv2AttributesTest {
    private static TargetGroup group(String protocol, String targetType, Map<String, String> attributes) {
        return new TargetGroup("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/g/0123456789abcdef", "000000000000", "g",
                protocol, 80, "vpc-1", targetType, "ipv4", HealthCheckSettings.create(HealthCheckSettings.Given.NONE), List.of(), attributes, Instant.EPOCH);
    }

    @Test
    void loadBalancerDefaultsHaveCrossZoneAndDeletionProtectionOff() {
        Map<String, String> all = Elbv2Attributes.ofLoadBalancer(Map.of());
        assertEquals("false", all.get("load_balancing.cross_zone.enabled"));
        assertEquals("false", all.get("deletion_protection.enabled"));
        assertEquals(Map.of("deletion_protection.enabled", "true"),
                Elbv2Attributes.modifyLoadBalancer(Map.of(), Map.of("deletion_protection.enabled", "true")));
        assertEquals(Map.of(), Elbv2Attributes.modifyLoadBalancer(Map.of("deletion_protection.enabled", "true"), Map.of("deletion_protection.enabled", "false")));
    }

    @Test
    void clientIpPreservationDefaultsByTargetTypeAndProtocol() {
        assertEquals("true", Elbv2Attributes.ofTargetGroup(group("TCP", "instance", Map.of())).get("preserve_client_ip.enabled"));
        assertEquals("false", Elbv2Attributes.ofTargetGroup(group("TCP", "ip", Map.of())).get("preserve_client_ip.enabled"));
        assertEquals("true", Elbv2Attributes.ofTargetGroup(group("UDP", "ip", Map.of())).get("preserve_client_ip.enabled"));
        assertEquals(300, Elbv2Attributes.deregistrationDelaySeconds(group("TCP", "ip", Map.of())));
        assertEquals(0, Elbv2Attributes.deregistrationDelaySeconds(group("TCP", "ip", Map.of("deregistration_delay.timeout_seconds", "0"))));
    }

    @Test
    void unknownKeysAndBadValuesAreInvalidConfiguration() {
        TargetGroup g = group("TCP", "instance", Map.of());
        for (Map<String, String> bad : List.of(Map.of("slow_start.duration_seconds", "30"), Map.of("deregistration_delay.timeout_seconds", "3601"),
                Map.of("stickiness.type", "lb_cookie"), Map.of("proxy_protocol_v2.enabled", "yes"))) {
            AwsException e = assertThrows(AwsException.class, () -> Elbv2Attributes.modifyTargetGroup(g, bad));
            assertEquals("InvalidConfigurationRequest", e.code(), e.getMessage());
        }
        assertEquals("ValidationError", assertThrows(AwsException.class, () -> Elbv2Attributes.modifyTargetGroup(g, Map.of())).code());
    }
}
