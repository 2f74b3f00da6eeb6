package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.NetworkAclEntry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NetworkAclEntriesTest {

    private static String code(Runnable r) {
        return assertThrows(AwsException.class, r::run).code();
    }

    @Test
    void protocolNamesBecomeNumbers() {
        assertEquals("6", NetworkAclEntries.protocolNumber("tcp"));
        assertEquals("6", NetworkAclEntries.protocolNumber("TCP"));
        assertEquals("17", NetworkAclEntries.protocolNumber("udp"));
        assertEquals("1", NetworkAclEntries.protocolNumber("icmp"));
        assertEquals("58", NetworkAclEntries.protocolNumber("icmpv6"));
        assertEquals("-1", NetworkAclEntries.protocolNumber("all"));
        assertEquals("-1", NetworkAclEntries.protocolNumber("-1"));
        assertEquals("47", NetworkAclEntries.protocolNumber("47"));
        assertEquals("0", NetworkAclEntries.protocolNumber("0"));
        assertEquals("InvalidParameterValue", code(() -> NetworkAclEntries.protocolNumber("-2")));
        assertEquals("InvalidParameterValue", code(() -> NetworkAclEntries.protocolNumber("256")));
        assertEquals("InvalidParameterValue", code(() -> NetworkAclEntries.protocolNumber("sctp-ish")));
        assertEquals("MissingParameter", code(() -> NetworkAclEntries.protocolNumber("")));
    }

    @Test
    void portsAndIcmpAreKeptOnlyWhereTheProtocolHasThem() {
        NetworkAclEntry all = NetworkAclEntries.build(10, false, "-1", "allow", "10.0.0.0/8", null,
                new NetworkAclEntries.Ports(1, 2), new NetworkAclEntries.Icmp(3, 4));
        assertNull(all.portFrom());
        assertNull(all.icmpType());
        NetworkAclEntry tcp = NetworkAclEntries.build(10, false, "tcp", "allow", "10.0.0.0/8", null, new NetworkAclEntries.Ports(80, 81), new NetworkAclEntries.Icmp(3, 4));
        assertEquals(80, tcp.portFrom());
        assertEquals(81, tcp.portTo());
        assertNull(tcp.icmpType());
        NetworkAclEntry icmp = NetworkAclEntries.build(10, true, "icmp", "deny", "10.0.0.0/8", null, new NetworkAclEntries.Ports(80, 81), new NetworkAclEntries.Icmp(-1, -1));
        assertNull(icmp.portFrom());
        assertEquals(-1, icmp.icmpType());
        assertEquals(-1, icmp.icmpCode());
    }

    @Test
    void cidrsAreCanonicalisedAndCheckedPerFamily() {
        assertEquals("10.0.0.0/8", NetworkAclEntries.build(10, false, "-1", "allow", "10.1.2.3/8", null, null, null).cidrBlock());
        assertEquals("2001:db8::/32", NetworkAclEntries.ipv6Cidr("2001:DB8::/32"));
        assertEquals("::/0", NetworkAclEntries.ipv6Cidr("::/0"));
        assertEquals("1:2:3:4:5:6:7:8/128", NetworkAclEntries.ipv6Cidr("1:2:3:4:5:6:7:8/128"));
        assertEquals("fe80::1/64", NetworkAclEntries.ipv6Cidr("fe80::1/64"));
        for (String bad : new String[]{"2001:db8::/129", "2001:db8::", "2001::db8::1/64", "1:2:3:4:5:6:7/64", ":1::2/64", "1::2:/64", "12345::/16", "g::/16", "10.0.0.0/8"}) {
            assertEquals("InvalidParameterValue", code(() -> NetworkAclEntries.ipv6Cidr(bad)), bad);
        }
    }

    @Test
    void ruleNumbersAreOneTo32766() {
        NetworkAclEntries.checkRuleNumber(1);
        NetworkAclEntries.checkRuleNumber(32766);
        assertEquals("InvalidParameterValue", code(() -> NetworkAclEntries.checkRuleNumber(0)));
        assertEquals("InvalidParameterValue", code(() -> NetworkAclEntries.checkRuleNumber(32767)));
    }
}
