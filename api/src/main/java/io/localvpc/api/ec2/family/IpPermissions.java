package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.ops.SecurityGroupOps;
import io.localvpc.core.ops.SecurityGroupRuleSpec;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Security group rules on the wire. AWS takes and shows rules as {@code IpPermission}s — one protocol and
 * port range with lists of peers — but keeps one rule per peer ({@code sgr-…}); this class converts
 * between the two, and renders the per-rule shapes of DescribeSecurityGroupRules and Revoke.
 */
final class IpPermissions {
    private IpPermissions() {
    }

    /** One spec per peer of an {@code IpPermission}; a permission without any peer yields one peerless spec, which is refused later. */
    static List<SecurityGroupRuleSpec> parse(JsonNode p) {
        String protocol = text(p, "IpProtocol");
        Integer from = integer(p, "FromPort");
        Integer to = integer(p, "ToPort");
        List<SecurityGroupRuleSpec> out = new ArrayList<>();
        for (JsonNode r : p.path("IpRanges")) {
            out.add(new SecurityGroupRuleSpec(protocol, from, to, text(r, "CidrIp"), null, null, null, null, null, text(r, "Description")));
        }
        for (JsonNode r : p.path("Ipv6Ranges")) {
            out.add(new SecurityGroupRuleSpec(protocol, from, to, null, text(r, "CidrIpv6"), null, null, null, null, text(r, "Description")));
        }
        for (JsonNode r : p.path("PrefixListIds")) {
            out.add(new SecurityGroupRuleSpec(protocol, from, to, null, null, text(r, "PrefixListId"), null, null, null, text(r, "Description")));
        }
        for (JsonNode r : p.path("UserIdGroupPairs")) {
            out.add(new SecurityGroupRuleSpec(protocol, from, to, null, null, null, text(r, "GroupId"), text(r, "GroupName"),
                    text(r, "UserId"), text(r, "Description")));
        }
        if (out.isEmpty()) out.add(new SecurityGroupRuleSpec(protocol, from, to, null, null, null, null, null, null, null));
        return out;
    }

    static List<SecurityGroupRuleSpec> parseAll(List<JsonNode> permissions) {
        List<SecurityGroupRuleSpec> out = new ArrayList<>();
        for (JsonNode p : permissions) out.addAll(parse(p));
        return out;
    }

    /** A {@code SecurityGroupRuleRequest} of ModifySecurityGroupRules. */
    static SecurityGroupRuleSpec parseRuleRequest(JsonNode r) {
        return new SecurityGroupRuleSpec(text(r, "IpProtocol"), integer(r, "FromPort"), integer(r, "ToPort"), text(r, "CidrIpv4"),
                text(r, "CidrIpv6"), text(r, "PrefixListId"), text(r, "ReferencedGroupId"), null, null, text(r, "Description"));
    }

    private static String text(JsonNode n, String member) {
        JsonNode v = n.get(member);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer integer(JsonNode n, String member) {
        JsonNode v = n.get(member);
        return v == null || v.isNull() ? null : v.asInt();
    }

    /**
     * Rules as AWS lists them in DescribeSecurityGroups: one {@code IpPermission} per (protocol, from, to)
     * in the order first seen, each with all four peer lists (empty ones included); all-traffic rules
     * (protocol -1) carry no ports.
     */
    static ArrayNode render(View view, List<SecurityGroupRule> rules) {
        Map<String, ObjectNode> byRange = new LinkedHashMap<>();
        for (SecurityGroupRule r : rules) {
            ObjectNode p = byRange.computeIfAbsent(r.ipProtocol() + "|" + r.fromPort() + "|" + r.toPort(), k -> newPermission(r));
            if (r.cidrIpv4() != null) {
                withDescription(((ArrayNode) p.get("IpRanges")).addObject().put("CidrIp", r.cidrIpv4()), r);
            } else if (r.cidrIpv6() != null) {
                withDescription(((ArrayNode) p.get("Ipv6Ranges")).addObject().put("CidrIpv6", r.cidrIpv6()), r);
            } else if (r.prefixListId() != null) {
                withDescription(((ArrayNode) p.get("PrefixListIds")).addObject().put("PrefixListId", r.prefixListId()), r);
            } else {
                ObjectNode pair = ((ArrayNode) p.get("UserIdGroupPairs")).addObject()
                        .put("GroupId", r.referencedGroupId()).put("UserId", view.scope().account());
                withDescription(pair, r);
            }
        }
        ArrayNode out = Json.array();
        byRange.values().forEach(out::add);
        return out;
    }

    private static ObjectNode newPermission(SecurityGroupRule r) {
        ObjectNode p = Json.object().put("IpProtocol", r.ipProtocol());
        if (!r.ipProtocol().equals("-1")) p.put("FromPort", r.fromPort()).put("ToPort", r.toPort());
        p.putArray("IpRanges");
        p.putArray("Ipv6Ranges");
        p.putArray("PrefixListIds");
        p.putArray("UserIdGroupPairs");
        return p;
    }

    private static void withDescription(ObjectNode peer, SecurityGroupRule r) {
        if (r.description() != null) peer.put("Description", r.description());
    }

    /** The {@code SecurityGroupRule} shape of DescribeSecurityGroupRules and Authorize*. */
    static ObjectNode renderRule(View view, SecurityGroup group, SecurityGroupRule r) {
        ObjectNode o = ruleBasics(group, r).put("GroupOwnerId", group.ownerId());
        if (r.referencedGroupId() != null) {
            o.putObject("ReferencedGroupInfo").put("GroupId", r.referencedGroupId()).put("UserId", group.ownerId());
        }
        if (r.description() != null) o.put("Description", r.description());
        o.put("SecurityGroupRuleArn", SecurityGroupOps.ruleArn(view.scope(), r.ruleId()));
        o.set("Tags", Tagging.tagSet(view, r.ruleId()));
        return o;
    }

    /** The {@code RevokedSecurityGroupRule} shape of Revoke*. */
    static ObjectNode renderRevoked(SecurityGroup group, SecurityGroupRule r) {
        ObjectNode o = ruleBasics(group, r);
        if (r.referencedGroupId() != null) o.put("ReferencedGroupId", r.referencedGroupId());
        if (r.description() != null) o.put("Description", r.description());
        return o;
    }

    /** The members the SecurityGroupRule and RevokedSecurityGroupRule shapes share: ids, direction, traffic, CIDR or list peer. */
    private static ObjectNode ruleBasics(SecurityGroup group, SecurityGroupRule r) {
        ObjectNode o = Json.object()
                .put("SecurityGroupRuleId", r.ruleId())
                .put("GroupId", group.id())
                .put("IsEgress", r.egress())
                .put("IpProtocol", r.ipProtocol())
                .put("FromPort", r.fromPort())
                .put("ToPort", r.toPort());
        if (r.cidrIpv4() != null) o.put("CidrIpv4", r.cidrIpv4());
        if (r.cidrIpv6() != null) o.put("CidrIpv6", r.cidrIpv6());
        if (r.prefixListId() != null) o.put("PrefixListId", r.prefixListId());
        return o;
    }
}
