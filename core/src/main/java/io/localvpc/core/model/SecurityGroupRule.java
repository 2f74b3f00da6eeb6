package io.localvpc.core.model;

import java.util.Objects;

/**
 * One security group rule ({@code sgr-…}). {@code ipProtocol} is "-1", "tcp", "udp", "icmp", "icmpv6" or a
 * protocol number; ports are -1 when the protocol has none (ICMP type and code use them, -1 meaning any).
 * Exactly one of the four peers is set.
 */
public record SecurityGroupRule(
        String ruleId,
        boolean egress,
        String ipProtocol,
        int fromPort,
        int toPort,
        String cidrIpv4,
        String cidrIpv6,
        String prefixListId,
        String referencedGroupId,
        String description) {

    /** Same rule ignoring id and description: AWS refuses such a rule as InvalidPermission.Duplicate. */
    public boolean sameAs(SecurityGroupRule o) {
        return egress == o.egress && ipProtocol.equals(o.ipProtocol) && fromPort == o.fromPort && toPort == o.toPort
                && Objects.equals(cidrIpv4, o.cidrIpv4) && Objects.equals(cidrIpv6, o.cidrIpv6)
                && Objects.equals(prefixListId, o.prefixListId)
                && Objects.equals(referencedGroupId, o.referencedGroupId);
    }

    public SecurityGroupRule withId(String id) {
        return new SecurityGroupRule(id, egress, ipProtocol, fromPort, toPort, cidrIpv4, cidrIpv6, prefixListId, referencedGroupId, description);
    }

    public SecurityGroupRule withDescription(String d) {
        return new SecurityGroupRule(ruleId, egress, ipProtocol, fromPort, toPort, cidrIpv4, cidrIpv6, prefixListId, referencedGroupId, d);
    }

    /** The source (ingress) or destination (egress): a CIDR, a prefix list id or a group id. */
    public String peer() {
        if (cidrIpv4 != null) return cidrIpv4;
        if (cidrIpv6 != null) return cidrIpv6;
        if (prefixListId != null) return prefixListId;
        return referencedGroupId;
    }

    /** Whether the rule counts towards the IPv4 rule quota (CIDRv4, groups and prefix lists count for both families). */
    public boolean countsForIpv4() {
        return cidrIpv6 == null;
    }

    public boolean countsForIpv6() {
        return cidrIpv4 == null;
    }

    /** The rule in the words AWS uses in its Duplicate message, e.g. {@code peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW}. */
    public String summary() {
        String proto = ipProtocol.equals("-1") ? "ALL" : ipProtocol.toUpperCase(java.util.Locale.ROOT);
        String ports = switch (ipProtocol) {
            case "tcp", "udp" -> ", from port: " + fromPort + ", to port: " + toPort;
            case "icmp", "icmpv6" -> ", type: " + fromPort + ", code: " + toPort;
            default -> "";
        };
        return "peer: " + peer() + ", " + proto + ports + ", ALLOW";
    }
}
