package io.localvpc.core.path;

import java.util.Locale;

/** IP protocol numbers and the names AWS writes for them in security-group rules and network ACLs. */
public final class Protocols {
    public static final int ALL = -1;

    private Protocols() {
    }

    /** "-1", "all", "tcp", "udp", "icmp", "icmpv6" or a number → the protocol number (-1 for all). */
    public static int number(String protocol) {
        String p = protocol.toLowerCase(Locale.ROOT);
        return switch (p) {
            case "-1", "all" -> ALL;
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            case "icmpv6" -> 58;
            default -> Integer.parseInt(p);
        };
    }

    public static String name(int protocol) {
        return switch (protocol) {
            case ALL -> "all traffic";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            case 58 -> "icmpv6";
            default -> "protocol " + protocol;
        };
    }

    /** Whether ports apply to the protocol (tcp and udp only). */
    public static boolean hasPorts(int protocol) {
        return protocol == 6 || protocol == 17;
    }
}
