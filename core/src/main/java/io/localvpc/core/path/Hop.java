package io.localvpc.core.path;

import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.SecurityGroupRule;

/**
 * One step of a path decision: which resource was consulted, whether the flow passed it, and the rule,
 * route or setting that decided ({@code subject}: the {@code Route} of a route hop, the {@code SecurityGroupRule}
 * that allowed a flow, the {@code NetworkAclEntry} that decided a packet, and for security groups that allowed
 * nothing the {@code NetworkInterface} whose groups they are; for a missing route to a public name, the DNS answer's
 * sentence about that name, e.g. that it is a legacy name an interface endpoint's private DNS does not cover). Its sentence is built only when someone reads it
 * ({@link #describe()}), so deciding stays cheap; {@code context} may be any object whose {@code toString()} is the phrase.
 */
public record Hop(Kind kind, String resourceId, boolean passed, Object subject, Object context) {

    public enum Kind {
        SOURCE, DNS, ROUTE, SECURITY_GROUP_EGRESS, NETWORK_ACL_OUT, NETWORK_ACL_IN, NETWORK_ACL_RETURN_OUT,
        NETWORK_ACL_RETURN_IN, SECURITY_GROUP_INGRESS, ENDPOINT, NAT_GATEWAY, INTERNET_GATEWAY, DELIVERED, REFUSED,
        /** A Network Load Balancer's node or listener passed the flow on. */
        LOAD_BALANCER,
        /** A target group chose the target. */
        TARGET_GROUP
    }

    /** A person's sentence for this hop, naming the resource and the rule that matched. */
    public String describe() {
        return switch (kind) {
            case ROUTE -> passed
                    ? resourceId + " route " + ((Route) subject).destination() + " → " + target((Route) subject) + " (" + context + ")"
                    : subject == null ? "no route to " + context + " in " + resourceId
                    : subject instanceof String publicName ? publicName + "; no route to the public address " + context + " in " + resourceId
                    : resourceId + " route " + ((Route) subject).destination() + " → " + target((Route) subject) + " is a blackhole (" + context + ")";
            case SECURITY_GROUP_EGRESS, SECURITY_GROUP_INGRESS -> securityGroup();
            case NETWORK_ACL_OUT, NETWORK_ACL_IN, NETWORK_ACL_RETURN_OUT, NETWORK_ACL_RETURN_IN -> networkAcl();
            default -> String.valueOf(context);
        };
    }

    private String securityGroup() {
        String direction = kind == Kind.SECURITY_GROUP_EGRESS ? "egress" : "ingress";
        if (!passed) return "security groups " + resourceId + " allow no " + direction + " " + context;
        SecurityGroupRule r = (SecurityGroupRule) subject;
        return resourceId + " " + direction + " rule " + r.ruleId() + " allows " + ruleTraffic(r) + " " + context;
    }

    private static String ruleTraffic(SecurityGroupRule r) {
        int p = Protocols.number(r.ipProtocol());
        String traffic = Protocols.hasPorts(p)
                ? Protocols.name(p) + " " + (r.fromPort() == r.toPort() ? String.valueOf(r.fromPort()) : r.fromPort() + "-" + r.toPort())
                : Protocols.name(p);
        String peer = r.cidrIpv4() != null ? r.cidrIpv4() : r.prefixListId() != null ? r.prefixListId() : r.referencedGroupId();
        return traffic + (r.egress() ? " to " : " from ") + peer;
    }

    private String networkAcl() {
        String direction = switch (kind) {
            case NETWORK_ACL_OUT -> "outbound";
            case NETWORK_ACL_IN -> "inbound";
            case NETWORK_ACL_RETURN_OUT -> "outbound (return traffic)";
            default -> "inbound (return traffic)";
        };
        NetworkAclEntry e = (NetworkAclEntry) subject;
        String rule = e.ruleNumber() == NetworkAclEntry.CATCH_ALL_RULE ? "rule *" : "rule " + e.ruleNumber();
        return resourceId + " " + direction + " " + rule + " " + (passed ? "allows " : "denies ") + context;
    }

    private static String target(Route r) {
        if (r.gatewayId() != null) return r.gatewayId();
        if (r.natGatewayId() != null) return r.natGatewayId();
        if (r.networkInterfaceId() != null) return r.networkInterfaceId();
        if (r.instanceId() != null) return r.instanceId();
        return String.valueOf(r.egressOnlyInternetGatewayId());
    }

    @Override
    public String toString() {
        return describe();
    }
}
