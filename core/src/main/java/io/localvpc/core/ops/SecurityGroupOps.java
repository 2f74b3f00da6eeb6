package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Security groups and their rules: creation with AWS's default egress rule, deletion guarded by whatever
 * still uses the group, and authorising, revoking and replacing rules with AWS's checks and quotas.
 */
public final class SecurityGroupOps {
    /** AWS's default quota: 60 inbound and 60 outbound rules, counted separately for IPv4 and IPv6. */
    public static final int MAX_RULES_PER_DIRECTION = 60;

    private SecurityGroupOps() {
    }

    public record RuleRef(SecurityGroup group, SecurityGroupRule rule) {
    }

    public record Revocation(List<SecurityGroupRule> revoked, List<SecurityGroupRule> unknown) {
    }

    public static SecurityGroup require(View view, String groupId) {
        return Lookup.require(view, SecurityGroup.class, IdKind.SECURITY_GROUP, groupId);
    }

    public static Optional<SecurityGroup> findByName(View view, String vpcId, String name) {
        return view.all(SecurityGroup.class).stream().filter(g -> g.vpcId().equals(vpcId) && g.groupName().equals(name)).findFirst();
    }

    /** The default VPC, which calls that name groups without a VPC refer to. */
    public static Vpc requireDefaultVpc(View view) {
        return VpcOps.defaultVpc(view).orElseThrow(() -> new AwsException("VPCIdNotSpecified",
                "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC; give a GroupId (or VpcId) instead."));
    }

    /** A group named as AWS allows for the default VPC only. */
    public static SecurityGroup requireInDefaultVpc(View view, String name) {
        Vpc vpc = requireDefaultVpc(view);
        return findByName(view, vpc.id(), name).orElseThrow(() -> new AwsException("InvalidGroup.NotFound",
                "The security group '" + name + "' does not exist in default VPC '" + vpc.id() + "'"));
    }

    /** The group a request names by GroupId or, for the default VPC, by GroupName. */
    public static SecurityGroup resolve(View view, String groupId, String groupName) {
        if (groupId != null && !groupId.isEmpty()) return require(view, groupId);
        if (groupName != null && !groupName.isEmpty()) return requireInDefaultVpc(view, groupName);
        throw new AwsException("MissingParameter", "The request must contain the parameter groupName or groupId");
    }

    public static String arn(Scope scope, String groupId) {
        return "arn:" + partition(scope.region()) + ":ec2:" + scope.region() + ":" + scope.account() + ":security-group/" + groupId;
    }

    public static String ruleArn(Scope scope, String ruleId) {
        return "arn:" + partition(scope.region()) + ":ec2:" + scope.region() + ":" + scope.account() + ":security-group-rule/" + ruleId;
    }

    public static String partition(String region) {
        if (region.startsWith("cn-")) return "aws-cn";
        if (region.startsWith("us-gov-")) return "aws-us-gov";
        return "aws";
    }

    /**
     * Creates a group in {@code vpcId} (null: the default VPC). Like every new AWS group it allows all
     * outbound traffic to 0.0.0.0/0 and nothing inbound.
     */
    public static SecurityGroup create(Tx tx, String vpcId, String name, String description) {
        checkName(name);
        if (!SecurityGroupRuleSpec.isAllowedText(description)) {
            throw AwsException.invalidParameterValue("Invalid security group description. Valid descriptions are strings less than 256 characters from the following set:  a-zA-Z0-9"
                    + SecurityGroupRuleSpec.ALLOWED_PUNCTUATION);
        }
        Vpc vpc = vpcId == null ? VpcOps.defaultVpc(tx).orElseThrow(() -> new AwsException("VPCIdNotSpecified",
                "No default VPC for this user. Specify a VpcId for the security group.")) : VpcOps.require(tx, vpcId);
        if (findByName(tx, vpc.id(), name).isPresent()) {
            throw new AwsException("InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + vpc.id() + "'");
        }
        SecurityGroupRule allOut = new SecurityGroupRule(tx.newId("sgr"), true, "-1", -1, -1, "0.0.0.0/0", null, null, null, null);
        return tx.put(new SecurityGroup(tx.newId("sg"), tx.scope().account(), vpc.id(), name, description, List.of(allOut)));
    }

    static void checkName(String name) {
        if (name.equals("default")) {
            throw AwsException.invalidParameterValue("Cannot use reserved security group name: default. Every VPC already has its own 'default' group.");
        }
        if (name.toLowerCase(Locale.ROOT).startsWith("sg-")) {
            throw AwsException.invalidParameterValue("Value (" + name + ") for parameter GroupName is invalid. Group names may not be in the format sg-*.");
        }
        if (!SecurityGroupRuleSpec.isAllowedText(name)) {
            throw AwsException.invalidParameterValue("Invalid security group name. Valid names are non-empty strings less than 256 characters from the following set:  a-zA-Z0-9"
                    + SecurityGroupRuleSpec.ALLOWED_PUNCTUATION);
        }
    }

    /**
     * Deletes a group nothing uses. The VPC's default group cannot go (it goes with the VPC); a group still
     * attached to a network interface, or named by another group's rule, is a DependencyViolation.
     */
    public static void delete(Tx tx, SecurityGroup group) {
        if (group.isDefault()) {
            throw new AwsException("CannotDelete", "the specified group: \"" + group.id() + "\" name: \"default\" cannot be deleted by a user");
        }
        List<String> users = new ArrayList<>();
        for (String endpoint : VpcEndpointOps.endpointsUsing(tx, group.id())) users.add("VPC endpoint " + endpoint);
        for (NetworkInterface eni : tx.all(NetworkInterface.class)) {
            if (eni.groupIds().contains(group.id())) users.add("network interface " + eni.id());
        }
        for (SecurityGroup other : tx.all(SecurityGroup.class)) {
            if (other.id().equals(group.id())) continue;
            for (SecurityGroupRule r : other.rules()) {
                if (group.id().equals(r.referencedGroupId())) {
                    users.add("rule " + r.ruleId() + " of security group " + other.id());
                }
            }
        }
        if (!users.isEmpty()) {
            throw AwsException.dependencyViolation("resource " + group.id() + " has a dependent object: it is used by "
                    + String.join(", ", users.subList(0, Math.min(10, users.size())))
                    + (users.size() > 10 ? " and " + (users.size() - 10) + " more" : ""));
        }
        for (SecurityGroupRule r : group.rules()) tx.remove(ResourceTags.class, r.ruleId());
        tx.remove(SecurityGroup.class, group.id());
    }

    /** The rule a spec describes for {@code target} (without an id yet), its peer checked against the store. */
    public static SecurityGroupRule toRule(View view, SecurityGroup target, boolean egress, SecurityGroupRuleSpec spec) {
        String protocol = SecurityGroupRuleSpec.normaliseProtocol(spec.ipProtocol());
        int[] ports = SecurityGroupRuleSpec.ports(protocol, spec.fromPort(), spec.toPort());
        String description = SecurityGroupRuleSpec.ruleDescription(spec.description());
        if (spec.peerCount() != 1) {
            throw AwsException.invalidParameterValue("Each security group rule needs exactly one "
                    + (egress ? "destination" : "source") + ": an IPv4 CIDR, an IPv6 CIDR, a prefix list ID or a security group.");
        }
        String v4 = spec.cidrIpv4() == null ? null : SecurityGroupRuleSpec.ipv4(spec.cidrIpv4());
        String v6 = spec.cidrIpv6() == null ? null : SecurityGroupRuleSpec.ipv6(spec.cidrIpv6());
        String pl = spec.prefixListId() == null ? null : prefixList(view, spec.prefixListId());
        String group = spec.groupId() == null && spec.groupName() == null ? null : peerGroup(view, target, spec);
        return new SecurityGroupRule(null, egress, protocol, ports[0], ports[1], v4, v6, pl, group, description);
    }

    private static String prefixList(View view, String id) {
        if (!IdKind.PREFIX_LIST.isWellFormed(id)) {
            throw new AwsException("InvalidPrefixListID.Malformed", "The prefix list ID '" + id + "' is malformed (expecting \"pl-\" and 8 or 17 hex digits).");
        }
        if (!PrefixListOps.exists(view, id)) throw IdKind.PREFIX_LIST.notFound(id);
        return id;
    }

    private static String peerGroup(View view, SecurityGroup target, SecurityGroupRuleSpec spec) {
        if (spec.userId() != null && !spec.userId().isEmpty() && !spec.userId().equals(view.scope().account())) {
            throw new AwsException("InvalidGroup.NotFound", "The security group '" + (spec.groupId() != null ? spec.groupId() : spec.groupName())
                    + "' of account " + spec.userId() + " cannot be referenced: localvpc does not model groups shared across accounts.");
        }
        SecurityGroup peer;
        if (spec.groupId() != null) {
            peer = require(view, spec.groupId());
        } else {
            peer = findByName(view, target.vpcId(), spec.groupName()).orElseThrow(() -> new AwsException("InvalidGroup.NotFound",
                    "The security group '" + spec.groupName() + "' does not exist in VPC '" + target.vpcId() + "'"));
        }
        if (!peer.vpcId().equals(target.vpcId())) {
            throw new AwsException("InvalidGroup.NotFound", "You have specified two resources that belong to different networks: "
                    + target.id() + " is in " + target.vpcId() + " but " + peer.id() + " is in " + peer.vpcId() + ".");
        }
        return peer.id();
    }

    /** Adds one rule per peer, all or nothing; returns the new rules with their ids. */
    public static List<SecurityGroupRule> authorize(Tx tx, SecurityGroup target, boolean egress, List<SecurityGroupRuleSpec> specs) {
        if (specs.isEmpty()) throw new AwsException("MissingParameter", "The request must contain the parameter ipPermissions");
        List<SecurityGroupRule> candidates = new ArrayList<>();
        for (SecurityGroupRuleSpec spec : specs) {
            SecurityGroupRule c = toRule(tx, target, egress, spec);
            for (SecurityGroupRule earlier : candidates) {
                if (earlier.sameAs(c)) throw AwsException.invalidParameterValue("The same permission must not appear multiple times");
            }
            candidates.add(c);
        }
        for (SecurityGroupRule c : candidates) {
            for (SecurityGroupRule existing : target.rules()) {
                if (existing.sameAs(c)) {
                    throw new AwsException("InvalidPermission.Duplicate", "the specified rule \"" + c.summary() + "\" already exists");
                }
            }
        }
        List<SecurityGroupRule> added = new ArrayList<>();
        for (SecurityGroupRule c : candidates) added.add(c.withId(tx.newId("sgr")));
        List<SecurityGroupRule> next = new ArrayList<>(target.rules());
        next.addAll(added);
        checkQuota(next, egress);
        tx.put(target.withRules(next));
        return added;
    }

    private static void checkQuota(List<SecurityGroupRule> rules, boolean egress) {
        long v4 = rules.stream().filter(r -> r.egress() == egress && r.countsForIpv4()).count();
        long v6 = rules.stream().filter(r -> r.egress() == egress && r.countsForIpv6()).count();
        if (v4 > MAX_RULES_PER_DIRECTION || v6 > MAX_RULES_PER_DIRECTION) {
            throw new AwsException("RulesPerSecurityGroupLimitExceeded", "The maximum number of rules per security group has been reached: "
                    + MAX_RULES_PER_DIRECTION + " " + (egress ? "outbound" : "inbound") + " rules for each of IPv4 and IPv6.");
        }
    }

    /**
     * Removes the rules matching the specs (descriptions are ignored when matching). In a non-default VPC a
     * spec that matches nothing fails the whole call with InvalidPermission.NotFound; in the default VPC it is
     * reported back as unknown instead, as AWS does.
     */
    public static Revocation revoke(Tx tx, SecurityGroup group, boolean egress, List<SecurityGroupRuleSpec> specs) {
        if (specs.isEmpty()) throw new AwsException("MissingParameter", "The request must contain the parameter ipPermissions or securityGroupRuleIds");
        boolean inDefaultVpc = tx.find(Vpc.class, group.vpcId()).map(Vpc::isDefault).orElse(false);
        List<SecurityGroupRule> remaining = new ArrayList<>(group.rules());
        List<SecurityGroupRule> revoked = new ArrayList<>();
        List<SecurityGroupRule> unknown = new ArrayList<>();
        for (SecurityGroupRuleSpec spec : specs) {
            SecurityGroupRule c = toRule(tx, group, egress, spec);
            Optional<SecurityGroupRule> match = remaining.stream().filter(r -> r.sameAs(c)).findFirst();
            if (match.isPresent()) {
                remaining.remove(match.get());
                revoked.add(match.get());
            } else if (revoked.stream().noneMatch(r -> r.sameAs(c))) {
                if (!inDefaultVpc) {
                    throw new AwsException("InvalidPermission.NotFound", "The specified rule does not exist in this security group: \"" + c.summary() + "\" in " + group.id() + ".");
                }
                unknown.add(c);
            }
        }
        finishRevoke(tx, group, remaining, revoked);
        return new Revocation(revoked, unknown);
    }

    /** Removes rules by id; each must be a rule of this group in this direction. */
    public static List<SecurityGroupRule> revokeByIds(Tx tx, SecurityGroup group, boolean egress, List<String> ruleIds) {
        List<SecurityGroupRule> remaining = new ArrayList<>(group.rules());
        List<SecurityGroupRule> revoked = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(ruleIds)) {
            IdKind.SECURITY_GROUP_RULE.check(id);
            SecurityGroupRule r = remaining.stream().filter(x -> x.ruleId().equals(id)).findFirst().orElse(null);
            if (r == null || r.egress() != egress) {
                throw new AwsException("InvalidSecurityGroupRuleId.NotFound", "The security group rule ID '" + id + "' does not exist"
                        + (r == null ? " in security group " + group.id() : " as an " + (egress ? "outbound" : "inbound") + " rule of " + group.id()));
            }
            remaining.remove(r);
            revoked.add(r);
        }
        finishRevoke(tx, group, remaining, revoked);
        return revoked;
    }

    private static void finishRevoke(Tx tx, SecurityGroup group, List<SecurityGroupRule> remaining, List<SecurityGroupRule> revoked) {
        if (revoked.isEmpty()) return;
        for (SecurityGroupRule r : revoked) tx.remove(ResourceTags.class, r.ruleId());
        tx.put(group.withRules(remaining));
    }

    /**
     * Replaces rules in place (same id and direction, new protocol, ports, peer and description). The
     * resulting set must not hold two identical rules.
     */
    public static SecurityGroup modify(Tx tx, SecurityGroup group, Map<String, SecurityGroupRuleSpec> updates) {
        if (updates.isEmpty()) throw new AwsException("MissingParameter", "The request must contain the parameter SecurityGroupRule");
        Map<String, SecurityGroupRule> byId = new LinkedHashMap<>();
        for (SecurityGroupRule r : group.rules()) byId.put(r.ruleId(), r);
        for (Map.Entry<String, SecurityGroupRuleSpec> u : updates.entrySet()) {
            String id = IdKind.SECURITY_GROUP_RULE.check(u.getKey());
            SecurityGroupRule old = byId.get(id);
            if (old == null) {
                throw new AwsException("InvalidSecurityGroupRuleId.NotFound", "The security group rule ID '" + id + "' does not exist in security group " + group.id());
            }
            byId.put(id, toRule(tx, group, old.egress(), u.getValue()).withId(id));
        }
        List<SecurityGroupRule> next = new ArrayList<>(byId.values());
        for (int i = 0; i < next.size(); i++) {
            for (int j = i + 1; j < next.size(); j++) {
                if (next.get(i).sameAs(next.get(j))) {
                    SecurityGroupRule changed = updates.containsKey(next.get(j).ruleId()) ? next.get(j) : next.get(i);
                    throw new AwsException("InvalidPermission.Duplicate", "the specified rule \"" + changed.summary() + "\" already exists");
                }
            }
        }
        return tx.put(group.withRules(next));
    }

    /** The group holding a rule id, with the rule. */
    public static Optional<RuleRef> findRule(View view, String ruleId) {
        for (SecurityGroup g : view.all(SecurityGroup.class)) {
            for (SecurityGroupRule r : g.rules()) if (r.ruleId().equals(ruleId)) return Optional.of(new RuleRef(g, r));
        }
        return Optional.empty();
    }
}
