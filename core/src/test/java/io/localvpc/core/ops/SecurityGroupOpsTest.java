package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityGroupOpsTest {
    private final Store store = new Store(Journal.NONE, Clock.systemUTC(), tx -> { });
    private final Scope scope = new Scope("000000000000", "us-east-1");

    private static SecurityGroupRuleSpec tcpFrom(String cidr, int port) {
        return new SecurityGroupRuleSpec("tcp", port, port, cidr, null, null, null, null, null, null);
    }

    private String vpc() {
        return store.write(scope, tx -> VpcOps.create(tx, "10.0.0.0/16", null, false).id());
    }

    private SecurityGroup group(String vpcId, String name) {
        return store.write(scope, tx -> SecurityGroupOps.create(tx, vpcId, name, "d"));
    }

    @Test
    void groupUsedByANetworkInterfaceCannotBeDeleted() {
        String vpcId = vpc();
        SecurityGroup g = group(vpcId, "eni-group");
        store.write(scope, tx -> tx.put(new NetworkInterface("eni-0123456789abcdef0", scope.account(), vpcId, "subnet-0123456789abcdef0", "us-east-1a",
                "", "interface", "10.0.0.10", List.of(), List.of(g.id()), "02:00:00:00:00:01", true, false, null, null, null, tx.now())));
        AwsException e = assertThrows(AwsException.class, () -> store.write(scope, tx -> {
            SecurityGroupOps.delete(tx, SecurityGroupOps.require(tx, g.id()));
            return null;
        }));
        assertEquals("DependencyViolation", e.code());
        assertTrue(e.getMessage().contains("network interface eni-0123456789abcdef0"), e.getMessage());

        store.write(scope, tx -> tx.put(tx.find(NetworkInterface.class, "eni-0123456789abcdef0").orElseThrow().withGroupIds(List.of())));
        store.write(scope, tx -> {
            SecurityGroupOps.delete(tx, SecurityGroupOps.require(tx, g.id()));
            return null;
        });
        assertTrue(store.view(scope).find(SecurityGroup.class, g.id()).isEmpty());
    }

    @Test
    void createWithoutVpcNeedsADefaultVpc() {
        AwsException e = assertThrows(AwsException.class, () -> group(null, "orphan"));
        assertEquals("VPCIdNotSpecified", e.code());
        String vpcId = store.write(scope, tx -> DefaultVpc.create(tx).id());
        assertEquals(vpcId, group(null, "in-default").vpcId());
    }

    @Test
    void failedAuthorizeChangesNothing() {
        SecurityGroup g = group(vpc(), "atomic");
        assertThrows(AwsException.class, () -> store.write(scope, tx -> SecurityGroupOps.authorize(tx, g, false,
                List.of(tcpFrom("10.0.0.0/8", 22), tcpFrom("not-a-cidr", 22)))));
        assertEquals(List.of(), store.view(scope).find(SecurityGroup.class, g.id()).orElseThrow().ingress());
    }

    @Test
    void ipv4AndIpv6RulesHaveSeparateQuotasWhileGroupPeersCountForBoth() {
        String vpcId = vpc();
        SecurityGroup g = group(vpcId, "quota");
        SecurityGroup peer = group(vpcId, "peer");
        store.write(scope, tx -> SecurityGroupOps.authorize(tx, g, false,
                List.of(new SecurityGroupRuleSpec("tcp", 1, 1, null, null, null, peer.id(), null, null, null))));
        for (int i = 0; i < 59; i++) {
            int n = i;
            store.write(scope, tx -> SecurityGroupOps.authorize(tx, SecurityGroupOps.require(tx, g.id()), false,
                    List.of(new SecurityGroupRuleSpec("tcp", 2, 2, null, "2001:db8:" + Integer.toHexString(n) + "::/48", null, null, null, null, null))));
        }
        AwsException e = assertThrows(AwsException.class, () -> store.write(scope, tx -> SecurityGroupOps.authorize(tx, SecurityGroupOps.require(tx, g.id()), false,
                List.of(new SecurityGroupRuleSpec("tcp", 3, 3, null, "::/0", null, null, null, null, null)))));
        assertEquals("RulesPerSecurityGroupLimitExceeded", e.code());
        store.write(scope, tx -> SecurityGroupOps.authorize(tx, SecurityGroupOps.require(tx, g.id()), false, List.of(tcpFrom("0.0.0.0/0", 3))));
    }

    @Test
    void revokeOutsideTheDefaultVpcFailsOnAnUnknownRuleAndKeepsTheRest() {
        SecurityGroup g = group(vpc(), "revoke");
        store.write(scope, tx -> SecurityGroupOps.authorize(tx, g, false, List.of(tcpFrom("10.0.0.0/8", 22))));
        AwsException e = assertThrows(AwsException.class, () -> store.write(scope, tx -> SecurityGroupOps.revoke(tx, SecurityGroupOps.require(tx, g.id()), false,
                List.of(tcpFrom("10.0.0.0/8", 22), tcpFrom("10.0.0.0/8", 23)))));
        assertEquals("InvalidPermission.NotFound", e.code());
        assertEquals(1, store.view(scope).find(SecurityGroup.class, g.id()).orElseThrow().ingress().size());
    }

    @Test
    void modifyKeepsIdAndDirection() {
        SecurityGroup g = group(vpc(), "modify");
        SecurityGroupRule egress = g.egress().get(0);
        SecurityGroup after = store.write(scope, tx -> SecurityGroupOps.modify(tx, g, Map.of(egress.ruleId(),
                new SecurityGroupRuleSpec("udp", 53, 53, "10.0.0.2/32", null, null, null, null, null, "dns"))));
        SecurityGroupRule changed = after.egress().get(0);
        assertEquals(egress.ruleId(), changed.ruleId());
        assertTrue(changed.egress());
        assertEquals("udp", changed.ipProtocol());
        assertEquals("dns", changed.description());
        assertFalse(store.view(scope).find(Vpc.class, g.vpcId()).orElseThrow().isDefault());
    }
}
