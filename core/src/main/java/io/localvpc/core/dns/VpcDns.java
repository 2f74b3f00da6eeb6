package io.localvpc.core.dns;

import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.path.ZoneFaults;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Amazon-provided resolver of one VPC: the single place that decides what a name resolves to inside
 * a VPC. The DNS server answers with it and the path engine resolves destinations with it. In order:
 * private DNS names of this VPC's interface endpoints; endpoint regional and zonal names; instance host
 * names ({@code ip-10-0-1-5.ec2.internal}); AWS services' public names; nothing else.
 */
public final class VpcDns {
    private VpcDns() {
    }

    public static DnsAnswer resolve(View view, String vpcId, String rawName, ZoneFaults faults) {
        Optional<Vpc> vpc = view.find(Vpc.class, vpcId);
        if (vpc.isEmpty()) return new DnsAnswer.Refused("VPC " + vpcId + " does not exist");
        if (!vpc.get().enableDnsSupport()) {
            return new DnsAnswer.Refused("VPC " + vpcId + " has enableDnsSupport off, so its resolver answers nothing");
        }
        String name = normalise(rawName);
        for (EndpointNames.Entry entry : EndpointNames.of(view).lookup(name)) {
            VpcEndpoint e = entry.endpoint();
            if (entry.isPrivate() && (!entry.iface().privateDnsEnabled() || !e.vpcId().equals(vpcId))) continue;
            if (!"available".equals(e.state(view.now()))) continue;
            return endpointAddresses(entry.addresses(), faults, entry.source());
        }
        Optional<String> host = hostAddress(view.scope().region(), name);
        if (host.isPresent()) {
            long ip = Ipv4.parse(host.get());
            for (NetworkInterface eni : view.all(NetworkInterface.class)) {
                if (eni.vpcId().equals(vpcId) && eni.privateIps().contains(host.get()) && ip >= 0) {
                    return new DnsAnswer.Addresses(List.of(host.get()), "private host name of " + eni.id(), true);
                }
            }
            return new DnsAnswer.NoSuchName(name + " names no network interface in " + vpcId);
        }
        Optional<ServiceAddresses.ServiceHost> service = ServiceAddresses.forName(view.scope().region(), name);
        if (service.isPresent()) {
            return new DnsAnswer.Addresses(service.get().addresses(), service.get().description(), false);
        }
        return new DnsAnswer.NoSuchName(name + " is neither an AWS service name localvpc knows in " + view.scope().region()
                + " nor a name in " + vpcId + " (localvpc never resolves names outside the emulated world)");
    }

    /** The interfaces of an endpoint that are in healthy zones (only {@code zoneName}'s when given). */
    /** The endpoint's addresses in healthy zones; none left is SERVFAIL, naming the zones that are down. */
    private static DnsAnswer endpointAddresses(List<EndpointNames.Address> addresses, ZoneFaults faults, String source) {
        List<String> ips = new ArrayList<>(addresses.size());
        List<String> downZones = new ArrayList<>();
        for (EndpointNames.Address a : addresses) {
            if (faults.isDown(a.zoneId())) downZones.add(a.zoneId());
            else ips.add(a.ip());
        }
        if (ips.isEmpty()) {
            return new DnsAnswer.Unavailable(source + ": no interface in a healthy zone" + (downZones.isEmpty() ? "" : " (down: " + String.join(", ", downZones) + ")"));
        }
        return new DnsAnswer.Addresses(ips, source, true);
    }

    /**
     * The address in an EC2 private host name: {@code ip-10-0-1-5.ec2.internal} in us-east-1,
     * {@code ip-10-0-1-5.<region>.compute.internal} elsewhere.
     */
    static Optional<String> hostAddress(String region, String name) {
        String suffix = region.equals("us-east-1") ? ".ec2.internal" : "." + region + ".compute.internal";
        if (!name.startsWith("ip-") || !name.endsWith(suffix)) return Optional.empty();
        String dotted = name.substring(3, name.length() - suffix.length()).replace('-', '.');
        return Ipv4.isValid(dotted) ? Optional.of(dotted) : Optional.empty();
    }

    static String normalise(String name) {
        String n = name;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if ((c >= 'A' && c <= 'Z') || c == ' ') {
                n = n.trim().toLowerCase(Locale.ROOT);
                break;
            }
        }
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
