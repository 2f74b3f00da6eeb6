package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.net.Ipv6Cidr;

/**
 * One requested security group rule as a caller gave it: a protocol and port range and exactly one peer
 * (an IPv4 or IPv6 CIDR, a prefix list, or a group by id or name). The checks that need no state — protocol,
 * ports, CIDR syntax, description — live here; {@link SecurityGroupOps} resolves the peer against the store.
 */
public record SecurityGroupRuleSpec(
        String ipProtocol,
        Integer fromPort,
        Integer toPort,
        String cidrIpv4,
        String cidrIpv6,
        String prefixListId,
        String groupId,
        String groupName,
        String userId,
        String description) {

    /** Characters AWS allows in VPC security group names, descriptions and rule descriptions. */
    static final String ALLOWED_PUNCTUATION = " ._-:/()#,@[]+=&;{}!$*";
    public static final int MAX_TEXT_LENGTH = 255;

    public int peerCount() {
        return (cidrIpv4 != null ? 1 : 0) + (cidrIpv6 != null ? 1 : 0) + (prefixListId != null ? 1 : 0)
                + (groupId != null || groupName != null ? 1 : 0);
    }

    /**
     * AWS's protocol as it shows it: names for tcp, udp, icmp and icmpv6 whether given by name or number
     * (6, 17, 1, 58), "-1" for all traffic ("all" is accepted too), otherwise the protocol number 0–255.
     */
    public static String normaliseProtocol(String given) {
        if (given == null || given.isBlank()) throw AwsException.missingParameter("ipProtocol");
        String p = given.trim().toLowerCase(java.util.Locale.ROOT);
        switch (p) {
            case "tcp", "udp", "icmp", "icmpv6", "-1":
                return p;
            case "all":
                return "-1";
            default:
                break;
        }
        int number;
        try {
            number = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw AwsException.invalidParameterValue("Invalid value '" + given + "' for IP protocol. Unknown protocol."
                    + " Use tcp, udp, icmp, icmpv6, -1 (all traffic) or a protocol number from 0 to 255.");
        }
        if (number < -1 || number > 255) {
            throw AwsException.invalidParameterValue("Invalid value '" + given + "' for IP protocol. Protocol numbers are -1 (all traffic) or 0 to 255.");
        }
        return switch (number) {
            case -1 -> "-1";
            case 1 -> "icmp";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 58 -> "icmpv6";
            default -> Integer.toString(number);
        };
    }

    /**
     * The port range AWS keeps for a protocol: tcp/udp need both ports, 0–65535, from ≤ to; icmp/icmpv6
     * use them as type and code (-1 = any, absent = any); every other protocol covers all ports (-1, -1).
     */
    static int[] ports(String protocol, Integer from, Integer to) {
        switch (protocol) {
            case "tcp", "udp" -> {
                if (from == null || to == null) {
                    throw AwsException.invalidParameterValue("Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.");
                }
                if (from < 0 || from > 65535 || to < 0 || to > 65535) {
                    throw AwsException.invalidParameterValue("Invalid TCP/UDP port range " + from + "-" + to + ": ports must be between 0 and 65535.");
                }
                if (from > to) {
                    throw AwsException.invalidParameterValue("Invalid TCP/UDP port range " + from + "-" + to + ": the from port must not be greater than the to port.");
                }
                return new int[]{from, to};
            }
            case "icmp", "icmpv6" -> {
                int type = from == null ? -1 : from;
                int code = to == null ? -1 : to;
                if (type < -1 || type > 255) {
                    throw AwsException.invalidParameterValue("Invalid value '" + type + "' for ICMP type. Use -1 (any type) or 0 to 255.");
                }
                if (code < -1 || code > 255) {
                    throw AwsException.invalidParameterValue("Invalid value '" + code + "' for ICMP code. Use -1 (any code) or 0 to 255.");
                }
                return new int[]{type, code};
            }
            default -> {
                return new int[]{-1, -1};
            }
        }
    }

    /** An IPv4 CIDR in canonical form; AWS keeps the network address, so host bits are cleared. */
    static String ipv4(String text) {
        return Ipv4Cidr.parse(text.trim()).map(Ipv4Cidr::toString)
                .orElseThrow(() -> AwsException.invalidParameterValue("CIDR block " + text + " is malformed"));
    }

    static String ipv6(String text) {
        return Ipv6Cidr.parse(text.trim()).map(Ipv6Cidr::toString)
                .orElseThrow(() -> AwsException.invalidParameterValue("CIDR block " + text + " is malformed"));
    }

    /** Null for an absent or empty description; otherwise it must fit AWS's length and character set. */
    static String ruleDescription(String d) {
        if (d == null || d.isEmpty()) return null;
        if (!isAllowedText(d)) {
            throw AwsException.invalidParameterValue("Invalid rule description. Valid descriptions are strings less than 256 characters from the following set:  a-zA-Z0-9"
                    + ALLOWED_PUNCTUATION);
        }
        return d;
    }

    /** At most 255 characters, each a letter, digit, space or one of {@code ._-:/()#,@[]+=&;{}!$*}. */
    public static boolean isAllowedText(String s) {
        if (s.length() > MAX_TEXT_LENGTH) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ALLOWED_PUNCTUATION.indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }
}
