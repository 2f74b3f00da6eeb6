package io.localvpc.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleUpdate;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalVpcExtension.class)
class SecurityGroupApiTest {
    private static final AtomicInteger NEXT_CIDR = new AtomicInteger(0);

    private static void awsError(String code, String messagePart, Runnable call) {
        Ec2Exception e = assertThrows(Ec2Exception.class, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        if (messagePart != null) {
            assertTrue(e.awsErrorDetails().errorMessage().contains(messagePart), e.awsErrorDetails().errorMessage());
        }
    }

    private static String newVpc(Ec2Client ec2) {
        int n = NEXT_CIDR.getAndIncrement();
        return ec2.createVpc(r -> r.cidrBlock("10." + (100 + n) + ".0.0/16")).vpc().vpcId();
    }

    private static String newGroup(Ec2Client ec2, String vpcId, String name) {
        return ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(name).description("test group " + name)).groupId();
    }

    private static SecurityGroup describe(Ec2Client ec2, String groupId) {
        return ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
    }

    private static IpPermission tcp(int from, int to, Consumer<IpPermission.Builder> peers) {
        IpPermission.Builder b = IpPermission.builder().ipProtocol("tcp").fromPort(from).toPort(to);
        peers.accept(b);
        return b.build();
    }

    private static IpRange v4(String cidr) {
        return IpRange.builder().cidrIp(cidr).build();
    }

    @Test
    void createGroupHasDefaultEgressAndNoIngress(Ec2Client ec2) {
        String vpcId = newVpc(ec2);
        CreateSecurityGroupResponse created = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("web").description("Web servers")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP)
                        .tags(Tag.builder().key("Name").value("web").build()).build()));
        assertTrue(created.groupId().matches("sg-[0-9a-f]{17}"), created.groupId());
        assertEquals("arn:aws:ec2:us-east-1:000000000000:security-group/" + created.groupId(), created.securityGroupArn());
        assertEquals(List.of(Tag.builder().key("Name").value("web").build()), created.tags());

        SecurityGroup g = describe(ec2, created.groupId());
        assertEquals("web", g.groupName());
        assertEquals("Web servers", g.description());
        assertEquals(vpcId, g.vpcId());
        assertEquals("000000000000", g.ownerId());
        assertEquals(created.securityGroupArn(), g.securityGroupArn());
        assertEquals(List.of(Tag.builder().key("Name").value("web").build()), g.tags());
        assertEquals(List.of(), g.ipPermissions());
        assertEquals(1, g.ipPermissionsEgress().size());
        IpPermission allOut = g.ipPermissionsEgress().get(0);
        assertEquals("-1", allOut.ipProtocol());
        assertNull(allOut.fromPort());
        assertNull(allOut.toPort());
        assertEquals(List.of(v4("0.0.0.0/0")), allOut.ipRanges());
        assertEquals(List.of(), allOut.ipv6Ranges());
        assertEquals(List.of(), allOut.userIdGroupPairs());
    }

    @Test
    void newVpcDefaultGroupAllowsAllFromItselfAndAllOut(Ec2Client ec2) {
        String vpcId = newVpc(ec2);
        SecurityGroup def = ec2.describeSecurityGroups(r -> r.filters(
                Filter.builder().name("vpc-id").values(vpcId).build(),
                Filter.builder().name("group-name").values("default").build())).securityGroups().get(0);
        assertEquals("default VPC security group", def.description());
        assertEquals(1, def.ipPermissions().size());
        IpPermission self = def.ipPermissions().get(0);
        assertEquals("-1", self.ipProtocol());
        assertNull(self.fromPort());
        assertEquals(List.of(UserIdGroupPair.builder().groupId(def.groupId()).userId("000000000000").build()), self.userIdGroupPairs());
        assertEquals(List.of(v4("0.0.0.0/0")), def.ipPermissionsEgress().get(0).ipRanges());

        awsError("CannotDelete", def.groupId(), () -> ec2.deleteSecurityGroup(r -> r.groupId(def.groupId())));
        List<SecurityGroupRule> rules = ec2.describeSecurityGroupRules(r -> r.filters(Filter.builder().name("group-id").values(def.groupId()).build()))
                .securityGroupRules();
        assertEquals(2, rules.size());
        SecurityGroupRule in = rules.stream().filter(r -> !r.isEgress()).findFirst().orElseThrow();
        assertEquals(def.groupId(), in.referencedGroupInfo().groupId());
        assertEquals(-1, in.fromPort());
        assertEquals(-1, in.toPort());
    }

    @Test
    void createRefusesDuplicateReservedAndInvalidNames(Ec2Client ec2) {
        String vpcId = newVpc(ec2);
        newGroup(ec2, vpcId, "app");
        awsError("InvalidGroup.Duplicate", "The security group 'app' already exists for VPC '" + vpcId + "'", () -> newGroup(ec2, vpcId, "app"));
        awsError("InvalidParameterValue", "default", () -> newGroup(ec2, vpcId, "default"));
        awsError("InvalidParameterValue", "sg-*", () -> newGroup(ec2, vpcId, "sg-mine"));
        awsError("InvalidParameterValue", "name", () -> newGroup(ec2, vpcId, "x".repeat(256)));
        awsError("InvalidParameterValue", "name", () -> newGroup(ec2, vpcId, "caf\u00e9"));
        awsError("InvalidParameterValue", "description", () -> ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("d").description("d".repeat(256))));
        awsError("MissingParameter", "GroupDescription", () -> ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("nodesc")));
        awsError("InvalidVpcID.NotFound", null, () -> ec2.createSecurityGroup(r -> r.vpcId("vpc-0123456789abcdef0").groupName("n").description("d")));
        // The same name is fine in another VPC, and 255 allowed characters are fine.
        newGroup(ec2, newVpc(ec2), "app");
        String longName = "a-Z 0._:/()#,@[]+=&;{}!$*".repeat(11).substring(0, 255);
        ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(longName).description(longName));
    }

    @Test
    void createWithoutVpcUsesDefaultVpcAndGroupNamesWorkThere(Ec2Client ec2) {
        String defaultVpc = ec2.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build())).vpcs().get(0).vpcId();
        String id = ec2.createSecurityGroup(r -> r.groupName("in-default").description("d")).groupId();
        assertEquals(defaultVpc, describe(ec2, id).vpcId());
        assertEquals(id, ec2.describeSecurityGroups(r -> r.groupNames("in-default")).securityGroups().get(0).groupId());
        awsError("InvalidGroup.NotFound", "does not exist in default VPC", () -> ec2.describeSecurityGroups(r -> r.groupNames("no-such-group")));

        ec2.authorizeSecurityGroupIngress(r -> r.groupName("in-default").ipProtocol("tcp").fromPort(22).toPort(22).cidrIp("198.51.100.0/24"));
        IpPermission ssh = describe(ec2, id).ipPermissions().get(0);
        assertEquals(List.of(v4("198.51.100.0/24")), ssh.ipRanges());
        // In the default VPC an unmatched revoke is reported back instead of failing.
        RevokeSecurityGroupIngressResponse r = ec2.revokeSecurityGroupIngress(q -> q.groupId(id).ipPermissions(tcp(80, 80, b -> b.ipRanges(v4("10.0.0.0/8")))));
        assertTrue(r.returnValue());
        assertEquals(1, r.unknownIpPermissions().size());
        assertEquals(List.of(v4("10.0.0.0/8")), r.unknownIpPermissions().get(0).ipRanges());

        ec2.deleteSecurityGroup(q -> q.groupName("in-default"));
        awsError("InvalidGroup.NotFound", null, () -> describe(ec2, id));
    }

    @Test
    void ipPermissionsAreGroupedByProtocolAndPorts(Ec2Client ec2) {
        String vpcId = newVpc(ec2);
        String peer = newGroup(ec2, vpcId, "peer");
        String g = newGroup(ec2, vpcId, "grouped");
        AuthorizeSecurityGroupIngressResponse resp = ec2.authorizeSecurityGroupIngress(r -> r.groupId(g).ipPermissions(
                tcp(443, 443, b -> b.ipRanges(IpRange.builder().cidrIp("10.0.0.0/16").description("office").build(), v4("192.0.2.0/24"))
                        .ipv6Ranges(Ipv6Range.builder().cidrIpv6("2001:DB8::/32").build())
                        .prefixListIds(PrefixListId.builder().prefixListId("pl-63a5400a").description("s3").build())
                        .userIdGroupPairs(UserIdGroupPair.builder().groupId(peer).description("from peer").build())),
                IpPermission.builder().ipProtocol("6").fromPort(22).toPort(22).ipRanges(v4("10.1.0.0/16")).build(),
                IpPermission.builder().ipProtocol("icmp").fromPort(8).toPort(-1).ipRanges(v4("0.0.0.0/0")).build(),
                IpPermission.builder().ipProtocol("17").fromPort(53).toPort(53).ipRanges(v4("10.0.0.2/32")).build(),
                IpPermission.builder().ipProtocol("50").ipRanges(v4("203.0.113.0/24")).build()));
        assertTrue(resp.returnValue());
        assertEquals(9, resp.securityGroupRules().size());
        resp.securityGroupRules().forEach(rule -> {
            assertTrue(rule.securityGroupRuleId().matches("sgr-[0-9a-f]{17}"), rule.securityGroupRuleId());
            assertEquals(g, rule.groupId());
            assertEquals("000000000000", rule.groupOwnerId());
            assertEquals("arn:aws:ec2:us-east-1:000000000000:security-group-rule/" + rule.securityGroupRuleId(), rule.securityGroupRuleArn());
        });

        List<IpPermission> perms = describe(ec2, g).ipPermissions();
        assertEquals(5, perms.size());
        IpPermission https = perms.get(0);
        assertEquals("tcp", https.ipProtocol());
        assertEquals(443, https.fromPort());
        assertEquals(443, https.toPort());
        assertEquals(List.of(IpRange.builder().cidrIp("10.0.0.0/16").description("office").build(), v4("192.0.2.0/24")), https.ipRanges());
        assertEquals(List.of(Ipv6Range.builder().cidrIpv6("2001:db8::/32").build()), https.ipv6Ranges());
        assertEquals(List.of(PrefixListId.builder().prefixListId("pl-63a5400a").description("s3").build()), https.prefixListIds());
        assertEquals(List.of(UserIdGroupPair.builder().groupId(peer).userId("000000000000").description("from peer").build()), https.userIdGroupPairs());
        assertEquals("tcp", perms.get(1).ipProtocol());
        assertEquals(22, perms.get(1).fromPort());
        assertEquals("icmp", perms.get(2).ipProtocol());
        assertEquals(8, perms.get(2).fromPort());
        assertEquals(-1, perms.get(2).toPort());
        assertEquals("udp", perms.get(3).ipProtocol());
        assertEquals("50", perms.get(4).ipProtocol());
        assertEquals(-1, perms.get(4).fromPort());
    }

    @Test
    void authorizeValidatesProtocolsPortsCidrsAndPeers(Ec2Client ec2) {
        String vpcId = newVpc(ec2);
        String g = newGroup(ec2, vpcId, "strict");
        Consumer<IpPermission> authorize = p -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(g).ipPermissions(p));
        awsError("InvalidParameterValue", "portRange", () -> authorize.accept(IpPermission.builder().ipProtocol("tcp").ipRanges(v4("10.0.0.0/8")).build()));
        awsError("InvalidParameterValue", "port range", () -> authorize.accept(tcp(443, 80, b -> b.ipRanges(v4("10.0.0.0/8")))));
        awsError("InvalidParameterValue", "port range", () -> authorize.accept(tcp(0, 65536, b -> b.ipRanges(v4("10.0.0.0/8")))));
        awsError("InvalidParameterValue", "ICMP type", () -> authorize.accept(IpPermission.builder().ipProtocol("icmp").fromPort(256).toPort(0).ipRanges(v4("10.0.0.0/8")).build()));
        awsError("InvalidParameterValue", "protocol", () -> authorize.accept(IpPermission.builder().ipProtocol("bogus").ipRanges(v4("10.0.0.0/8")).build()));
        awsError("InvalidParameterValue", "protocol", () -> authorize.accept(IpPermission.builder().ipProtocol("256").ipRanges(v4("10.0.0.0/8")).build()));
        awsError("InvalidParameterValue", "CIDR block 10.0.0.0/33 is malformed", () -> authorize.accept(tcp(80, 80, b -> b.ipRanges(v4("10.0.0.0/33")))));
        awsError("InvalidParameterValue", "malformed", () -> authorize.accept(tcp(80, 80, b -> b.ipRanges(v4("10.0.0.1")))));
        awsError("InvalidParameterValue", "malformed", () -> authorize.accept(tcp(80, 80, b -> b.ipv6Ranges(Ipv6Range.builder().cidrIpv6("2001:db8:::/32").build()))));
        awsError("InvalidGroup.NotFound", "sg-0123456789abcdef0", () -> authorize.accept(tcp(80, 80,
                b -> b.userIdGroupPairs(UserIdGroupPair.builder().groupId("sg-0123456789abcdef0").build()))));
        awsError("InvalidGroupId.Malformed", null, () -> authorize.accept(tcp(80, 80, b -> b.userIdGroupPairs(UserIdGroupPair.builder().groupId("sg-nope").build()))));
        String otherVpcGroup = newGroup(ec2, newVpc(ec2), "elsewhere");
        awsError("InvalidGroup.NotFound", "different networks", () -> authorize.accept(tcp(80, 80,
                b -> b.userIdGroupPairs(UserIdGroupPair.builder().groupId(otherVpcGroup).build()))));
        awsError("InvalidPrefixListID.Malformed", null, () -> authorize.accept(tcp(80, 80, b -> b.prefixListIds(PrefixListId.builder().prefixListId("pl-xyz").build()))));
        awsError("InvalidPrefixListID.NotFound", "pl-0123abcd", () -> authorize.accept(tcp(80, 80, b -> b.prefixListIds(PrefixListId.builder().prefixListId("pl-0123abcd").build()))));
        awsError("InvalidParameterValue", "description", () -> authorize.accept(tcp(80, 80, b -> b.ipRanges(IpRange.builder().cidrIp("10.0.0.0/8").description("b\u00e4d").build()))));
        awsError("InvalidParameterValue", "multiple times", () -> authorize.accept(tcp(80, 80, b -> b.ipRanges(v4("10.0.0.0/8"), v4("10.0.0.0/8")))));
        awsError("InvalidGroup.NotFound", null, () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId("sg-0123456789abcdef0").ipPermissions(tcp(1, 1, b -> b.ipRanges(v4("10.0.0.0/8"))))));
        assertEquals(List.of(), describe(ec2, g).ipPermissions(), "no failed call may leave a rule behind");

        // Host bits are cleared and "all" means every protocol.
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(g).ipPermissions(tcp(80, 80, b -> b.ipRanges(v4("10.9.8.7/16"))),
                IpPermission.builder().ipProtocol("all").ipRanges(v4("172.16.0.0/12")).build()));
        List<IpPermission> perms = describe(ec2, g).ipPermissions();
        assertEquals(List.of(v4("10.9.0.0/16")), perms.get(0).ipRanges());
        assertEquals("-1", perms.get(1).ipProtocol());
    }

    @Test
    void duplicatesAndTheRuleQuotaAreRefused(Ec2Client ec2) {
        String vpcId = newVpc(ec2);
        String g = newGroup(ec2, vpcId, "dup");
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(g).ipPermissions(tcp(22, 22, b -> b.ipRanges(v4("10.0.0.0/8")))));
        awsError("InvalidPermission.Duplicate", "peer: 10.0.0.0/8, TCP, from port: 22, to port: 22, ALLOW",
                () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(g).ipPermissions(tcp(22, 22,
                        b -> b.ipRanges(IpRange.builder().cidrIp("10.0.0.0/8").description("other words").build())))));
        awsError("InvalidPermission.Duplicate", "ALL", () -> ec2.authorizeSecurityGroupEgress(r -> r.groupId(g)
                .ipPermissions(IpPermission.builder().ipProtocol("-1").ipRanges(v4("0.0.0.0/0")).build())));

        List<IpRange> ranges = new ArrayList<>();
        for (int i = 0; i < 59; i++) ranges.add(v4("192.168." + i + ".0/24"));
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(g).ipPermissions(tcp(443, 443, b -> b.ipRanges(ranges))));
        awsError("RulesPerSecurityGroupLimitExceeded", null, () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(g)
                .ipPermissions(tcp(8080, 8080, b -> b.ipRanges(v4("10.0.0.0/8"))))));
        // IPv6 rules have their own 60.
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(g).ipPermissions(tcp(8080, 8080, b -> b.ipv6Ranges(Ipv6Range.builder().cidrIpv6("::/0").build()))));
    }

    @Test
    void revokeByPermissionAndByRuleId(Ec2Client ec2) {
        String vpcId = newVpc(ec2);
        String g = newGroup(ec2, vpcId, "revoke");
        List<SecurityGroupRule> rules = ec2.authorizeSecurityGroupIngress(r -> r.groupId(g).ipPermissions(
                tcp(22, 22, b -> b.ipRanges(IpRange.builder().cidrIp("10.0.0.0/8").description("ssh").build(), v4("192.168.0.0/16"))))).securityGroupRules();

        awsError("InvalidPermission.NotFound", "does not exist", () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(g)
                .ipPermissions(tcp(23, 23, b -> b.ipRanges(v4("10.0.0.0/8"))))));
        RevokeSecurityGroupIngressResponse byPermission = ec2.revokeSecurityGroupIngress(r -> r.groupId(g)
                .ipPermissions(tcp(22, 22, b -> b.ipRanges(v4("10.0.0.0/8")))));
        assertTrue(byPermission.returnValue());
        assertEquals(List.of(), byPermission.unknownIpPermissions());
        assertEquals(rules.get(0).securityGroupRuleId(), byPermission.revokedSecurityGroupRules().get(0).securityGroupRuleId());
        assertEquals("ssh", byPermission.revokedSecurityGroupRules().get(0).description());

        awsError("InvalidSecurityGroupRuleId.NotFound", null, () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(g)
                .securityGroupRuleIds(rules.get(0).securityGroupRuleId())));
        String egressRule = ec2.describeSecurityGroupRules(r -> r.filters(Filter.builder().name("group-id").values(g).build())).securityGroupRules()
                .stream().filter(SecurityGroupRule::isEgress).findFirst().orElseThrow().securityGroupRuleId();
        awsError("InvalidSecurityGroupRuleId.NotFound", null, () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(g).securityGroupRuleIds(egressRule)));
        ec2.revokeSecurityGroupIngress(r -> r.groupId(g).securityGroupRuleIds(rules.get(1).securityGroupRuleId()));
        ec2.revokeSecurityGroupEgress(r -> r.groupId(g).ipPermissions(IpPermission.builder().ipProtocol("-1").ipRanges(v4("0.0.0.0/0")).build()));
        SecurityGroup after = describe(ec2, g);
        assertEquals(List.of(), after.ipPermissions());
        assertEquals(List.of(), after.ipPermissionsEgress());
    }

    @Test
    void egressRulesToPrefixListsAndGroups(Ec2Client ec2) {
        String vpcId = newVpc(ec2);
        String db = newGroup(ec2, vpcId, "db");
        String app = newGroup(ec2, vpcId, "app");
        List<SecurityGroupRule> added = ec2.authorizeSecurityGroupEgress(r -> r.groupId(app).ipPermissions(
                tcp(5432, 5432, b -> b.userIdGroupPairs(UserIdGroupPair.builder().groupId(db).build())),
                tcp(443, 443, b -> b.prefixListIds(PrefixListId.builder().prefixListId("pl-63a5400a").build()))).tagSpecifications(
                TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP_RULE).tags(Tag.builder().key("team").value("data").build()).build()))
                .securityGroupRules();
        assertEquals(2, added.size());
        assertTrue(added.get(0).isEgress());
        assertEquals(db, added.get(0).referencedGroupInfo().groupId());
        assertEquals("000000000000", added.get(0).referencedGroupInfo().userId());
        assertEquals("pl-63a5400a", added.get(1).prefixListId());
        assertEquals(List.of(Tag.builder().key("team").value("data").build()), added.get(1).tags());

        List<IpPermission> egress = describe(ec2, app).ipPermissionsEgress();
        assertEquals(3, egress.size());
        assertEquals(1, ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("egress.ip-permission.prefix-list-id").values("pl-63a5400a").build(),
                Filter.builder().name("vpc-id").values(vpcId).build())).securityGroups().size());
        assertEquals(app, ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("egress.ip-permission.group-id").values(db).build()))
                .securityGroups().get(0).groupId());
        assertEquals(List.of(), ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("ip-permission.group-id").values(db).build())).securityGroups());
        awsError("MissingParameter", null, () -> ec2.authorizeSecurityGroupEgress(r -> r.groupId(app)));
    }

    @Test
    void deleteIsRefusedWhileAnotherGroupReferencesIt(Ec2Client ec2) {
        String vpcId = newVpc(ec2);
        String lb = newGroup(ec2, vpcId, "lb");
        String web = newGroup(ec2, vpcId, "web");
        // A group referring to itself can still be deleted.
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(lb).ipPermissions(tcp(80, 80, b -> b.userIdGroupPairs(UserIdGroupPair.builder().groupId(lb).build()))));
        String ruleId = ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(tcp(80, 80,
                b -> b.userIdGroupPairs(UserIdGroupPair.builder().groupId(lb).build())))).securityGroupRules().get(0).securityGroupRuleId();
        awsError("DependencyViolation", web, () -> ec2.deleteSecurityGroup(r -> r.groupId(lb)));
        ec2.revokeSecurityGroupIngress(r -> r.groupId(web).securityGroupRuleIds(ruleId));
        ec2.deleteSecurityGroup(r -> r.groupId(lb));
        awsError("InvalidGroup.NotFound", null, () -> ec2.deleteSecurityGroup(r -> r.groupId(lb)));
        awsError("InvalidGroupId.Malformed", null, () -> ec2.deleteSecurityGroup(r -> r.groupId("lb")));
        awsError("MissingParameter", null, () -> ec2.deleteSecurityGroup(r -> { }));
    }

    @Test
    void describeFiltersAndPagination(Ec2Client ec2) {
        String vpcId = newVpc(ec2);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            String id = newGroup(ec2, vpcId, "page-" + i);
            created.add(id);
            int port = 8000 + i;
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(tcp(port, port, b -> b.ipRanges(v4("10.0.0.0/8")))));
        }
        Filter inVpc = Filter.builder().name("vpc-id").values(vpcId).build();
        Filter named = Filter.builder().name("group-name").values("page-*").build();
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeSecurityGroupsResponse page = ec2.describeSecurityGroups(r -> r.filters(inVpc, named).maxResults(5).nextToken(t));
            page.securityGroups().forEach(g -> seen.add(g.groupId()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(created, seen);
        assertEquals(2, pages);
        assertEquals(8, ec2.describeSecurityGroups(r -> r.filters(inVpc)).securityGroups().size(), "7 plus the VPC's default group");

        assertEquals(1, ec2.describeSecurityGroups(r -> r.filters(inVpc, Filter.builder().name("ip-permission.from-port").values("8003").build())).securityGroups().size());
        assertEquals(7, ec2.describeSecurityGroups(r -> r.filters(inVpc, Filter.builder().name("ip-permission.cidr").values("10.0.0.0/8").build(),
                Filter.builder().name("ip-permission.protocol").values("tcp").build())).securityGroups().size());
        assertEquals(1, ec2.describeSecurityGroups(r -> r.filters(inVpc, Filter.builder().name("ip-permission.to-port").values("8006").build())).securityGroups().size());
        assertEquals(8, ec2.describeSecurityGroups(r -> r.filters(inVpc, Filter.builder().name("egress.ip-permission.cidr").values("0.0.0.0/0").build(),
                Filter.builder().name("egress.ip-permission.protocol").values("-1").build())).securityGroups().size());
        assertEquals(1, ec2.describeSecurityGroups(r -> r.filters(inVpc, Filter.builder().name("description").values("test group page-2").build())).securityGroups().size());
        assertEquals(8, ec2.describeSecurityGroups(r -> r.filters(inVpc, Filter.builder().name("owner-id").values("000000000000").build())).securityGroups().size());
        String some = created.iterator().next();
        assertEquals(some, ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("group-id").values(some).build())).securityGroups().get(0).groupId());
        awsError("InvalidParameterValue", "filter", () -> ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("bogus").values("x").build())));
        awsError("InvalidGroup.NotFound", null, () -> ec2.describeSecurityGroups(r -> r.groupIds("sg-0123456789abcdef0")));
        awsError("InvalidParameterValue", null, () -> ec2.describeSecurityGroups(r -> r.maxResults(2)));
    }

    @Test
    void describeSecurityGroupRulesFiltersTagsAndPages(Ec2Client ec2) {
        String vpcId = newVpc(ec2);
        String g = newGroup(ec2, vpcId, "rules");
        List<SecurityGroupRule> added = ec2.authorizeSecurityGroupIngress(r -> r.groupId(g).ipPermissions(
                tcp(1, 1, b -> b.ipRanges(v4("10.0.1.0/24"), v4("10.0.2.0/24"), v4("10.0.3.0/24"), v4("10.0.4.0/24"), v4("10.0.5.0/24"),
                        IpRange.builder().cidrIp("10.0.6.0/24").description("six").build())))).securityGroupRules();
        Filter inGroup = Filter.builder().name("group-id").values(g).build();
        Set<String> seen = new HashSet<>();
        String token = null;
        do {
            String t = token;
            var page = ec2.describeSecurityGroupRules(r -> r.filters(inGroup).maxResults(5).nextToken(t));
            page.securityGroupRules().forEach(x -> seen.add(x.securityGroupRuleId()));
            token = page.nextToken();
        } while (token != null);
        assertEquals(7, seen.size(), "six ingress rules and the default egress rule");

        SecurityGroupRule six = ec2.describeSecurityGroupRules(r -> r.securityGroupRuleIds(added.get(5).securityGroupRuleId())).securityGroupRules().get(0);
        assertEquals("10.0.6.0/24", six.cidrIpv4());
        assertEquals("six", six.description());
        assertEquals("tcp", six.ipProtocol());
        assertEquals(1, six.fromPort());
        assertEquals(false, six.isEgress());
        assertEquals(List.of(), six.tags());

        ec2.createTags(r -> r.resources(six.securityGroupRuleId()).tags(Tag.builder().key("k").value("v").build()));
        List<SecurityGroupRule> tagged = ec2.describeSecurityGroupRules(r -> r.filters(Filter.builder().name("tag:k").values("v").build())).securityGroupRules();
        assertEquals(List.of(six.securityGroupRuleId()), tagged.stream().map(SecurityGroupRule::securityGroupRuleId).toList());
        assertEquals(1, ec2.describeSecurityGroupRules(r -> r.filters(Filter.builder().name("security-group-rule-id").values(six.securityGroupRuleId()).build()))
                .securityGroupRules().size());
        awsError("InvalidSecurityGroupRuleId.NotFound", null, () -> ec2.describeSecurityGroupRules(r -> r.securityGroupRuleIds("sgr-0123456789abcdef0")));
        awsError("InvalidSecurityGroupRuleId.Malformed", null, () -> ec2.describeSecurityGroupRules(r -> r.securityGroupRuleIds("rule-1")));
    }

    @Test
    void modifySecurityGroupRulesReplacesRulesInPlace(Ec2Client ec2) {
        String vpcId = newVpc(ec2);
        String g = newGroup(ec2, vpcId, "modify");
        List<SecurityGroupRule> added = ec2.authorizeSecurityGroupIngress(r -> r.groupId(g).ipPermissions(
                tcp(80, 80, b -> b.ipRanges(v4("10.0.0.0/8"), v4("192.168.0.0/16"))))).securityGroupRules();
        String first = added.get(0).securityGroupRuleId();
        String second = added.get(1).securityGroupRuleId();

        assertTrue(ec2.modifySecurityGroupRules(r -> r.groupId(g).securityGroupRules(SecurityGroupRuleUpdate.builder().securityGroupRuleId(first)
                .securityGroupRule(SecurityGroupRuleRequest.builder().ipProtocol("tcp").fromPort(8080).toPort(8081).cidrIpv6("::/0").description("alt http").build())
                .build())).returnValue());
        SecurityGroupRule changed = ec2.describeSecurityGroupRules(r -> r.securityGroupRuleIds(first)).securityGroupRules().get(0);
        assertEquals(8080, changed.fromPort());
        assertEquals(8081, changed.toPort());
        assertEquals("::/0", changed.cidrIpv6());
        assertNull(changed.cidrIpv4());
        assertEquals("alt http", changed.description());
        assertEquals(false, changed.isEgress());

        awsError("InvalidPermission.Duplicate", null, () -> ec2.modifySecurityGroupRules(r -> r.groupId(g).securityGroupRules(SecurityGroupRuleUpdate.builder()
                .securityGroupRuleId(second).securityGroupRule(SecurityGroupRuleRequest.builder().ipProtocol("tcp").fromPort(8080).toPort(8081).cidrIpv6("::/0").build())
                .build())));
        awsError("InvalidSecurityGroupRuleId.NotFound", null, () -> ec2.modifySecurityGroupRules(r -> r.groupId(g).securityGroupRules(SecurityGroupRuleUpdate.builder()
                .securityGroupRuleId("sgr-0123456789abcdef0").securityGroupRule(SecurityGroupRuleRequest.builder().ipProtocol("-1").cidrIpv4("10.0.0.0/8").build())
                .build())));
        awsError("InvalidParameterValue", "exactly one", () -> ec2.modifySecurityGroupRules(r -> r.groupId(g).securityGroupRules(SecurityGroupRuleUpdate.builder()
                .securityGroupRuleId(second).securityGroupRule(SecurityGroupRuleRequest.builder().ipProtocol("-1").cidrIpv4("10.0.0.0/8").cidrIpv6("::/0").build())
                .build())));
    }

    @Test
    void legacySourceSecurityGroupNameGrantsTcpUdpAndIcmp(Ec2Client ec2) {
        String src = ec2.createSecurityGroup(r -> r.groupName("legacy-src").description("d")).groupId();
        String dst = ec2.createSecurityGroup(r -> r.groupName("legacy-dst").description("d")).groupId();
        List<SecurityGroupRule> rules = ec2.authorizeSecurityGroupIngress(r -> r.groupId(dst).sourceSecurityGroupName("legacy-src")).securityGroupRules();
        assertEquals(List.of("icmp", "tcp", "udp"), rules.stream().map(SecurityGroupRule::ipProtocol).toList());
        rules.forEach(rule -> assertEquals(src, rule.referencedGroupInfo().groupId()));
        assertEquals(65535, rules.get(1).toPort());
        awsError("InvalidParameterCombination", null, () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(dst).sourceSecurityGroupName("legacy-src").ipProtocol("tcp")));
        ec2.revokeSecurityGroupIngress(r -> r.groupId(dst).sourceSecurityGroupName("legacy-src"));
        assertEquals(List.of(), describe(ec2, dst).ipPermissions());
        ec2.deleteSecurityGroup(r -> r.groupId(dst));
        ec2.deleteSecurityGroup(r -> r.groupId(src));
    }

    @Test
    void wireFormatOfIpPermissions(Ec2Client ec2, URI endpoint) {
        String vpcId = newVpc(ec2);
        String g = newGroup(ec2, vpcId, "wire");
        RawEc2.Reply reply = new RawEc2(endpoint).call("DescribeSecurityGroups", "GroupId.1", g);
        assertEquals(200, reply.status(), reply.body());
        String body = reply.body().replaceAll(">\\s+<", "><");
        assertTrue(body.contains("<ipPermissions/>") || body.contains("<ipPermissions></ipPermissions>"), body);
        assertTrue(body.contains("<ipPermissionsEgress><item><ipProtocol>-1</ipProtocol>"), body);
        assertTrue(body.contains("<ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges>"), body);
        assertTrue(!body.contains("<fromPort>"), "all-traffic permissions carry no ports: " + body);
        assertTrue(body.contains("<securityGroupArn>arn:aws:ec2:us-east-1:"), body);
    }
}
