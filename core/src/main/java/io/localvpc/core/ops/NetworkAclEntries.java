package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.net.Ipv4Cidr;

import java.util.Locale;
import java.util.Map;

/**
 * Builds a network ACL entry from Create/ReplaceNetworkAclEntry input with AWS's rules: rule numbers
 * 1–32766, protocol as a number (-1 for all) or one of the common names, a port range for TCP and UDP,
 * a type and code for ICMP, allow or deny, and exactly one IPv4 or IPv6 CIDR block.
 */
public final class NetworkAclEntries {
    /** Protocol names AWS tools accept, and the number AWS stores and returns for each. */
    private static final Map<String, String> PROTOCOL_NAMES = Map.of(
            "all", "-1", "tcp", "6", "udp", "17", "icmp", "1", "icmpv6", "58");

    private NetworkAclEntries() {
    }

    /** A PortRange as given; either bound may be missing. */
    public record Ports(Integer from, Integer to) {
    }

    /** An IcmpTypeCode as given; either field may be missing. */
    public record Icmp(Integer type, Integer code) {
    }

    public static NetworkAclEntry build(int ruleNumber, boolean egress, String protocol, String ruleAction,
                                        String cidrBlock, String ipv6CidrBlock, Ports ports, Icmp icmp) {
        checkRuleNumber(ruleNumber);
        String number = protocolNumber(protocol);
        String action = ruleAction(ruleAction);
        boolean v4 = cidrBlock != null && !cidrBlock.isEmpty();
        boolean v6 = ipv6CidrBlock != null && !ipv6CidrBlock.isEmpty();
        if (v4 && v6) {
            throw AwsException.invalidParameterCombination("Give either CidrBlock or Ipv6CidrBlock for a network ACL entry, not both.");
        }
        if (!v4 && !v6) throw AwsException.missingParameter("CidrBlock (or Ipv6CidrBlock)");
        String v4Cidr = v4 ? Ipv4Cidr.parse(cidrBlock).map(Ipv4Cidr::toString).orElseThrow(() -> AwsException.invalidParameterValue(
                "Value (" + cidrBlock + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.")) : null;
        String v6Cidr = v6 ? ipv6Cidr(ipv6CidrBlock) : null;

        Integer from = null, to = null, type = null, code = null;
        switch (number) {
            case "6", "17" -> {
                if (ports == null) {
                    throw new AwsException("MissingParameter", "The request must contain the parameter PortRange: protocol " + number
                            + " (" + (number.equals("6") ? "tcp" : "udp") + ") entries need PortRange.From and PortRange.To.");
                }
                if (ports.from() == null) throw AwsException.missingParameter("PortRange.From");
                if (ports.to() == null) throw AwsException.missingParameter("PortRange.To");
                checkPort(ports.from(), "From");
                checkPort(ports.to(), "To");
                if (ports.from() > ports.to()) {
                    throw AwsException.invalidParameterValue("The port range " + ports.from() + "-" + ports.to() + " is invalid: PortRange.From must not exceed PortRange.To.");
                }
                from = ports.from();
                to = ports.to();
            }
            case "1", "58" -> {
                if (icmp == null) {
                    throw new AwsException("MissingParameter", "The request must contain the parameter Icmp: protocol " + number
                            + " entries need Icmp.Type and Icmp.Code (-1 means every type or code).");
                }
                if (icmp.type() == null) throw AwsException.missingParameter("Icmp.Type");
                if (icmp.code() == null) throw AwsException.missingParameter("Icmp.Code");
                checkIcmp(icmp.type(), "Type");
                checkIcmp(icmp.code(), "Code");
                type = icmp.type();
                code = icmp.code();
            }
            default -> {
                // Every other protocol covers all ports; AWS ignores a port range or ICMP type given with it.
            }
        }
        return new NetworkAclEntry(ruleNumber, egress, number, action, v4Cidr, v6Cidr, from, to, type, code);
    }

    public static void checkRuleNumber(int ruleNumber) {
        if (ruleNumber < NetworkAclEntry.MIN_RULE || ruleNumber > NetworkAclEntry.MAX_RULE) {
            throw AwsException.invalidParameterValue("Value (" + ruleNumber + ") for parameter ruleNumber is invalid. Rule numbers must be between "
                    + NetworkAclEntry.MIN_RULE + " and " + NetworkAclEntry.MAX_RULE + " (the * rule, " + NetworkAclEntry.CATCH_ALL_RULE + ", cannot be changed).");
        }
    }

    /** "-1", a protocol number 0–255, or a name (tcp, udp, icmp, icmpv6, all) → the number as AWS stores it. */
    public static String protocolNumber(String protocol) {
        if (protocol == null || protocol.isEmpty()) throw AwsException.missingParameter("Protocol");
        String named = PROTOCOL_NAMES.get(protocol.toLowerCase(Locale.ROOT));
        if (named != null) return named;
        try {
            int n = Integer.parseInt(protocol.trim());
            if (n == -1 || (n >= 0 && n <= 255)) return Integer.toString(n);
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw AwsException.invalidParameterValue("Value (" + protocol + ") for parameter protocol is invalid. Use a protocol number from 0 to 255, -1 for all, "
                + "or one of tcp, udp, icmp, icmpv6, all.");
    }

    private static String ruleAction(String action) {
        if (action == null || action.isEmpty()) throw AwsException.missingParameter("RuleAction");
        if (!action.equals("allow") && !action.equals("deny")) {
            throw AwsException.invalidParameterValue("Value (" + action + ") for parameter ruleAction is invalid. Valid values: allow, deny");
        }
        return action;
    }

    private static void checkPort(int port, String which) {
        if (port < 0 || port > 65535) {
            throw AwsException.invalidParameterValue("Value (" + port + ") for parameter PortRange." + which + " is invalid. Ports are 0 to 65535.");
        }
    }

    private static void checkIcmp(int value, String which) {
        if (value < -1 || value > 255) {
            throw AwsException.invalidParameterValue("Value (" + value + ") for parameter Icmp." + which + " is invalid. Use 0 to 255, or -1 for all.");
        }
    }

    /** An IPv6 CIDR block: hex groups with at most one "::", and a prefix length up to 128. Returned lower-cased. */
    static String ipv6Cidr(String text) {
        AwsException bad = AwsException.invalidParameterValue("Value (" + text + ") for parameter ipv6CidrBlock is invalid. This is not a valid IPv6 CIDR block.");
        int slash = text.indexOf('/');
        if (slash < 0) throw bad;
        String address = text.substring(0, slash).toLowerCase(Locale.ROOT);
        String prefix = text.substring(slash + 1);
        if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit) || Integer.parseInt(prefix) > 128) throw bad;
        int doubleColon = address.indexOf("::");
        if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) throw bad;
        if ((address.startsWith(":") && !address.startsWith("::")) || (address.endsWith(":") && !address.endsWith("::"))) throw bad;
        String[] groups = address.replace("::", ":x:").split(":", -1);
        int count = 0;
        for (String g : groups) {
            if (g.equals("x")) continue;
            if (g.isEmpty()) continue; // the edge next to a leading or trailing "::"
            if (g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) throw bad;
            count++;
        }
        if (doubleColon < 0 ? count != 8 : count > 7) throw bad;
        return address + "/" + prefix;
    }
}
