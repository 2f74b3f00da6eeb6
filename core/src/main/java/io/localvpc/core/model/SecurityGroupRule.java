package io.localvpc.core.model;

/**
 * One security group rule ({@code sgr-…}). {@code ipProtocol} is "-1", "tcp", "udp", "icmp" or a number;
 * ports are -1 when the protocol has none. Exactly one of the four peers is set.
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
                && java.util.Objects.equals(cidrIpv4, o.cidrIpv4) && java.util.Objects.equals(cidrIpv6, o.cidrIpv6)
                && java.util.Objects.equals(prefixListId, o.prefixListId)
                && java.util.Objects.equals(referencedGroupId, o.referencedGroupId);
    }
}
