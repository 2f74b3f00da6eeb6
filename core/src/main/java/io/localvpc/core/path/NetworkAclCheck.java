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
    }

    private final String aclId;
    private final Direction inbound;
    private final Direction outbound;

    /**
     * One direction's entries in rule order, with their match fields side by side in flat arrays: every
     * decision scans them several times, and this keeps the scan to a few sequential reads per entry.
     */
    private static final class Direction {
        final Entry[] entries;
        final int[] protocols;
        final int[] fromPorts;
        final int[] toPorts;
        final long[] bases;
        final long[] masks;

        Direction(List<Entry> list) {
            entries = list.toArray(new Entry[0]);
            int n = entries.length;
            protocols = new int[n];
            fromPorts = new int[n];
            toPorts = new int[n];
            bases = new long[n];
            masks = new long[n];
            for (int i = 0; i < n; i++) {
                Entry e = entries[i];
                protocols[i] = e.protocol();
                // ports bound only tcp and udp entries; for the others any port matches
                fromPorts[i] = Protocols.hasPorts(e.protocol()) ? e.fromPort() : Integer.MIN_VALUE;
                toPorts[i] = Protocols.hasPorts(e.protocol()) ? e.toPort() : Integer.MAX_VALUE;
                bases[i] = e.base();
                masks[i] = e.mask();
            }
        }

        /** The first entry matching the packet (its protocol or all, its port range for tcp and udp, its CIDR), or null. */
        Entry first(int protocol, int port, long peer) {
            for (int i = 0; i < entries.length; i++) {
                int p = protocols[i];
                if ((p == Protocols.ALL || p == protocol) && port >= fromPorts[i] && port <= toPorts[i] && (peer & masks[i]) == bases[i]) {
                    return entries[i];
                }
            }
            return null;
        }
    }

    private NetworkAclCheck(String aclId, List<Entry> inbound, List<Entry> outbound) {
        this.aclId = aclId;
        this.inbound = new Direction(inbound);
        this.outbound = new Direction(outbound);
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
        return new NetworkAclCheck(acl.id(), in, out);
    }

    /** The entry that decides an outbound packet to {@code peer}; null only for an ACL without a catch-all. */
    public NetworkAclEntry outbound(int protocol, int port, long peer) {
        Entry e = outbound.first(protocol, port, peer);
        return e == null ? null : e.entry;
    }

    /** The entry that decides an inbound packet from {@code peer}. */
    public NetworkAclEntry inbound(int protocol, int port, long peer) {
        Entry e = inbound.first(protocol, port, peer);
        return e == null ? null : e.entry;
    }

    /**
     * The hop the deciding entry records for an outbound packet: of the flow itself (to the destination)
     * or of its return traffic (to the source); null when no entry matches.
     */
    FlowHop outboundHop(int protocol, int port, long peer, boolean returnTraffic) {
        Entry e = outbound.first(protocol, port, peer);
        return e == null ? null : returnTraffic ? e.reply : e.forward;
    }

    /** As {@link #outboundHop}, inbound: the flow from the source, or its return traffic from the destination. */
    FlowHop inboundHop(int protocol, int port, long peer, boolean returnTraffic) {
        Entry e = inbound.first(protocol, port, peer);
        return e == null ? null : returnTraffic ? e.reply : e.forward;
    }
}
