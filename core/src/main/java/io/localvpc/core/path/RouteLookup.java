package io.localvpc.core.path;

import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.ops.PrefixListOps;
import io.localvpc.core.ops.RouteStates;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A route table compiled for lookups: AWS's longest-prefix match, with prefix-list routes expanded to
 * their CIDRs. For equally long prefixes the local route wins, then a CIDR route, then a prefix-list route.
 * IPv6 routes are not consulted (flows are IPv4).
 */
public final class RouteLookup {
    /**
     * One destination CIDR of a route, with the hop a match records (worded with the flow's destination),
     * and whether the route carries traffic when that is settled by the state version alone (null otherwise).
     */
    record Entry(long base, long mask, int prefixLength, int rank, Route route, FlowHop matched, Boolean settledActive) {
    }

    private final RouteTable table;
    private final Entry[] entries;
    /** The entries' bases and masks side by side, so a lookup scans two flat arrays rather than chasing each entry. */
    private final long[] bases;
    private final long[] masks;

    private RouteLookup(RouteTable table, Entry[] entries) {
        this.table = table;
        this.entries = entries;
        this.bases = new long[entries.length];
        this.masks = new long[entries.length];
        for (int i = 0; i < entries.length; i++) {
            bases[i] = entries[i].base();
            masks[i] = entries[i].mask();
        }
    }

    public static RouteLookup compile(View view, RouteTable table) {
        List<Entry> list = new ArrayList<>();
        for (Route r : table.routes()) {
            if (r.destinationCidrBlock() != null) {
                Ipv4Cidr c = Ipv4Cidr.parse(r.destinationCidrBlock()).orElse(null);
                if (c != null) list.add(entry(view, table, c, r.isLocal() ? 0 : 1, r));
            } else if (r.destinationPrefixListId() != null) {
                for (String cidr : PrefixListOps.cidrsOf(view, r.destinationPrefixListId()).orElse(List.of())) {
                    Ipv4Cidr c = Ipv4Cidr.parse(cidr).orElse(null);
                    if (c != null) list.add(entry(view, table, c, 2, r));
                }
            }
        }
        list.sort(Comparator.comparingInt(Entry::prefixLength).reversed().thenComparingInt(Entry::rank));
        return new RouteLookup(table, list.toArray(new Entry[0]));
    }

    private static Entry entry(View view, RouteTable table, Ipv4Cidr c, int rank, Route r) {
        // The local route and routes to gateways (internet, egress-only, VPC endpoint) are active or not by the
        // state alone; a NAT gateway or an instance also changes with time, so those are asked per decision.
        boolean byStateAlone = r.isLocal() || r.gatewayId() != null
                || (r.natGatewayId() == null && r.networkInterfaceId() == null && r.instanceId() == null);
        return new Entry(c.base(), Ipv4Cidr.mask(c.prefixLength()), c.prefixLength(), rank, r,
                new FlowHop(Hop.Kind.ROUTE, table.id(), true, r, FlowHop.Wording.LONGEST_PREFIX_MATCH),
                byStateAlone ? RouteStates.isActive(view, table, r) : null);
    }

    public RouteTable table() {
        return table;
    }

    /** The route that carries traffic to {@code address}, or null when no route matches. */
    public Route lookup(long address) {
        Entry e = match(address);
        return e == null ? null : e.route;
    }

    /** Whether the entry's route can carry traffic as {@code view} sees it ({@link RouteStates#isActive}). */
    boolean isActive(View view, Entry e) {
        return e.settledActive != null ? e.settledActive : RouteStates.isActive(view, table, e.route);
    }

    /** The entry of the route that carries traffic to {@code address}, or null. */
    Entry match(long address) {
        for (int i = 0; i < bases.length; i++) {
            if ((address & masks[i]) == bases[i]) return entries[i];
        }
        return null;
    }
}
