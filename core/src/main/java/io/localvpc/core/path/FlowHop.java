package io.localvpc.core.path;

import io.localvpc.core.net.Ipv4;

/**
 * A hop whose sentence names the flow (its destination, ports, the source's address). Everything else about
 * it is fixed for a state version, so the compiled tables hold one per route, security-group rule and ACL
 * entry, a decision records the one that applied by reference, and the sentence is written only when the
 * trace is read ({@link #toHop}). This is what keeps a decision from allocating a hop per step.
 */
record FlowHop(Hop.Kind kind, String resourceId, boolean passed, Object subject, Wording wording) {

    Hop toHop(Trace trace) {
        return new Hop(kind, resourceId, passed, subject, wording.write(trace));
    }

    /** How the flow's facts, as a trace keeps them, are worded into a hop's sentence. */
    enum Wording {
        /** A DNS answer: "sqs.us-east-1.amazonaws.com → 10.0.11.5 (private DNS name of vpce-…)". */
        RESOLVED,
        LONGEST_PREFIX_MATCH,
        EGRESS_ALLOWED,
        EGRESS_REFUSED,
        INGRESS_ALLOWED,
        INGRESS_REFUSED,
        /** Network ACLs: the flow's packets to the destination port, and from the source on it... */
        TO_DESTINATION,
        FROM_SOURCE,
        /** ...and the return packets to the source's ephemeral port, and from the destination on it. */
        RETURN_TO_SOURCE,
        RETURN_FROM_DESTINATION;

        String write(Trace t) {
            Flow f = t.flow();
            return switch (this) {
                case RESOLVED -> f.destination() + " → " + t.destinationText() + " (" + t.dnsSource() + ")";
                case LONGEST_PREFIX_MATCH -> "longest prefix match for " + t.destinationText();
                case EGRESS_ALLOWED -> "(" + flowText(t) + ")";
                case EGRESS_REFUSED -> "to " + flowText(t);
                case INGRESS_ALLOWED -> "(from " + t.sourceAddress() + ", " + flowText(t) + ")";
                case INGRESS_REFUSED -> "from " + t.sourceAddress() + " to " + flowText(t);
                case TO_DESTINATION -> traffic(f.protocol(), f.port(), t.destination(), true);
                case FROM_SOURCE -> traffic(f.protocol(), f.port(), t.sourceIp(), false);
                case RETURN_TO_SOURCE -> traffic(f.protocol(), f.sourcePort(), t.sourceIp(), true);
                case RETURN_FROM_DESTINATION -> traffic(f.protocol(), f.sourcePort(), t.destination(), false);
            };
        }

        /** "tcp 52.216.8.1:443". */
        private static String flowText(Trace t) {
            return Protocols.name(t.flow().protocol()) + " " + t.destinationText() + ":" + t.flow().port();
        }
    }

    /** "tcp port 443 to 52.216.8.1": a packet as a network ACL sees it. */
    static String traffic(int protocol, int port, long peer, boolean outbound) {
        return Protocols.name(protocol) + " port " + port + (outbound ? " to " : " from ") + Ipv4.format(peer);
    }
}
