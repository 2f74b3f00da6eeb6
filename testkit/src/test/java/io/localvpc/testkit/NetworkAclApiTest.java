package io.localvpc.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IcmpTypeCode;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclAssociation;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.PortRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalVpcExtension.class)
class NetworkAclApiTest {

    private static Ec2Exception awsError(Ec2Exception e, String code) {
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        return e;
    }

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    private static String vpc(Ec2Client ec2, String cidr) {
        return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    }

    private static NetworkAcl defaultAcl(Ec2Client ec2, String vpcId) {
        return ec2.describeNetworkAcls(r -> r.filters(filter("vpc-id", vpcId), filter("default", "true"))).networkAcls().get(0);
    }

    private static NetworkAcl describe(Ec2Client ec2, String aclId) {
        return ec2.describeNetworkAcls(r -> r.networkAclIds(aclId)).networkAcls().get(0);
    }

    private static NetworkAclEntry entry(int rule, boolean egress, String protocol, String action) {
        return NetworkAclEntry.builder().ruleNumber(rule).egress(egress).protocol(protocol).ruleAction(action).cidrBlock("0.0.0.0/0").build();
    }

    /** Entry fields as they come back (port range and ICMP compared separately). */
    private static NetworkAclEntry core(NetworkAclEntry e) {
        return NetworkAclEntry.builder().ruleNumber(e.ruleNumber()).egress(e.egress()).protocol(e.protocol()).ruleAction(e.ruleActionAsString())
                .cidrBlock(e.cidrBlock()).build();
    }

    @Test
    void newVpcHasADefaultAclAllowingEverythingAndNewSubnetsJoinIt(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.0.0.0/16");
        NetworkAcl acl = defaultAcl(ec2, vpcId);
        assertTrue(acl.networkAclId().matches("acl-[0-9a-f]{17}"), acl.networkAclId());
        assertTrue(acl.isDefault());
        assertEquals(vpcId, acl.vpcId());
        assertEquals("000000000000", acl.ownerId());
        assertEquals(List.of(), acl.tags());
        assertEquals(List.of(), acl.associations());
        // AWS lists egress entries first, each direction by rule number.
        assertEquals(List.of(
                entry(100, true, "-1", "allow"), entry(32767, true, "-1", "deny"),
                entry(100, false, "-1", "allow"), entry(32767, false, "-1", "deny")),
                acl.entries().stream().map(NetworkAclApiTest::core).toList());
        acl.entries().forEach(e -> {
            assertNull(e.portRange());
            assertNull(e.icmpTypeCode());
        });

        String s1 = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24")).subnet().subnetId();
        String s2 = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.2.0/24")).subnet().subnetId();
        List<NetworkAclAssociation> associations = describe(ec2, acl.networkAclId()).associations();
        assertEquals(Set.of(s1, s2), Set.copyOf(associations.stream().map(NetworkAclAssociation::subnetId).toList()));
        for (NetworkAclAssociation a : associations) {
            assertTrue(a.networkAclAssociationId().matches("aclassoc-[0-9a-f]{17}"), a.networkAclAssociationId());
            assertEquals(acl.networkAclId(), a.networkAclId());
        }
    }

    @Test
    void customAclStartsWithOnlyTheDenyRulesAndCanBeDeleted(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.1.0.0/16");
        NetworkAcl acl = ec2.createNetworkAcl(r -> r.vpcId(vpcId).tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.NETWORK_ACL).tags(Tag.builder().key("Name").value("private").build()).build())).networkAcl();
        assertFalse(acl.isDefault());
        assertEquals(vpcId, acl.vpcId());
        assertEquals("000000000000", acl.ownerId());
        assertEquals(List.of(Tag.builder().key("Name").value("private").build()), acl.tags());
        assertEquals(List.of(), acl.associations());
        assertEquals(List.of(entry(32767, true, "-1", "deny"), entry(32767, false, "-1", "deny")),
                acl.entries().stream().map(NetworkAclApiTest::core).toList());
        assertEquals(acl, describe(ec2, acl.networkAclId()));

        // A VPC with a custom ACL left in it cannot be deleted.
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteVpc(r -> r.vpcId(vpcId))), "DependencyViolation");
        ec2.deleteNetworkAcl(r -> r.networkAclId(acl.networkAclId()));
        awsError(assertThrows(Ec2Exception.class, () -> ec2.describeNetworkAcls(r -> r.networkAclIds(acl.networkAclId()))), "InvalidNetworkAclID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteNetworkAcl(r -> r.networkAclId(acl.networkAclId()))), "InvalidNetworkAclID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteNetworkAcl(r -> r.networkAclId("acl-xyz"))), "InvalidNetworkAclID.Malformed");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAcl(r -> r.vpcId("vpc-0123456789abcdef0"))), "InvalidVpcID.NotFound");
        ec2.deleteVpc(r -> r.vpcId(vpcId));
    }

    @Test
    void defaultAclAndAclsInUseCannotBeDeleted(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.2.0.0/16");
        NetworkAcl def = defaultAcl(ec2, vpcId);
        Ec2Exception e = awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteNetworkAcl(r -> r.networkAclId(def.networkAclId()))),
                "InvalidParameterValue");
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("cannot delete default network ACL " + def.networkAclId()), e.getMessage());

        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.2.0.0/24")).subnet().subnetId();
        String custom = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
        String assoc = describe(ec2, def.networkAclId()).associations().get(0).networkAclAssociationId();
        String moved = ec2.replaceNetworkAclAssociation(r -> r.associationId(assoc).networkAclId(custom)).newAssociationId();
        Ec2Exception inUse = awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteNetworkAcl(r -> r.networkAclId(custom))), "DependencyViolation");
        assertTrue(inUse.awsErrorDetails().errorMessage().contains(subnetId), inUse.getMessage());

        // Deleting the subnet frees the ACL.
        ec2.deleteSubnet(r -> r.subnetId(subnetId));
        assertEquals(List.of(), describe(ec2, custom).associations());
        awsError(assertThrows(Ec2Exception.class, () -> ec2.replaceNetworkAclAssociation(r -> r.associationId(moved).networkAclId(custom))),
                "InvalidAssociationID.NotFound");
        ec2.deleteNetworkAcl(r -> r.networkAclId(custom));
    }

    @Test
    void replaceNetworkAclAssociationMovesTheSubnet(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.3.0.0/16");
        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.3.0.0/24")).subnet().subnetId();
        NetworkAcl def = defaultAcl(ec2, vpcId);
        String custom = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
        String oldAssoc = def.associations().get(0).networkAclAssociationId();

        String newAssoc = ec2.replaceNetworkAclAssociation(r -> r.associationId(oldAssoc).networkAclId(custom)).newAssociationId();
        assertTrue(newAssoc.matches("aclassoc-[0-9a-f]{17}"), newAssoc);
        assertFalse(newAssoc.equals(oldAssoc));
        assertEquals(List.of(), describe(ec2, def.networkAclId()).associations());
        assertEquals(List.of(NetworkAclAssociation.builder().networkAclAssociationId(newAssoc).networkAclId(custom).subnetId(subnetId).build()),
                describe(ec2, custom).associations());
        awsError(assertThrows(Ec2Exception.class, () -> ec2.replaceNetworkAclAssociation(r -> r.associationId(oldAssoc).networkAclId(custom))),
                "InvalidAssociationID.NotFound");

        // Only ACLs of the subnet's own VPC.
        String otherVpc = vpc(ec2, "10.4.0.0/16");
        String foreign = defaultAcl(ec2, otherVpc).networkAclId();
        awsError(assertThrows(Ec2Exception.class, () -> ec2.replaceNetworkAclAssociation(r -> r.associationId(newAssoc).networkAclId(foreign))),
                "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.replaceNetworkAclAssociation(r -> r.associationId(newAssoc).networkAclId("acl-0123456789abcdef0"))),
                "InvalidNetworkAclID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.replaceNetworkAclAssociation(r -> r.associationId("rtbassoc-0123456789abcdef0").networkAclId(custom))),
                "InvalidAssociationID.Malformed");

        // And back to the default one.
        String back = ec2.replaceNetworkAclAssociation(r -> r.associationId(newAssoc).networkAclId(def.networkAclId())).newAssociationId();
        assertEquals(back, describe(ec2, def.networkAclId()).associations().get(0).networkAclAssociationId());
        assertEquals(List.of(), describe(ec2, custom).associations());
    }

    @Test
    void entriesCanBeCreatedReplacedAndDeleted(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.5.0.0/16");
        String acl = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();

        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).egress(false).protocol("tcp").ruleAction(RuleAction.ALLOW)
                .cidrBlock("10.0.0.0/8").portRange(PortRange.builder().from(443).to(443).build()));
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(110).egress(false).protocol("17").ruleAction(RuleAction.DENY)
                .cidrBlock("192.168.0.0/16").portRange(PortRange.builder().from(53).to(54).build()));
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(120).egress(false).protocol("icmp").ruleAction(RuleAction.ALLOW)
                .cidrBlock("0.0.0.0/0").icmpTypeCode(IcmpTypeCode.builder().type(8).code(-1).build()));
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).egress(true).protocol("all").ruleAction(RuleAction.ALLOW)
                .cidrBlock("0.0.0.0/0"));
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(130).egress(false).protocol("-1").ruleAction(RuleAction.ALLOW)
                .ipv6CidrBlock("2001:DB8::/32"));

        List<NetworkAclEntry> entries = describe(ec2, acl).entries();
        assertEquals(List.of("100/true", "32767/true", "100/false", "110/false", "120/false", "130/false", "32767/false"),
                entries.stream().map(e -> e.ruleNumber() + "/" + e.egress()).toList());
        NetworkAclEntry tcp = entries.get(2);
        assertEquals("6", tcp.protocol());
        assertEquals("allow", tcp.ruleActionAsString());
        assertEquals("10.0.0.0/8", tcp.cidrBlock());
        assertEquals(PortRange.builder().from(443).to(443).build(), tcp.portRange());
        assertNull(tcp.icmpTypeCode());
        NetworkAclEntry udp = entries.get(3);
        assertEquals("17", udp.protocol());
        assertEquals("deny", udp.ruleActionAsString());
        assertEquals(PortRange.builder().from(53).to(54).build(), udp.portRange());
        NetworkAclEntry icmp = entries.get(4);
        assertEquals("1", icmp.protocol());
        assertEquals(IcmpTypeCode.builder().type(8).code(-1).build(), icmp.icmpTypeCode());
        assertNull(icmp.portRange());
        assertEquals("-1", entries.get(0).protocol());
        NetworkAclEntry v6 = entries.get(5);
        assertEquals("2001:db8::/32", v6.ipv6CidrBlock());
        assertNull(v6.cidrBlock());

        ec2.replaceNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).egress(false).protocol("6").ruleAction(RuleAction.DENY)
                .cidrBlock("10.1.0.0/16").portRange(PortRange.builder().from(22).to(22).build()));
        NetworkAclEntry replaced = describe(ec2, acl).entries().get(2);
        assertEquals(100, replaced.ruleNumber());
        assertEquals("deny", replaced.ruleActionAsString());
        assertEquals("10.1.0.0/16", replaced.cidrBlock());
        assertEquals(PortRange.builder().from(22).to(22).build(), replaced.portRange());
        assertEquals(7, describe(ec2, acl).entries().size());

        ec2.deleteNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).egress(false));
        assertEquals(List.of("100/true", "32767/true", "110/false", "120/false", "130/false", "32767/false"),
                describe(ec2, acl).entries().stream().map(e -> e.ruleNumber() + "/" + e.egress()).toList());

        // The default ACL's own rules can be changed and removed too (only * cannot).
        NetworkAcl def = defaultAcl(ec2, vpcId);
        ec2.deleteNetworkAclEntry(r -> r.networkAclId(def.networkAclId()).ruleNumber(100).egress(true));
        assertEquals(3, describe(ec2, def.networkAclId()).entries().size());
    }

    @Test
    void entryErrors(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.6.0.0/16");
        String acl = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).egress(false).protocol("-1").ruleAction(RuleAction.ALLOW).cidrBlock("0.0.0.0/0"));

        Ec2Exception dup = awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).egress(false)
                .protocol("-1").ruleAction(RuleAction.DENY).cidrBlock("10.0.0.0/8"))), "NetworkAclEntryAlreadyExists");
        assertTrue(dup.awsErrorDetails().errorMessage().startsWith("The network acl entry identified by 100 already exists."), dup.getMessage());
        // The same number in the other direction is a different rule.
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).egress(true).protocol("-1").ruleAction(RuleAction.ALLOW).cidrBlock("0.0.0.0/0"));

        awsError(assertThrows(Ec2Exception.class, () -> ec2.replaceNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(200).egress(false)
                .protocol("-1").ruleAction(RuleAction.DENY).cidrBlock("0.0.0.0/0"))), "InvalidNetworkAclEntry.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(200).egress(false))),
                "InvalidNetworkAclEntry.NotFound");

        for (int bad : new int[]{0, -5, 32767, 32768}) {
            awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.ruleNumber(bad)))), "InvalidParameterValue");
        }
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(32767).egress(false))),
                "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.replaceNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(32767).egress(false)
                .protocol("-1").ruleAction(RuleAction.ALLOW).cidrBlock("0.0.0.0/0"))), "InvalidParameterValue");

        // Protocols: tcp/udp need a port range, icmp a type and code; names and numbers only.
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.protocol("tcp")))), "MissingParameter");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.protocol("17")))), "MissingParameter");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.protocol("6").portRange(PortRange.builder().from(80).build())))),
                "MissingParameter");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.protocol("6").portRange(PortRange.builder().from(90).to(80).build())))),
                "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.protocol("6").portRange(PortRange.builder().from(0).to(70000).build())))),
                "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.protocol("icmp")))), "MissingParameter");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.protocol("1").icmpTypeCode(IcmpTypeCode.builder().type(300).code(0).build())))),
                "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.protocol("gopher")))), "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.protocol("256")))), "InvalidParameterValue");

        // Action and CIDR.
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.ruleAction("permit")))), "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.cidrBlock("10.0.0.0/33")))), "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.cidrBlock("not-a-cidr")))), "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.cidrBlock(null)))), "MissingParameter");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.cidrBlock(null).ipv6CidrBlock("2001:db8::1::/64")))),
                "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.ipv6CidrBlock("::/0")))), "InvalidParameterCombination");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.egress(null)))), "MissingParameter");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNetworkAclEntry(valid(acl, r -> r.networkAclId("acl-0123456789abcdef0")))),
                "InvalidNetworkAclID.NotFound");

        // Nothing above changed the ACL.
        assertEquals(List.of("100/true", "32767/true", "100/false", "32767/false"),
                describe(ec2, acl).entries().stream().map(e -> e.ruleNumber() + "/" + e.egress()).toList());
        // A valid request built the same way succeeds, so the failures above are about the one changed field.
        ec2.createNetworkAclEntry(valid(acl, r -> { }));
    }

    /** A request that would succeed, with one change applied. */
    private static CreateNetworkAclEntryRequest valid(String acl, Consumer<CreateNetworkAclEntryRequest.Builder> change) {
        CreateNetworkAclEntryRequest.Builder b = CreateNetworkAclEntryRequest.builder().networkAclId(acl).ruleNumber(150).egress(false)
                .protocol("-1").ruleAction(RuleAction.ALLOW).cidrBlock("172.16.0.0/12");
        change.accept(b);
        return b.build();
    }

    @Test
    void everyFilter(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.7.0.0/16");
        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.7.0.0/24")).subnet().subnetId();
        String def = defaultAcl(ec2, vpcId).networkAclId();
        String custom = ec2.createNetworkAcl(r -> r.vpcId(vpcId).tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.NETWORK_ACL).tags(Tag.builder().key("tier").value("db").build()).build())).networkAcl().networkAclId();
        ec2.createNetworkAclEntry(r -> r.networkAclId(custom).ruleNumber(200).egress(true).protocol("tcp").ruleAction(RuleAction.ALLOW)
                .cidrBlock("10.9.0.0/16").portRange(PortRange.builder().from(5432).to(5433).build()));
        String bare = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
        String assoc = describe(ec2, def).associations().get(0).networkAclAssociationId();
        Filter inVpc = filter("vpc-id", vpcId);

        assertEquals(sorted(def, custom, bare), select(ec2, inVpc));
        assertEquals(List.of(custom), select(ec2, inVpc, filter("network-acl-id", custom)));
        assertEquals(List.of(def), select(ec2, inVpc, filter("default", "true")));
        assertEquals(sorted(custom, bare), select(ec2, inVpc, filter("default", "false")));
        assertEquals(List.of(def), select(ec2, inVpc, filter("association.association-id", assoc)));
        assertEquals(List.of(def), select(ec2, inVpc, filter("association.network-acl-id", def)));
        assertEquals(List.of(), select(ec2, inVpc, filter("association.network-acl-id", custom)));
        assertEquals(List.of(def), select(ec2, inVpc, filter("association.subnet-id", subnetId)));
        assertEquals(List.of(custom), select(ec2, inVpc, filter("entry.cidr", "10.9.0.0/16")));
        assertEquals(sorted(def, custom, bare), select(ec2, inVpc, filter("entry.cidr", "0.0.0.0/0")));
        assertEquals(sorted(def, custom, bare), select(ec2, inVpc, filter("entry.egress", "true")));
        assertEquals(List.of(custom), select(ec2, inVpc, filter("entry.protocol", "6")));
        assertEquals(sorted(def, custom, bare), select(ec2, inVpc, filter("entry.protocol", "-1")));
        // Each entry filter matches when any entry matches it: the custom ACL has an allow (tcp) entry, the bare one none.
        assertEquals(sorted(def, custom), select(ec2, inVpc, filter("entry.rule-action", "allow")));
        assertEquals(sorted(def, custom, bare), select(ec2, inVpc, filter("entry.rule-action", "deny")));
        assertEquals(List.of(def), select(ec2, inVpc, filter("entry.rule-number", "100")));
        assertEquals(List.of(custom), select(ec2, inVpc, filter("entry.rule-number", "200")));
        assertEquals(List.of(custom), select(ec2, inVpc, filter("entry.port-range.from", "5432")));
        assertEquals(List.of(custom), select(ec2, inVpc, filter("entry.port-range.to", "5433")));
        assertEquals(List.of(), select(ec2, inVpc, filter("entry.port-range.to", "5432")));
        assertEquals(sorted(def, custom, bare), select(ec2, inVpc, filter("owner-id", "000000000000")));
        assertEquals(List.of(custom), select(ec2, inVpc, filter("tag:tier", "db")));
        assertEquals(List.of(custom), select(ec2, inVpc, filter("tag-key", "tier")));
        assertEquals(List.of(custom), select(ec2, inVpc, filter("tag-value", "d*")));
        assertEquals(List.of(custom), ids(ec2.describeNetworkAcls(r -> r.networkAclIds(def, custom).filters(filter("default", "false")))));
        awsError(assertThrows(Ec2Exception.class, () -> ec2.describeNetworkAcls(r -> r.filters(filter("entry.nonsense", "1")))), "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.describeNetworkAcls(r -> r.networkAclIds("acl-0123456789abcdef0"))), "InvalidNetworkAclID.NotFound");
    }

    @Test
    void pagination(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.8.0.0/16");
        Set<String> created = new HashSet<>(List.of(defaultAcl(ec2, vpcId).networkAclId()));
        for (int i = 0; i < 6; i++) created.add(ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId());
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeNetworkAclsResponse page = ec2.describeNetworkAcls(r -> r.filters(filter("vpc-id", vpcId)).maxResults(5).nextToken(t));
            page.networkAcls().forEach(a -> assertTrue(seen.add(a.networkAclId()), "seen twice: " + a.networkAclId()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(created, seen);
        assertEquals(2, pages);
        awsError(assertThrows(Ec2Exception.class, () -> ec2.describeNetworkAcls(r -> r.maxResults(1001))), "InvalidParameterValue");
    }

    private static List<String> select(Ec2Client ec2, Filter... filters) {
        return ids(ec2.describeNetworkAcls(r -> r.filters(filters)));
    }

    private static List<String> ids(DescribeNetworkAclsResponse response) {
        return response.networkAcls().stream().map(NetworkAcl::networkAclId).toList();
    }

    private static List<String> sorted(String... ids) {
        return java.util.Arrays.stream(ids).sorted().toList();
    }
}
