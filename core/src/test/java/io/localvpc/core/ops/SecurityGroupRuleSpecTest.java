package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityGroupRuleSpecTest {

    @Test
    void protocolsAreShownAsAwsShowsThem() {
        assertEquals("tcp", SecurityGroupRuleSpec.normaliseProtocol("6"));
        assertEquals("tcp", SecurityGroupRuleSpec.normaliseProtocol("TCP"));
        assertEquals("udp", SecurityGroupRuleSpec.normaliseProtocol("17"));
        assertEquals("icmp", SecurityGroupRuleSpec.normaliseProtocol("1"));
        assertEquals("icmpv6", SecurityGroupRuleSpec.normaliseProtocol("58"));
        assertEquals("-1", SecurityGroupRuleSpec.normaliseProtocol("all"));
        assertEquals("-1", SecurityGroupRuleSpec.normaliseProtocol("-1"));
        assertEquals("50", SecurityGroupRuleSpec.normaliseProtocol("050"));
        assertEquals("0", SecurityGroupRuleSpec.normaliseProtocol("0"));
        for (String bad : new String[]{"gre", "256", "-2", "6.0"}) {
            assertEquals("InvalidParameterValue", assertThrows(AwsException.class, () -> SecurityGroupRuleSpec.normaliseProtocol(bad)).code(), bad);
        }
        assertEquals("MissingParameter", assertThrows(AwsException.class, () -> SecurityGroupRuleSpec.normaliseProtocol(null)).code());
    }

    @Test
    void portsFollowTheProtocol() {
        assertArrayEquals(new int[]{0, 65535}, SecurityGroupRuleSpec.ports("tcp", 0, 65535));
        assertArrayEquals(new int[]{-1, -1}, SecurityGroupRuleSpec.ports("-1", 22, 80), "all traffic ignores ports");
        assertArrayEquals(new int[]{-1, -1}, SecurityGroupRuleSpec.ports("50", null, null));
        assertArrayEquals(new int[]{8, -1}, SecurityGroupRuleSpec.ports("icmp", 8, null));
        assertArrayEquals(new int[]{-1, -1}, SecurityGroupRuleSpec.ports("icmpv6", null, null));
        assertThrows(AwsException.class, () -> SecurityGroupRuleSpec.ports("udp", 53, null));
        assertThrows(AwsException.class, () -> SecurityGroupRuleSpec.ports("tcp", -1, -1));
        assertThrows(AwsException.class, () -> SecurityGroupRuleSpec.ports("tcp", 100, 99));
        assertThrows(AwsException.class, () -> SecurityGroupRuleSpec.ports("icmp", -2, 0));
        assertThrows(AwsException.class, () -> SecurityGroupRuleSpec.ports("icmp", 0, 256));
    }

    @Test
    void cidrsAreCanonicalisedOrRefused() {
        assertEquals("10.1.0.0/16", SecurityGroupRuleSpec.ipv4("10.1.2.3/16"));
        assertEquals("2001:db8::/32", SecurityGroupRuleSpec.ipv6("2001:DB8::/32"));
        assertEquals("CIDR block 10.0.0.0 is malformed", assertThrows(AwsException.class, () -> SecurityGroupRuleSpec.ipv4("10.0.0.0")).getMessage());
        assertThrows(AwsException.class, () -> SecurityGroupRuleSpec.ipv4("::/0"));
        assertThrows(AwsException.class, () -> SecurityGroupRuleSpec.ipv6("0.0.0.0/0"));
    }

    @Test
    void textLimits() {
        assertTrue(SecurityGroupRuleSpec.isAllowedText("Web tier: ports 80,443 (public) #1 [a+b=c] {x} !$*&;@/_-."));
        assertTrue(SecurityGroupRuleSpec.isAllowedText("x".repeat(255)));
        assertFalse(SecurityGroupRuleSpec.isAllowedText("x".repeat(256)));
        assertFalse(SecurityGroupRuleSpec.isAllowedText("naïve"));
        assertFalse(SecurityGroupRuleSpec.isAllowedText("quote'"));
        assertEquals(null, SecurityGroupRuleSpec.ruleDescription(""));
    }
}
