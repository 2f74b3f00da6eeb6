package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.api.query.Page;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.SecurityGroupOps;
import io.localvpc.core.ops.SecurityGroupRuleSpec;
import io.localvpc.core.state.Resource;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Security groups: Create/Delete/DescribeSecurityGroups, Authorize/Revoke ingress and egress,
 * DescribeSecurityGroupRules and ModifySecurityGroupRules.
 */
public final class SecurityGroupHandlers implements Ec2Family {

    /** A rule as DescribeSecurityGroupRules lists it; the id is the rule id, so tags filters and paging work on rules. */
    record RuleRow(String id, SecurityGroup group, SecurityGroupRule rule) implements Resource {
    }

    @Override
    public void register(OperationRegistry r) {
        r.family("Security groups")
                .write("CreateSecurityGroup", this::create)
                .write("DeleteSecurityGroup", this::delete)
                .read("DescribeSecurityGroups", this::describe)
                .write("AuthorizeSecurityGroupIngress", (in, tx) -> authorize(in, tx, false))
                .write("AuthorizeSecurityGroupEgress", (in, tx) -> authorize(in, tx, true))
                .write("RevokeSecurityGroupIngress", (in, tx) -> revoke(in, tx, false))
                .write("RevokeSecurityGroupEgress", (in, tx) -> revoke(in, tx, true))
                .read("DescribeSecurityGroupRules", this::describeRules)
                .write("ModifySecurityGroupRules", this::modifyRules);
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        SecurityGroup g = SecurityGroupOps.create(tx, in.string("VpcId"), in.requireString("GroupName"), in.requireString("Description"));
        Tagging.applySpecifications(in, tx, "security-group", g.id());
        ObjectNode out = Json.object().put("GroupId", g.id()).put("SecurityGroupArn", SecurityGroupOps.arn(tx.scope(), g.id()));
        out.set("Tags", Tagging.tagSet(tx, g.id()));
        return out;
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        SecurityGroup g = SecurityGroupOps.resolve(tx, in.string("GroupId"), in.string("GroupName"));
        SecurityGroupOps.delete(tx, g);
        return Json.object().put("Return", true).put("GroupId", g.id());
    }

    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<SecurityGroup> filters = groupFilters(view);
        Predicate<SecurityGroup> filter = filters.compile(in.objects("Filters"), view);
        List<SecurityGroup> selected = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>(in.strings("GroupIds"));
        // GroupNames name groups of the default VPC, as on AWS; other VPCs' groups are found by the group-name filter.
        for (String name : in.strings("GroupNames")) ids.add(SecurityGroupOps.requireInDefaultVpc(view, name).id());
        if (!ids.isEmpty()) {
            for (String id : ids) {
                SecurityGroup g = SecurityGroupOps.require(view, id);
                if (filter.test(g)) selected.add(g);
            }
            selected.sort((a, b) -> a.id().compareTo(b.id()));
        } else {
            for (SecurityGroup g : view.all(SecurityGroup.class)) if (filter.test(g)) selected.add(g);
        }
        Page<SecurityGroup> page = Page.of(selected, in);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("SecurityGroups");
        for (SecurityGroup g : page.items()) items.add(render(view, g));
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    /** AWS's DescribeSecurityGroups filters; {@code ip-permission.*} look at inbound rules, {@code egress.ip-permission.*} at outbound ones. */
    private static FilterSpec<SecurityGroup> groupFilters(View view) {
        FilterSpec.Builder<SecurityGroup> b = FilterSpec.<SecurityGroup>builder()
                .field("group-id", SecurityGroup::id)
                .field("group-name", SecurityGroup::groupName)
                .field("description", SecurityGroup::description)
                .field("vpc-id", SecurityGroup::vpcId)
                .field("owner-id", SecurityGroup::ownerId);
        for (boolean egress : new boolean[]{false, true}) {
            String prefix = egress ? "egress.ip-permission." : "ip-permission.";
            Function<SecurityGroup, List<SecurityGroupRule>> rules = egress ? SecurityGroup::egress : SecurityGroup::ingress;
            b.fields(prefix + "cidr", g -> values(rules.apply(g), SecurityGroupRule::cidrIpv4))
                    .fields(prefix + "ipv6-cidr", g -> values(rules.apply(g), SecurityGroupRule::cidrIpv6))
                    .fields(prefix + "prefix-list-id", g -> values(rules.apply(g), SecurityGroupRule::prefixListId))
                    .fields(prefix + "group-id", g -> values(rules.apply(g), SecurityGroupRule::referencedGroupId))
                    .fields(prefix + "group-name", g -> values(rules.apply(g), r -> r.referencedGroupId() == null ? null
                            : view.find(SecurityGroup.class, r.referencedGroupId()).map(SecurityGroup::groupName).orElse(null)))
                    .fields(prefix + "user-id", g -> values(rules.apply(g), r -> r.referencedGroupId() == null ? null : g.ownerId()))
                    .fields(prefix + "protocol", g -> values(rules.apply(g), SecurityGroupRule::ipProtocol))
                    .fields(prefix + "from-port", g -> values(rules.apply(g), r -> String.valueOf(r.fromPort())))
                    .fields(prefix + "to-port", g -> values(rules.apply(g), r -> String.valueOf(r.toPort())));
        }
        return b.build();
    }

    private static Collection<String> values(List<SecurityGroupRule> rules, Function<SecurityGroupRule, String> f) {
        List<String> out = new ArrayList<>();
        for (SecurityGroupRule r : rules) {
            String v = f.apply(r);
            if (v != null) out.add(v);
        }
        return out;
    }

    static ObjectNode render(View view, SecurityGroup g) {
        ObjectNode o = Json.object()
                .put("GroupId", g.id())
                .put("GroupName", g.groupName())
                .put("Description", g.description())
                .put("OwnerId", g.ownerId())
                .put("VpcId", g.vpcId())
                .put("SecurityGroupArn", SecurityGroupOps.arn(view.scope(), g.id()));
        o.set("IpPermissions", IpPermissions.render(view, g.ingress()));
        o.set("IpPermissionsEgress", IpPermissions.render(view, g.egress()));
        o.set("Tags", Tagging.tagSet(view, g.id()));
        return o;
    }

    /** The group an Authorize/Revoke call targets: GroupId, or for ingress also GroupName in the default VPC. */
    private static SecurityGroup target(Ec2Request in, View view, boolean egress) {
        if (egress) return SecurityGroupOps.require(view, in.requireString("GroupId"));
        return SecurityGroupOps.resolve(view, in.string("GroupId"), in.string("GroupName"));
    }

    /**
     * The rules a call asks for: its IpPermissions, or the older top-level parameters that AWS still takes
     * for ingress (CidrIp with IpProtocol and ports, or SourceSecurityGroupName, which grants all TCP, UDP
     * and ICMP from that group).
     */
    private static List<SecurityGroupRuleSpec> specs(Ec2Request in, boolean egress) {
        boolean legacy = in.has("CidrIp") || in.has("IpProtocol") || in.has("FromPort") || in.has("ToPort")
                || in.has("SourceSecurityGroupName") || in.has("SourceSecurityGroupOwnerId");
        List<JsonNode> permissions = in.objects("IpPermissions");
        if (!legacy) return IpPermissions.parseAll(permissions);
        if (egress) {
            throw AwsException.invalidParameterCombination("CidrIp, IpProtocol, FromPort, ToPort and SourceSecurityGroup* are not supported for egress rules; use IpPermissions instead.");
        }
        if (!permissions.isEmpty()) {
            throw AwsException.invalidParameterCombination("Give the rules either as IpPermissions or as CidrIp/IpProtocol/FromPort/ToPort/SourceSecurityGroupName, not both.");
        }
        String sourceName = in.string("SourceSecurityGroupName");
        if (sourceName != null) {
            if (in.has("CidrIp") || in.has("IpProtocol") || in.has("FromPort") || in.has("ToPort")) {
                throw AwsException.invalidParameterCombination("SourceSecurityGroupName cannot be combined with CidrIp, IpProtocol, FromPort or ToPort;"
                        + " use IpPermissions with UserIdGroupPairs for a specific protocol and port range.");
            }
            String owner = in.string("SourceSecurityGroupOwnerId");
            return List.of(
                    new SecurityGroupRuleSpec("icmp", -1, -1, null, null, null, null, sourceName, owner, null),
                    new SecurityGroupRuleSpec("tcp", 0, 65535, null, null, null, null, sourceName, owner, null),
                    new SecurityGroupRuleSpec("udp", 0, 65535, null, null, null, null, sourceName, owner, null));
        }
        return List.of(new SecurityGroupRuleSpec(in.string("IpProtocol"), in.integer("FromPort").orElse(null), in.integer("ToPort").orElse(null),
                in.string("CidrIp"), null, null, null, null, null, null));
    }

    private ObjectNode authorize(Ec2Request in, Tx tx, boolean egress) {
        SecurityGroup g = target(in, tx, egress);
        List<SecurityGroupRule> added = SecurityGroupOps.authorize(tx, g, egress, specs(in, egress));
        for (SecurityGroupRule r : added) Tagging.applySpecifications(in, tx, "security-group-rule", r.ruleId());
        ObjectNode out = Json.object().put("Return", true);
        ArrayNode rules = out.putArray("SecurityGroupRules");
        for (SecurityGroupRule r : added) rules.add(IpPermissions.renderRule(tx, g, r));
        return out;
    }

    private ObjectNode revoke(Ec2Request in, Tx tx, boolean egress) {
        SecurityGroup g = target(in, tx, egress);
        List<String> ruleIds = in.strings("SecurityGroupRuleIds");
        List<SecurityGroupRule> revoked;
        List<SecurityGroupRule> unknown = List.of();
        if (!ruleIds.isEmpty()) {
            if (!in.objects("IpPermissions").isEmpty() || in.has("CidrIp") || in.has("IpProtocol") || in.has("SourceSecurityGroupName")) {
                throw AwsException.invalidParameterCombination("Give the rules to revoke either as SecurityGroupRuleIds or as IpPermissions, not both.");
            }
            revoked = SecurityGroupOps.revokeByIds(tx, g, egress, ruleIds);
        } else {
            SecurityGroupOps.Revocation r = SecurityGroupOps.revoke(tx, g, egress, specs(in, egress));
            revoked = r.revoked();
            unknown = r.unknown();
        }
        ObjectNode out = Json.object().put("Return", true);
        out.set("UnknownIpPermissions", IpPermissions.render(tx, unknown));
        ArrayNode set = out.putArray("RevokedSecurityGroupRules");
        for (SecurityGroupRule r : revoked) set.add(IpPermissions.renderRevoked(g, r));
        return out;
    }

    private ObjectNode describeRules(Ec2Request in, View view) {
        Map<String, RuleRow> rows = new TreeMap<>();
        for (SecurityGroup g : view.all(SecurityGroup.class)) {
            for (SecurityGroupRule r : g.rules()) rows.put(r.ruleId(), new RuleRow(r.ruleId(), g, r));
        }
        FilterSpec<RuleRow> spec = FilterSpec.<RuleRow>builder()
                .field("group-id", row -> row.group().id())
                .field("security-group-rule-id", RuleRow::id)
                .build();
        Predicate<RuleRow> filter = spec.compile(in.objects("Filters"), view);
        List<RuleRow> selected = new ArrayList<>();
        List<String> ids = in.strings("SecurityGroupRuleIds");
        if (!ids.isEmpty()) {
            for (String id : new java.util.TreeSet<>(ids)) {
                IdKind.SECURITY_GROUP_RULE.check(id);
                RuleRow row = rows.get(id);
                if (row == null) throw IdKind.SECURITY_GROUP_RULE.notFound(id);
                if (filter.test(row)) selected.add(row);
            }
        } else {
            for (RuleRow row : rows.values()) if (filter.test(row)) selected.add(row);
        }
        Page<RuleRow> page = Page.of(selected, in);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("SecurityGroupRules");
        for (RuleRow row : page.items()) items.add(IpPermissions.renderRule(view, row.group(), row.rule()));
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    private ObjectNode modifyRules(Ec2Request in, Tx tx) {
        SecurityGroup g = SecurityGroupOps.require(tx, in.requireString("GroupId"));
        Map<String, SecurityGroupRuleSpec> updates = new LinkedHashMap<>();
        for (JsonNode u : in.objects("SecurityGroupRules")) {
            String id = u.path("SecurityGroupRuleId").asText("");
            if (id.isEmpty()) throw AwsException.missingParameter("SecurityGroupRule.N.SecurityGroupRuleId");
            JsonNode rule = u.path("SecurityGroupRule");
            if (rule.isMissingNode() || rule.isNull()) throw AwsException.missingParameter("SecurityGroupRule.N.SecurityGroupRule");
            if (updates.put(id, IpPermissions.parseRuleRequest(rule)) != null) {
                throw AwsException.invalidParameterValue("The security group rule ID '" + id + "' appears more than once in this request.");
            }
        }
        SecurityGroupOps.modify(tx, g, updates);
        return Json.object().put("Return", true);
    }
}
