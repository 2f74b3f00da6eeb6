package io.localvpc.core.dns;

import io.localvpc.core.catalog.Region;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.catalog.Zone;
import io.localvpc.core.model.DnsEntry;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every DNS name of every active interface endpoint in a scope, indexed by name (and by suffix for
 * wildcard names such as {@code *.s3.us-east-1.amazonaws.com}), built once per version of the scope.
 * What is time-dependent (an endpoint still pending) is checked by the resolver at query time.
 */
final class EndpointNames {
    /** One name of one endpoint: private (in its private hosted zone) or a vpce name, zonal or regional. */
    record Entry(VpcEndpoint endpoint, VpcEndpoint.Interface iface, boolean isPrivate, String zoneName, List<Address> addresses, String source) {
    }

    /** An address a name can answer with: an endpoint interface's IP and the zone it is in. */
    record Address(String ip, String zoneName, String zoneId) {
    }

    private static final Map<Scope, EndpointNames> CACHE = new ConcurrentHashMap<>();

    private final Object version;
    private final Map<String, List<Entry>> exact = new HashMap<>();
    private final Map<String, List<Entry>> wildcardSuffix = new HashMap<>();

    private EndpointNames(View view) {
        this.version = view.version();
        Region region = Regions.find(view.scope().region()).orElse(null);
        for (VpcEndpoint e : view.all(VpcEndpoint.class)) {
            if (!(e.variant() instanceof VpcEndpoint.Interface iface) || !e.isActive()) continue;
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
    }

    static EndpointNames of(View view) {
        EndpointNames n = CACHE.get(view.scope());
        if (n == null || n.version != view.version()) {
            n = new EndpointNames(view);
            CACHE.put(view.scope(), n);
        }
        return n;
    }

    /** The entries a (normalised) name matches: exact ones first, then wildcards from the closest suffix out. */
    List<Entry> lookup(String name) {
        List<Entry> found = exact.get(name);
        List<Entry> out = found == null ? List.of() : found;
        if (wildcardSuffix.isEmpty()) return out;
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            List<Entry> w = wildcardSuffix.get(name.substring(dot));
            if (w != null) {
                List<Entry> merged = new ArrayList<>(out);
                merged.addAll(w);
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
