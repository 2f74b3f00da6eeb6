package io.localvpc.core.path;

import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.net.Ipv4;

import java.util.Collection;

/**
 * A leg of a flow that does not start at the workload: from a load balancer node to its target, or from an interface
 * endpoint to the provider's load balancer. The rules are the same compiled security groups and network ACLs the
 * workload's leg is judged by ({@link SecurityGroupCheck}, {@link NetworkAclCheck}); only the addresses differ, so each
 * hop is worded here with this leg's own addresses rather than from the trace's flow.
 */
final class InnerLeg {
    private final Trace trace;
    private final int protocol;
    private final int port;
    private final int ephemeralPort;
    private final long from;
    private final long to;

    /** A leg from {@code from} to {@code to}:{@code port}; replies return to {@code from}:{@code ephemeralPort}. */
    InnerLeg(Trace trace, int protocol, long from, int ephemeralPort, long to, int port) {
        this.trace = trace;
        this.protocol = protocol;
        this.port = port;
        this.ephemeralPort = ephemeralPort;
        this.from = from;
        this.to = to;
    }

    /** "tcp 10.0.2.5:8080". */
    private String flowText() {
        return Protocols.name(protocol) + " " + Ipv4.format(to) + ":" + port;
    }

    /** Inbound to {@code eni} through its security groups {@code groups}; {@code peerGroups} are the sender's groups. */
    boolean ingress(SecurityGroupCheck[] groups, NetworkInterface eni, Collection<String> peerGroups) {
        for (SecurityGroupCheck g : groups) {
            SecurityGroupRule r = g == null ? null : g.allowsIngress(protocol, port, from, peerGroups);
            if (r != null) {
                trace.record(new Hop(Hop.Kind.SECURITY_GROUP_INGRESS, g.groupId(), true, r, "(from " + Ipv4.format(from) + ", " + flowText() + ")"));
                return true;
            }
        }
        trace.record(new Hop(Hop.Kind.SECURITY_GROUP_INGRESS, String.join(", ", eni.groupIds()) + " on " + eni.id(), false, eni,
                "from " + Ipv4.format(from) + " to " + flowText()));
        return false;
    }

    /** Outbound from the sender {@code eni} through {@code groups}; {@code peerGroups} are the receiver's groups. */
    boolean egress(SecurityGroupCheck[] groups, NetworkInterface eni, Collection<String> peerGroups) {
        for (SecurityGroupCheck g : groups) {
            SecurityGroupRule r = g == null ? null : g.allowsEgress(protocol, port, to, peerGroups);
            if (r != null) {
                trace.record(new Hop(Hop.Kind.SECURITY_GROUP_EGRESS, g.groupId(), true, r, "(" + flowText() + ")"));
                return true;
            }
        }
        trace.record(new Hop(Hop.Kind.SECURITY_GROUP_EGRESS, String.join(", ", eni.groupIds()) + " on " + eni.id(), false, eni, "to " + flowText()));
        return false;
    }

    /** Forward and return traffic across two subnets' ACLs ({@code out} the sender's): four stateless checks. */
    boolean crossSubnets(NetworkAclCheck out, NetworkAclCheck in) {
        return acl(out, Hop.Kind.NETWORK_ACL_OUT, out == null ? null : out.outbound(protocol, port, to), port, to, true)
                && acl(in, Hop.Kind.NETWORK_ACL_IN, in == null ? null : in.inbound(protocol, port, from), port, from, false)
                && acl(in, Hop.Kind.NETWORK_ACL_RETURN_OUT, in == null ? null : in.outbound(protocol, ephemeralPort, from), ephemeralPort, from, true)
                && acl(out, Hop.Kind.NETWORK_ACL_RETURN_IN, out == null ? null : out.inbound(protocol, ephemeralPort, to), ephemeralPort, to, false);
    }

    private boolean acl(NetworkAclCheck acl, Hop.Kind kind, NetworkAclEntry entry, int packetPort, long peer, boolean outbound) {
        if (acl == null) return true; // a subnet always has an ACL on AWS; a missing one filters nothing
        String packet = FlowHop.traffic(protocol, packetPort, peer, outbound);
        if (entry == null) {
            trace.record(new Hop(Hop.Kind.REFUSED, acl.aclId(), false, null, acl.aclId() + " has no entry matching " + packet));
            return false;
        }
        boolean allowed = "allow".equals(entry.ruleAction());
        trace.record(new Hop(kind, acl.aclId(), allowed, entry, packet));
        return allowed;
    }
}
