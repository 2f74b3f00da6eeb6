package io.localvpc.core.dns;

import io.localvpc.core.catalog.Region;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.catalog.Zone;
import io.localvpc.core.model.DnsEntry;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every DNS name of every active interface endpoint in a scope, indexed by name (and by suffix for
 * wildcard names such as {@code *.s3.us-east-1.amazonaws.com}), and the scope's VPCs by id (whose DNS
 * settings say whether their resolvers answer at all), built once per version of the scope. What is
 * time-dependent (an endpoint still pending) or a fault (a zone down) is checked by the resolver at query time.
 */
final class EndpointNames {
    /** One name of one endpoint: private (in its private hosted zone) or a vpce name, zonal or regional. */
    record Entry(VpcEndpoint endpoint, VpcEndpoint.Interface iface, boolean isPrivate, String zoneName, List<Address> addresses, String source,
                 DnsAnswer.Addresses allHealthy) {
        Entry(VpcEndpoint endpoint, VpcEndpoint.Interface iface, boolean isPrivate, String zoneName, List<Address> addresses, String source) {
            this(endpoint, iface, isPrivate, zoneName, addresses, source, addresses.isEmpty() ? null
                    : new DnsAnswer.Addresses(addresses.stream().map(Address::ip).toList(), source, true));
        }
    }

    /** Wildcard names' entries under their suffix ({@code .s3.us-east-1.amazonaws.com}), longest suffix first. */
    private record Wildcard(String suffix, List<Entry> entries) {
    }

    /** An address a name can answer with: an endpoint interface's IP and the zone it is in. */
    record Address(String ip, String zoneName, String zoneId) {
    }

    private static final Map<Scope, EndpointNames> CACHE = new ConcurrentHashMap<>();

    private final Object version;
    private final Map<String, List<Entry>> exact = new HashMap<>();
    private final List<Wildcard> wildcards;
    private final Map<String, Vpc> vpcs = new HashMap<>();
    /** Active interface endpoints by service name and VPC, to say which one's private DNS a public name is not under. */
    private final Map<String, Map<String, List<VpcEndpoint>>> interfaceEndpoints = new HashMap<>();

    private EndpointNames(View view) {
        this.version = view.version();
        Region region = Regions.find(view.scope().region()).orElse(null);
        Map<String, List<Entry>> wildcardSuffix = new HashMap<>();
        for (VpcEndpoint e : view.all(VpcEndpoint.class)) {
            if (!(e.variant() instanceof VpcEndpoint.Interface iface) || !e.isActive()) continue;
            interfaceEndpoints.computeIfAbsent(e.serviceName(), k -> new HashMap<>()).computeIfAbsent(e.vpcId(), k -> new ArrayList<>()).add(e);
            List<Address> addresses = new ArrayList<>();
            for (String eniId : iface.networkInterfaceIds()) {
                view.find(NetworkInterface.class, eniId).ifPresent(eni -> addresses.add(new Address(eni.privateIpAddress(),
                        eni.availabilityZone(), view.find(Subnet.class, eni.subnetId()).map(Subnet::availabilityZoneId).orElse(null))));
            }
            for (DnsEntry d : iface.dnsEntries()) {
                boolean isPrivate = d.hostedZoneId().equals(iface.privateHostedZoneId());
                String name = d.dnsName().toLowerCase(Locale.ROOT);
                String zone = isPrivate ? null : zoneOf(name, region);
                List<Address> answer = zone == null ? List.copyOf(addresses) : addresses.stream().filter(a -> zone.equals(a.zoneName())).toList();
                String source = (isPrivate ? "private DNS name of " : zone == null ? "regional name of " : "zonal name of ") + e.id();
                Entry entry = new Entry(e, iface, isPrivate, zone, answer, source);
                if (name.startsWith("*.")) wildcardSuffix.computeIfAbsent(name.substring(1), k -> new ArrayList<>()).add(entry);
                else exact.computeIfAbsent(name, k -> new ArrayList<>()).add(entry);
            }
        }
        List<Wildcard> w = new ArrayList<>();
        wildcardSuffix.forEach((suffix, entries) -> w.add(new Wildcard(suffix, List.copyOf(entries))));
        w.sort(Comparator.comparingInt((Wildcard x) -> x.suffix().length()).reversed());
        wildcards = List.copyOf(w);
        for (Vpc vpc : view.all(Vpc.class)) vpcs.put(vpc.id(), vpc);
    }

    static EndpointNames of(View view) {
        EndpointNames n = CACHE.get(view.scope());
        if (n == null || n.version != view.version()) {
            n = new EndpointNames(view);
            CACHE.put(view.scope(), n);
        }
        return n;
    }

    /** The VPC of this version, or null. */
    Vpc vpc(String id) {
        return vpcs.get(id);
    }

    /** The active interface endpoints of a service in a VPC. */
    List<VpcEndpoint> interfaceEndpoints(String vpcId, String serviceName) {
        Map<String, List<VpcEndpoint>> byVpc = interfaceEndpoints.get(serviceName); // no string built: resolved on every decision
        return byVpc == null ? List.of() : byVpc.getOrDefault(vpcId, List.of());
    }

    /** The entries a (normalised) name matches: exact ones first, then wildcards from the closest suffix out. */
    List<Entry> lookup(String name) {
        List<Entry> found = exact.get(name);
        List<Entry> out = found == null ? List.of() : found;
        // A suffix starts with a dot, so it matches only at a label boundary, as looking up each of the
        // name's suffixes would, without cutting the name into substrings; longest first is closest first.
        for (int i = 0; i < wildcards.size(); i++) {
            Wildcard w = wildcards.get(i);
            if (name.endsWith(w.suffix())) {
                List<Entry> merged = new ArrayList<>(out);
                merged.addAll(w.entries());
                out = merged;
            }
        }
        return out;
    }

    /** For a zonal vpce name ({@code vpce-…-us-east-1a.sqs…}), its zone name; null for a regional one. */
    private static String zoneOf(String dnsName, Region region) {
        if (region == null) return null;
        String first = dnsName.startsWith("*.") ? dnsName.substring(2) : dnsName;
        first = first.substring(0, first.indexOf('.'));
        for (Zone z : region.zones()) {
            if (first.endsWith("-" + z.name())) return z.name();
        }
        return null;
    }
}
