package io.localvpc.core.path;

import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.ops.PrefixListOps;
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
    /** One destination CIDR of a route, with the hop a match records (worded with the flow's destination). */
    record Entry(long base, long mask, int prefixLength, int rank, Route route, FlowHop matched) {
    }

    private final RouteTable table;
    private final Entry[] entries;

    private RouteLookup(RouteTable table, Entry[] entries) {
        this.table = table;
        this.entries = entries;
    }

    public static RouteLookup compile(View view, RouteTable table) {
        List<Entry> list = new ArrayList<>();
        for (Route r : table.routes()) {
            if (r.destinationCidrBlock() != null) {
                Ipv4Cidr c = Ipv4Cidr.parse(r.destinationCidrBlock()).orElse(null);
                if (c != null) list.add(entry(table, c, r.isLocal() ? 0 : 1, r));
            } else if (r.destinationPrefixListId() != null) {
                for (String cidr : PrefixListOps.cidrsOf(view, r.destinationPrefixListId()).orElse(List.of())) {
                    Ipv4Cidr c = Ipv4Cidr.parse(cidr).orElse(null);
                    if (c != null) list.add(entry(table, c, 2, r));
                }
            }
        }
        list.sort(Comparator.comparingInt(Entry::prefixLength).reversed().thenComparingInt(Entry::rank));
        return new RouteLookup(table, list.toArray(new Entry[0]));
    }

    private static Entry entry(RouteTable table, Ipv4Cidr c, int rank, Route r) {
        return new Entry(c.base(), Ipv4Cidr.mask(c.prefixLength()), c.prefixLength(), rank, r,
                new FlowHop(Hop.Kind.ROUTE, table.id(), true, r, FlowHop.Wording.LONGEST_PREFIX_MATCH));
    }

    public RouteTable table() {
        return table;
    }

    /** The route that carries traffic to {@code address}, or null when no route matches. */
    public Route lookup(long address) {
        Entry e = match(address);
        return e == null ? null : e.route;
    }

    /** The entry of the route that carries traffic to {@code address}, or null. */
    Entry match(long address) {
        for (Entry e : entries) {
            if ((address & e.mask) == e.base) return e;
        }
        return null;
    }
}
