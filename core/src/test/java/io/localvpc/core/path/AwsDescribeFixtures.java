package io.localvpc.core.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkAclAssociation;
import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.RouteTableAssociation;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.SecurityGroupRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the JSON the AWS CLI prints for {@code aws ec2 describe-route-tables}, {@code describe-security-groups}
 * and {@code describe-network-acls} into core records, so real configurations can be replayed through the checks.
 * Rule ids are not part of describe-security-groups output; each rule gets a stable made-up one.
 */
final class AwsDescribeFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsDescribeFixtures() {
    }

    static JsonNode load(String resource) {
        try (InputStream in = AwsDescribeFixtures.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + resource);
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<RouteTable> routeTables(JsonNode root) {
        List<RouteTable> out = new ArrayList<>();
        for (JsonNode t : root.path("RouteTables")) {
            List<Route> routes = new ArrayList<>();
            for (JsonNode r : t.path("Routes")) {
                routes.add(new Route(text(r, "DestinationCidrBlock"), text(r, "DestinationIpv6CidrBlock"), text(r, "DestinationPrefixListId"),
                        text(r, "GatewayId"), text(r, "NatGatewayId"), text(r, "NetworkInterfaceId"), text(r, "InstanceId"),
                        text(r, "EgressOnlyInternetGatewayId"), text(r, "Origin")));
            }
            List<RouteTableAssociation> assocs = new ArrayList<>();
            for (JsonNode a : t.path("Associations")) {
                assocs.add(new RouteTableAssociation(text(a, "RouteTableAssociationId"), text(a, "SubnetId"), a.path("Main").asBoolean()));
            }
            out.add(new RouteTable(text(t, "RouteTableId"), text(t, "OwnerId"), text(t, "VpcId"), routes, assocs));
        }
        return out;
    }

    static List<SecurityGroup> securityGroups(JsonNode root) {
        List<SecurityGroup> out = new ArrayList<>();
        for (JsonNode g : root.path("SecurityGroups")) {
            String id = text(g, "GroupId");
            List<SecurityGroupRule> rules = new ArrayList<>();
            permissions(id, g.path("IpPermissions"), false, rules);
            permissions(id, g.path("IpPermissionsEgress"), true, rules);
            out.add(new SecurityGroup(id, text(g, "OwnerId"), text(g, "VpcId"), text(g, "GroupName"), text(g, "Description"), rules));
        }
        return out;
    }

    /** One IpPermission holds a protocol and port range with any number of peers; a rule (sgr-) has exactly one. */
    private static void permissions(String groupId, JsonNode perms, boolean egress, List<SecurityGroupRule> out) {
        for (JsonNode p : perms) {
            String protocol = text(p, "IpProtocol");
            int from = p.has("FromPort") ? p.get("FromPort").asInt() : -1;
            int to = p.has("ToPort") ? p.get("ToPort").asInt() : -1;
            for (JsonNode r : p.path("IpRanges")) out.add(rule(groupId, out, egress, protocol, from, to, text(r, "CidrIp"), null, null, null, text(r, "Description")));
            for (JsonNode r : p.path("Ipv6Ranges")) out.add(rule(groupId, out, egress, protocol, from, to, null, text(r, "CidrIpv6"), null, null, text(r, "Description")));
            for (JsonNode r : p.path("PrefixListIds")) out.add(rule(groupId, out, egress, protocol, from, to, null, null, text(r, "PrefixListId"), null, text(r, "Description")));
            for (JsonNode r : p.path("UserIdGroupPairs")) out.add(rule(groupId, out, egress, protocol, from, to, null, null, null, text(r, "GroupId"), text(r, "Description")));
        }
    }

    private static SecurityGroupRule rule(String groupId, List<SecurityGroupRule> sofar, boolean egress, String protocol, int from, int to,
                                          String v4, String v6, String pl, String group, String description) {
        String ruleId = "sgr-" + groupId.substring(3, 13) + String.format("%07x", sofar.size());
        return new SecurityGroupRule(ruleId, egress, protocol, from, to, v4, v6, pl, group, description);
    }

    static List<NetworkAcl> networkAcls(JsonNode root) {
        List<NetworkAcl> out = new ArrayList<>();
        for (JsonNode a : root.path("NetworkAcls")) {
            List<NetworkAclEntry> entries = new ArrayList<>();
            for (JsonNode e : a.path("Entries")) {
                JsonNode ports = e.path("PortRange");
                JsonNode icmp = e.path("IcmpTypeCode");
                entries.add(new NetworkAclEntry(e.path("RuleNumber").asInt(), e.path("Egress").asBoolean(), text(e, "Protocol"), text(e, "RuleAction"),
                        text(e, "CidrBlock"), text(e, "Ipv6CidrBlock"), integer(ports, "From"), integer(ports, "To"),
                        integer(icmp, "Type"), integer(icmp, "Code")));
            }
            List<NetworkAclAssociation> assocs = new ArrayList<>();
            for (JsonNode x : a.path("Associations")) assocs.add(new NetworkAclAssociation(text(x, "NetworkAclAssociationId"), text(x, "SubnetId")));
            out.add(new NetworkAcl(text(a, "NetworkAclId"), text(a, "OwnerId"), text(a, "VpcId"), a.path("IsDefault").asBoolean(), entries, assocs));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }
}
