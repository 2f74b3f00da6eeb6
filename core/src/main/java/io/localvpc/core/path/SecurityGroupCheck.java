package io.localvpc.core.path;

import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.ops.PrefixListOps;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A security group compiled for checks. Security groups are stateful and allow-only: a flow passes in
 * one direction if any rule of any of the interface's groups allows it, and its return traffic always
 * passes. Peers: an IPv4 CIDR, a prefix list (its CIDRs), or another group (the peer interface carries it).
 */
public final class SecurityGroupCheck {
    /** {@code allowed} is the hop a flow this rule allows records. */
    private record Rule(int protocol, int fromPort, int toPort, long[] bases, long[] masks, String groupId, SecurityGroupRule rule,
                        FlowHop allowed) {
        boolean coversTraffic(int proto, int port) {
            if (protocol != Protocols.ALL && protocol != proto) return false;
            return !Protocols.hasPorts(protocol) || (port >= fromPort && port <= toPort);
        }

        boolean coversPeer(long peer, Collection<String> peerGroups) {
            if (groupId != null) return peerGroups.contains(groupId);
            for (int i = 0; i < bases.length; i++) if ((peer & masks[i]) == bases[i]) return true;
            return false;
        }
    }

    private final String groupId;
    private final Rule[] ingress;
    private final Rule[] egress;
    /**
     * Per direction, protocol and port, the rules whose traffic part matches, worked out once per version:
     * a flow then checks only those rules' peers (most groups have few rules for any one port). A small
     * direct-mapped memo rather than a map: no boxed key per lookup, and a port scan cannot grow it.
     * Entries are immutable, so threads may race to fill a slot; the loser's work is merely repeated.
     */
    private final Candidates[] memo = new Candidates[MEMO_SLOTS];
    private static final int MEMO_SLOTS = 64;

    private record Candidates(boolean outbound, int protocol, int port, Rule[] rules) {
        boolean isFor(boolean outbound, int protocol, int port) {
            return this.port == port && this.protocol == protocol && this.outbound == outbound;
        }
    }

    private SecurityGroupCheck(String groupId, Rule[] ingress, Rule[] egress) {
        this.groupId = groupId;
        this.ingress = ingress;
        this.egress = egress;
    }

    public String groupId() {
        return groupId;
    }

    public static SecurityGroupCheck compile(View view, SecurityGroup group) {
        List<Rule> in = new ArrayList<>();
        List<Rule> out = new ArrayList<>();
        for (SecurityGroupRule r : group.rules()) {
            Rule compiled = compileRule(view, group.id(), r);
            if (compiled != null) (r.egress() ? out : in).add(compiled);
        }
        return new SecurityGroupCheck(group.id(), in.toArray(new Rule[0]), out.toArray(new Rule[0]));
    }

    private static Rule compileRule(View view, String ownGroupId, SecurityGroupRule r) {
        int protocol = Protocols.number(r.ipProtocol());
        List<String> cidrs;
        if (r.cidrIpv4() != null) cidrs = List.of(r.cidrIpv4());
        else if (r.prefixListId() != null) cidrs = PrefixListOps.cidrsOf(view, r.prefixListId()).orElse(List.of());
        else if (r.referencedGroupId() != null) cidrs = List.of();
        else return null; // IPv6 peers never match an IPv4 flow
        long[] bases = new long[cidrs.size()];
        long[] masks = new long[cidrs.size()];
        for (int i = 0; i < cidrs.size(); i++) {
            Ipv4Cidr c = Ipv4Cidr.parse(cidrs.get(i)).orElseThrow();
            bases[i] = c.base();
            masks[i] = Ipv4Cidr.mask(c.prefixLength());
        }
        FlowHop allowed = r.egress()
                ? new FlowHop(Hop.Kind.SECURITY_GROUP_EGRESS, ownGroupId, true, r, FlowHop.Wording.EGRESS_ALLOWED)
                : new FlowHop(Hop.Kind.SECURITY_GROUP_INGRESS, ownGroupId, true, r, FlowHop.Wording.INGRESS_ALLOWED);
        return new Rule(protocol, r.fromPort(), r.toPort(), bases, masks, r.referencedGroupId(), r, allowed);
    }

    /** The first egress rule allowing the flow to {@code peer}, or null. */
    public SecurityGroupRule allowsEgress(int protocol, int port, long peer, Collection<String> peerGroups) {
        Rule r = first(candidates(true, protocol, port), peer, peerGroups);
        return r == null ? null : r.rule;
    }

    /** The first ingress rule allowing the flow from {@code peer}, or null. */
    public SecurityGroupRule allowsIngress(int protocol, int port, long peer, Collection<String> peerGroups) {
        Rule r = first(candidates(false, protocol, port), peer, peerGroups);
        return r == null ? null : r.rule;
    }

    /** As {@link #allowsEgress}/{@link #allowsIngress}, but the hop the allowing rule records, or null. */
    FlowHop allowingHop(boolean outbound, int protocol, int port, long peer, Collection<String> peerGroups) {
        Rule r = first(candidates(outbound, protocol, port), peer, peerGroups);
        return r == null ? null : r.allowed;
    }

    private Rule[] candidates(boolean outbound, int protocol, int port) {
        int slot = (port * 31 + protocol * 2 + (outbound ? 1 : 0)) & (MEMO_SLOTS - 1);
        Candidates c = memo[slot];
        if (c != null && c.isFor(outbound, protocol, port)) return c.rules;
        List<Rule> matching = new ArrayList<>();
        for (Rule r : outbound ? egress : ingress) if (r.coversTraffic(protocol, port)) matching.add(r);
        Rule[] found = matching.toArray(new Rule[0]);
        memo[slot] = new Candidates(outbound, protocol, port, found);
        return found;
    }

    private static Rule first(Rule[] rules, long peer, Collection<String> peerGroups) {
        for (Rule r : rules) if (r.coversPeer(peer, peerGroups)) return r;
        return null;
    }
}
