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
    private record Entry(int protocol, int fromPort, int toPort, long base, long mask, boolean allow, NetworkAclEntry entry) {
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
            Entry compiled = new Entry(protocol, from, to, c.base(), Ipv4Cidr.mask(c.prefixLength()), "allow".equals(e.ruleAction()), e);
            (e.egress() ? out : in).add(compiled);
        }
        return new NetworkAclCheck(acl.id(), in.toArray(new Entry[0]), out.toArray(new Entry[0]));
    }

    /** The entry that decides an outbound packet to {@code peer}; null only for an ACL without a catch-all. */
    public NetworkAclEntry outbound(int protocol, int port, long peer) {
        return first(outbound, protocol, port, peer);
    }

    /** The entry that decides an inbound packet from {@code peer}. */
    public NetworkAclEntry inbound(int protocol, int port, long peer) {
        return first(inbound, protocol, port, peer);
    }

    private static NetworkAclEntry first(Entry[] entries, int protocol, int port, long peer) {
        for (Entry e : entries) if (e.matches(protocol, port, peer)) return e.entry;
        return null;
    }
}
