package io.localvpc.core.model;

/**
 * One network ACL rule. {@code protocol} is AWS's protocol number as text ("-1" all, "6" tcp, "17" udp,
 * "1" icmp); port and ICMP fields are null where the protocol has none. Exactly one of
 * {@code cidrBlock} and {@code ipv6CidrBlock} is set.
 */
public record NetworkAclEntry(
        int ruleNumber,
        boolean egress,
        String protocol,
        String ruleAction,
        String cidrBlock,
        String ipv6CidrBlock,
        Integer portFrom,
        Integer portTo,
        Integer icmpType,
        Integer icmpCode) {

    public static final int CATCH_ALL_RULE = 32767;
    public static final int MIN_RULE = 1;
    public static final int MAX_RULE = 32766;

    public String direction() {
        return egress ? "egress" : "ingress";
    }
}
