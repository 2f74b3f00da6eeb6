package io.localvpc.core.path;

import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.net.Ipv4Cidr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A network ACL compiled for checks. Network ACLs are stateless and ordered: the lowest-numbered entry
 * that matches a packet decides, and the {@code *} entry (32767) denies what nothing else matched.
 * IPv6 entries are not consulted (flows are IPv4).
 */
public final class NetworkAclCheck {
    /** {@code forward} and {@code reply} are the hops the entry records for a flow's packets and for its return traffic. */
    private record Entry(int protocol, int fromPort, int toPort, long base, long mask, NetworkAclEntry entry, FlowHop forward, FlowHop reply) {
        boolean matches(int proto, int port, long peer) {
            if (protocol != Protocols.ALL && protocol != proto) return false;
            if (Protocols.hasPorts(protocol) && (port < fromPort || port > toPort)) return false;
            return (peer & mask) == base;
        }
    }

    private final String aclId;
    private final Entry[] inbound;
    private final Entry[] outbound;

    private NetworkAclCheck(String aclId, Entry[] inbound, Entry[] outbound) {
        this.aclId = aclId;
        this.inbound = inbound;
        this.outbound = outbound;
    }

    public String aclId() {
        return aclId;
    }

    public static NetworkAclCheck compile(NetworkAcl acl) {
        List<Entry> in = new ArrayList<>();
        List<Entry> out = new ArrayList<>();
        List<NetworkAclEntry> sorted = new ArrayList<>(acl.entries());
        sorted.sort(Comparator.comparingInt(NetworkAclEntry::ruleNumber));
        for (NetworkAclEntry e : sorted) {
            if (e.cidrBlock() == null) continue;
            Ipv4Cidr c = Ipv4Cidr.parse(e.cidrBlock()).orElse(null);
            if (c == null) continue;
            int protocol = Protocols.number(e.protocol());
            int from = e.portFrom() == null ? 0 : e.portFrom();
            int to = e.portTo() == null ? 65535 : e.portTo();
            boolean allow = "allow".equals(e.ruleAction());
            FlowHop forward = e.egress()
                    ? new FlowHop(Hop.Kind.NETWORK_ACL_OUT, acl.id(), allow, e, FlowHop.Wording.TO_DESTINATION)
                    : new FlowHop(Hop.Kind.NETWORK_ACL_IN, acl.id(), allow, e, FlowHop.Wording.FROM_SOURCE);
            FlowHop reply = e.egress()
                    ? new FlowHop(Hop.Kind.NETWORK_ACL_RETURN_OUT, acl.id(), allow, e, FlowHop.Wording.RETURN_TO_SOURCE)
                    : new FlowHop(Hop.Kind.NETWORK_ACL_RETURN_IN, acl.id(), allow, e, FlowHop.Wording.RETURN_FROM_DESTINATION);
            Entry compiled = new Entry(protocol, from, to, c.base(), Ipv4Cidr.mask(c.prefixLength()), e, forward, reply);
            (e.egress() ? out : in).add(compiled);
        }
        return new NetworkAclCheck(acl.id(), in.toArray(new Entry[0]), out.toArray(new Entry[0]));
    }

    /** The entry that decides an outbound packet to {@code peer}; null only for an ACL without a catch-all. */
    public NetworkAclEntry outbound(int protocol, int port, long peer) {
        Entry e = first(outbound, protocol, port, peer);
        return e == null ? null : e.entry;
    }

    /** The entry that decides an inbound packet from {@code peer}. */
    public NetworkAclEntry inbound(int protocol, int port, long peer) {
        Entry e = first(inbound, protocol, port, peer);
        return e == null ? null : e.entry;
    }

    /**
     * The hop the deciding entry records for an outbound packet: of the flow itself (to the destination)
     * or of its return traffic (to the source); null when no entry matches.
     */
    FlowHop outboundHop(int protocol, int port, long peer, boolean returnTraffic) {
        Entry e = first(outbound, protocol, port, peer);
        return e == null ? null : returnTraffic ? e.reply : e.forward;
    }

    /** As {@link #outboundHop}, inbound: the flow from the source, or its return traffic from the destination. */
    FlowHop inboundHop(int protocol, int port, long peer, boolean returnTraffic) {
        Entry e = first(inbound, protocol, port, peer);
        return e == null ? null : returnTraffic ? e.reply : e.forward;
    }

    private static Entry first(Entry[] entries, int protocol, int port, long peer) {
        for (Entry e : entries) if (e.matches(protocol, port, peer)) return e;
        return null;
    }
}
