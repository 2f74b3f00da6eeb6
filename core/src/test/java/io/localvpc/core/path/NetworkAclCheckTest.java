package io.localvpc.core.path;

import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.net.Ipv4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Stateless, ordered network ACLs: the lowest-numbered matching entry decides; * denies the rest. */
class NetworkAclCheckTest {
    private final PathWorld w = new PathWorld();
    private final Vpc vpc = w.vpc("10.0.0.0/16");
    private final NetworkAcl acl = w.networkAcl(vpc);

    NetworkAclCheckTest() {
        // Created out of order on purpose: evaluation order is by rule number, not by creation.
        w.aclEntry(acl, 200, false, "tcp", "allow", "0.0.0.0/0", 443, 443);
        w.aclEntry(acl, 100, false, "tcp", "deny", "10.0.66.0/24", 443, 443);   // earlier deny beats the later allow
        w.aclEntry(acl, 300, false, "tcp", "allow", "10.0.0.0/16", 1024, 65535);
        w.aclEntry(acl, 150, false, "tcp", "deny", "10.0.0.0/16", 1024, 2047);   // carve-out below 300
        w.aclEntry(acl, 400, false, "17", "allow", "10.0.0.0/16", 53, 53);
        w.aclEntry(acl, 500, false, "50", "allow", "10.9.0.0/16", null, null);    // ESP, any port
        w.aclEntry(acl, 10, true, "-1", "allow", "10.0.0.0/16", null, null);
        w.aclEntry(acl, 20, true, "tcp", "deny", "0.0.0.0/0", 25, 25);
        w.aclEntry(acl, 30, true, "tcp", "allow", "0.0.0.0/0", 0, 65535);
    }

    private NetworkAclCheck check() {
        return NetworkAclCheck.compile(w.view().find(NetworkAcl.class, acl.id()).orElseThrow());
    }

    @ParameterizedTest(name = "in {0}/{1} from {2} → rule {3} {4}")
    @CsvSource({
            "6,  443,   8.8.8.8,     200,   allow",
            "6,  443,   10.0.66.7,   100,   deny",     // rule 100 first
            "6,  444,   8.8.8.8,     32767, deny",     // only the * rule matches
            "6,  1500,  10.0.1.1,    150,   deny",
            "6,  2047,  10.0.1.1,    150,   deny",
            "6,  2048,  10.0.1.1,    300,   allow",
            "6,  65535, 10.0.1.1,    300,   allow",
            "6,  50000, 10.1.0.1,    32767, deny",     // outside the CIDR
            "17, 53,    10.0.1.1,    400,   allow",
            "6,  53,    10.0.1.1,    32767, deny",     // tcp 53 has no rule (300 starts at 1024)
            "17, 1500,  10.0.1.1,    32767, deny",     // rule 150/300 are tcp only
            "50, 7,     10.9.1.1,    500,   allow",
            "51, 7,     10.9.1.1,    32767, deny",
    })
    void inbound(int protocol, int port, String from, int rule, String action) {
        NetworkAclEntry e = check().inbound(protocol, port, Ipv4.parse(from));
        assertEquals(rule, e.ruleNumber());
        assertEquals(action, e.ruleAction());
        assertEquals(false, e.egress());
    }

    @ParameterizedTest(name = "out {0}/{1} to {2} → rule {3} {4}")
    @CsvSource({
            "6,  25,   10.0.1.1,    10,    allow",  // rule 10 (all traffic inside the VPC) precedes the smtp deny
            "6,  25,   8.8.8.8,     20,    deny",
            "6,  443,  8.8.8.8,     30,    allow",
            "17, 53,   8.8.8.8,     32767, deny",
            "1,  0,    10.0.200.1,  10,    allow",
    })
    void outbound(int protocol, int port, String to, int rule, String action) {
        NetworkAclEntry e = check().outbound(protocol, port, Ipv4.parse(to));
        assertEquals(rule, e.ruleNumber());
        assertEquals(action, e.ruleAction());
        assertEquals(true, e.egress());
    }

    @Test
    void theDefaultAclAllowsEverythingWithRule100() {
        NetworkAclCheck d = NetworkAclCheck.compile(w.defaultAcl(vpc));
        assertEquals(100, d.inbound(6, 22, Ipv4.parse("203.0.113.1")).ruleNumber());
        assertEquals(100, d.outbound(17, 9999, Ipv4.parse("203.0.113.1")).ruleNumber());
        assertEquals(w.defaultAcl(vpc).id(), d.aclId());
    }

    @Test
    void anAclWithoutEntriesMatchesNothingAndIpv6EntriesAreIgnored() {
        NetworkAcl bare = new NetworkAcl("acl-0123456789abcdef0", "000000000000", vpc.id(), false, List.of(
                new NetworkAclEntry(1, false, "-1", "allow", null, "::/0", null, null, null, null)), List.of());
        assertNull(NetworkAclCheck.compile(bare).inbound(6, 443, Ipv4.parse("10.0.0.1")));
        assertNull(NetworkAclCheck.compile(bare).outbound(6, 443, Ipv4.parse("10.0.0.1")));
    }
}
