package io.localvpc.core.path;

import io.localvpc.core.model.ManagedPrefixList;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.ops.PrefixListOps;
import io.localvpc.core.ops.SecurityGroupRuleSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static io.localvpc.core.path.PathWorld.cidr;
import static io.localvpc.core.path.PathWorld.prefixList;
import static io.localvpc.core.path.PathWorld.tcpFromGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Allow-only, any-rule-matches security groups: protocols, ports, and each kind of peer, in each direction. */
class SecurityGroupCheckTest {
    private final PathWorld w = new PathWorld();
    private final Vpc vpc = w.vpc("10.0.0.0/16");
    private final SecurityGroup peer = w.group(vpc, "peer");
    private final ManagedPrefixList office = w.write(tx -> PrefixListOps.create(tx, "office", "IPv4", 2,
            List.of(new ManagedPrefixList.Entry("192.168.10.0/24", null))));
    private final SecurityGroup g;

    SecurityGroupCheckTest() {
        SecurityGroup made = w.revokeAllEgress(w.group(vpc, "app"));
        made = w.authorize(made, false,
                cidr("tcp", 443, 443, "10.0.0.0/16"),
                cidr("tcp", 8000, 8100, "10.0.5.0/24"),
                cidr("udp", 53, 53, "10.0.0.0/8"),
                cidr("50", null, null, "10.9.0.0/16"),       // ESP, by number: every port
                cidr("icmp", 8, 0, "10.7.0.0/16"),           // echo request: type/code are not ports
                prefixList("tcp", 22, 22, office.id()),
                tcpFromGroup(5432, peer.id()),
                new SecurityGroupRuleSpec("tcp", 0, 65535, null, "::/0", null, null, null, null, null));
        made = w.authorize(made, true,
                cidr("tcp", 443, 443, "0.0.0.0/0"),
                prefixList("tcp", 80, 80, "pl-63a5400a"),
                cidr("-1", null, null, "10.3.0.0/16"),
                new SecurityGroupRuleSpec("-1", null, null, null, "::/0", null, null, null, null, null));
        g = made;
    }

    private SecurityGroupCheck check() {
        return SecurityGroupCheck.compile(w.view(), w.view().find(SecurityGroup.class, g.id()).orElseThrow());
    }

    @ParameterizedTest(name = "ingress {0} port {1} from {2} (groups {3}) → {4}")
    @CsvSource({
            "6,  443,   10.0.1.5,      -,    tcp 443 10.0.0.0/16",
            "6,  443,   10.1.0.5,      -,    none",              // CIDR does not cover the peer
            "17, 443,   10.0.1.5,      -,    none",              // udp is not tcp
            "6,  8000,  10.0.5.9,      -,    tcp 8000 10.0.5.0/24",
            "6,  8100,  10.0.5.9,      -,    tcp 8000 10.0.5.0/24",
            "6,  8101,  10.0.5.9,      -,    none",              // just past the range
            "6,  7999,  10.0.5.9,      -,    none",
            "17, 53,    10.200.0.1,    -,    udp 53 10.0.0.0/8",
            "6,  53,    10.200.0.1,    -,    none",
            "50, 0,     10.9.3.3,      -,    50 -1 10.9.0.0/16",
            "50, 12345, 10.9.3.3,      -,    50 -1 10.9.0.0/16",  // no ports for ESP
            "51, 0,     10.9.3.3,      -,    none",              // AH is another protocol
            "1,  0,     10.7.0.1,      -,    icmp 8 10.7.0.0/16",
            "6,  22,    192.168.10.77, -,    tcp 22 PL",          // customer prefix list peer
            "6,  22,    192.168.11.77, -,    none",
            "6,  5432,  10.0.9.9,      PEER, tcp 5432 PEER",     // referenced group: any address of a member
            "6,  5432,  10.0.9.9,      -,    none",              // not a member
            "6,  5433,  10.0.9.9,      PEER, none",
            "6,  1000,  1.2.3.4,       -,    none",              // the ::/0 rule never matches IPv4
    })
    void ingress(int protocol, int port, String from, String groups, String expected) {
        Set<String> peerGroups = groups.equals("PEER") ? Set.of(peer.id(), "sg-0000000000000000a") : Set.of();
        assertRule(expected, check().allowsIngress(protocol, port, Ipv4.parse(from), peerGroups), false);
    }

    @ParameterizedTest(name = "egress {0} port {1} to {2} → {3}")
    @CsvSource({
            "6,  443, 8.8.8.8,      tcp 443 0.0.0.0/0",
            "6,  444, 8.8.8.8,      none",
            "17, 443, 8.8.8.8,      none",
            "6,  80,  52.216.1.1,   tcp 80 pl-63a5400a",   // S3's AWS-managed list
            "6,  80,  3.5.2.2,      tcp 80 pl-63a5400a",
            "6,  80,  8.8.8.8,      none",
            "17, 999, 10.3.4.4,     -1 -1 10.3.0.0/16",    // all traffic: any protocol, any port
            "47, 0,   10.3.4.4,     -1 -1 10.3.0.0/16",
            "6,  22,  10.4.4.4,     none",
    })
    void egress(int protocol, int port, String to, String expected) {
        assertRule(expected, check().allowsEgress(protocol, port, Ipv4.parse(to), Set.of()), true);
    }

    private void assertRule(String expected, SecurityGroupRule r, boolean egress) {
        if (expected.equals("none")) {
            assertNull(r, () -> "expected no rule, matched " + r);
            return;
        }
        assertNotNull(r);
        String[] p = expected.split(" ");
        assertEquals(egress, r.egress());
        assertEquals(p[0], r.ipProtocol());
        assertEquals(Integer.parseInt(p[1]), r.fromPort());
        String peerText = r.cidrIpv4() != null ? r.cidrIpv4() : r.prefixListId() != null
                ? (r.prefixListId().equals(office.id()) ? "PL" : r.prefixListId()) : (r.referencedGroupId().equals(peer.id()) ? "PEER" : r.referencedGroupId());
        assertEquals(p[2], peerText);
        assertNotNull(r.ruleId(), "the rule keeps its sgr- id for the trace");
    }

    @Test
    void directionsAreSeparate() {
        // 10.0.1.5:443 is allowed in; out, only 443 anywhere, not 5432 to a member of peer.
        assertNull(check().allowsEgress(6, 5432, Ipv4.parse("10.0.9.9"), Set.of(peer.id())));
        assertNull(check().allowsIngress(6, 80, Ipv4.parse("52.216.1.1"), Set.of()), "the S3 prefix list is an egress rule only");
    }

    @Test
    void theDefaultGroupAllowsItsMembersAndAllOutbound() {
        SecurityGroup d = w.defaultGroup(vpc);
        SecurityGroupCheck c = SecurityGroupCheck.compile(w.view(), d);
        assertNotNull(c.allowsIngress(6, 443, Ipv4.parse("10.0.3.3"), List.of(d.id())));
        assertNull(c.allowsIngress(6, 443, Ipv4.parse("10.0.3.3"), List.of(peer.id())));
        assertNotNull(c.allowsEgress(17, 123, Ipv4.parse("203.0.113.9"), List.of()));
        assertEquals(d.id(), c.groupId());
    }

    @Test
    void aGroupWithoutRulesAllowsNothing() {
        SecurityGroup empty = w.revokeAllEgress(w.group(vpc, "empty"));
        SecurityGroupCheck c = SecurityGroupCheck.compile(w.view(), empty);
        assertNull(c.allowsEgress(6, 443, Ipv4.parse("8.8.8.8"), List.of()));
        assertNull(c.allowsIngress(6, 443, Ipv4.parse("10.0.0.1"), List.of(empty.id())));
    }

    @Test
    void oneCompiledGroupAnswersEveryPortAndDirectionInAnyOrder() {
        // far more (direction, protocol, port) combinations than the memo has slots, asked twice each, interleaved
        SecurityGroupCheck shared = check();
        for (int round = 0; round < 2; round++) {
            for (int port = 7990; port < 8110; port++) {
                long peer = Ipv4.parse("10.0.5.9");
                boolean inRange = port >= 8000 && port <= 8100;
                assertEquals(inRange, shared.allowsIngress(6, port, peer, Set.of()) != null, "ingress tcp " + port);
                assertNull(shared.allowsIngress(17, port, peer, Set.of()), "ingress udp " + port);
                assertNull(shared.allowsEgress(6, port, Ipv4.parse("8.8.8.8"), Set.of()), "egress tcp " + port);
                assertNotNull(shared.allowsEgress(6, port, Ipv4.parse("10.3.0.1"), Set.of()), "egress to the all-traffic CIDR " + port);
            }
        }
    }
}
