package io.localvpc.core.dns;

import io.localvpc.core.catalog.AwsHostNames;
import io.localvpc.core.catalog.EndpointServiceCatalog;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
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
 * private DNS names of this VPC's interface endpoints; endpoint regional and zonal names; Network Load Balancer
 * names ({@link LoadBalancerNames}); instance host
 * names ({@code ip-10-0-1-5.ec2.internal}); AWS services' public names; nothing else.
 */
public final class VpcDns {
    private VpcDns() {
    }

    public static DnsAnswer resolve(View view, String vpcId, String rawName, ZoneFaults faults) {
        EndpointNames names = EndpointNames.of(view);
        Vpc vpc = names.vpc(vpcId);
        if (vpc == null) return new DnsAnswer.Refused("VPC " + vpcId + " does not exist");
        if (!vpc.enableDnsSupport()) {
            return new DnsAnswer.Refused("VPC " + vpcId + " has enableDnsSupport off, so its resolver answers nothing");
        }
        String name = normalise(rawName);
        List<EndpointNames.Entry> entries = names.lookup(name);
        for (int i = 0; i < entries.size(); i++) { // indexed: the path engine resolves on every decision
            EndpointNames.Entry entry = entries.get(i);
            VpcEndpoint e = entry.endpoint();
            if (entry.isPrivate() && (!entry.iface().privateDnsEnabled() || !e.vpcId().equals(vpcId))) continue;
            if (e.state(view.now()) != VpcEndpoint.State.AVAILABLE) continue;
            return endpointAddresses(entry, faults);
        }
        DnsAnswer loadBalancer = LoadBalancerNames.answer(view, vpcId, name, faults);
        if (loadBalancer != null) return loadBalancer;
        DnsAnswer resourceName = resourceNameAddress(view, vpcId, name);
        if (resourceName != null) return resourceName;
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
        DnsAnswer.Addresses service = ServiceAddresses.answerFor(view.scope().region(), name);
        if (service != null) return explained(names, vpcId, view.scope().region(), name, service);
        return new DnsAnswer.NoSuchName(name + " is neither an AWS service name localvpc knows in " + view.scope().region()
                + " nor a name in " + vpcId + " (localvpc never resolves names outside the emulated world)");
    }

    /**
     * A public name's answer, saying what it is when that matters: a name other than the service's regional one
     * ("queue.amazonaws.com is SQS's legacy public name"), and an interface endpoint of the service in this VPC whose
     * private DNS does not cover it ("the private DNS of vpce-… covers sqs.us-east-1.amazonaws.com"), so a refusal on
     * the way to the public address explains the trap. The plain case is the answer made once per service.
     */
    private static DnsAnswer.Addresses explained(EndpointNames names, String vpcId, String region, String name, DnsAnswer.Addresses plain) {
        ServiceAddresses.PublicName p = ServiceAddresses.publicName(region, name);
        if (p == null) return plain;
        List<VpcEndpoint> endpoints = names.interfaceEndpoints(vpcId, p.host().serviceName());
        if (p.kind() == AwsHostNames.Kind.REGIONAL && endpoints.isEmpty()) return plain;
        StringBuilder why = new StringBuilder(p.kind() == AwsHostNames.Kind.REGIONAL ? plain.source() : p.describe());
        for (VpcEndpoint e : endpoints) {
            List<String> covered = EndpointServiceCatalog.find(region, e.serviceName()).map(s -> s.privateDnsNames("Interface")).orElse(List.of());
            boolean privateDns = e.variant() instanceof VpcEndpoint.Interface i && i.privateDnsEnabled();
            if (privateDns && !covered.isEmpty()) why.append("; the private DNS of ").append(e.id()).append(" covers ").append(String.join(", ", covered));
            else why.append("; ").append(e.id()).append(" has private DNS off, so only its vpce names reach it");
        }
        return new DnsAnswer.Addresses(plain.addresses(), why.toString(), false);
    }

    /** The endpoint's addresses in healthy zones; none left is SERVFAIL, naming the zones that are down. */
    private static DnsAnswer endpointAddresses(EndpointNames.Entry entry, ZoneFaults faults) {
        List<EndpointNames.Address> addresses = entry.addresses();
        boolean anyDown = false;
        for (int i = 0; i < addresses.size() && !anyDown; i++) anyDown = faults.isDown(addresses.get(i).zoneId());
        if (!anyDown && entry.allHealthy() != null) return entry.allHealthy(); // the usual answer, made once per version
        List<String> ips = new ArrayList<>(addresses.size());
        List<String> downZones = new ArrayList<>();
        for (EndpointNames.Address a : addresses) {
            if (faults.isDown(a.zoneId())) downZones.add(a.zoneId());
            else ips.add(a.ip());
        }
        if (ips.isEmpty()) {
            return new DnsAnswer.Unavailable(entry.source() + ": no interface in a healthy zone"
                    + (downZones.isEmpty() ? "" : " (down: " + String.join(", ", downZones) + ")"));
        }
        return new DnsAnswer.Addresses(ips, entry.source(), true);
    }

    /**
     * An instance's resource name ({@code i-0abc….ec2.internal}): answered with its primary private address when
     * its subnet has EnableResourceNameDnsARecordOnLaunch on (localvpc reads the subnet's current setting,
     * where AWS fixes it at launch); null when the name is not of that form.
     */
    private static DnsAnswer resourceNameAddress(View view, String vpcId, String name) {
        if (!name.startsWith("i-")) return null;
        String region = view.scope().region();
        String suffix = hostSuffix(region);
        if (!name.endsWith(suffix)) return null;
        String instanceId = name.substring(0, name.length() - suffix.length());
        Instance i = view.find(Instance.class, instanceId).filter(x -> x.vpcId().equals(vpcId)).orElse(null);
        if (i == null) return new DnsAnswer.NoSuchName(name + " names no instance in " + vpcId);
        boolean enabled = view.find(Subnet.class, i.subnetId()).map(Subnet::resourceNameDnsARecordOnLaunch).orElse(false);
        if (!enabled) {
            return new DnsAnswer.NoSuchName(name + ": subnet " + i.subnetId() + " has EnableResourceNameDnsARecordOnLaunch off, so its instances' resource names have no A record");
        }
        return new DnsAnswer.Addresses(List.of(i.privateIpAddress()), "resource name of " + i.id(), true);
    }

    private static String hostSuffix(String region) {
        return region.equals("us-east-1") ? ".ec2.internal" : "." + region + ".compute.internal";
    }

    /**
     * The address in an EC2 private host name: {@code ip-10-0-1-5.ec2.internal} in us-east-1,
     * {@code ip-10-0-1-5.<region>.compute.internal} elsewhere.
     */
    static Optional<String> hostAddress(String region, String name) {
        if (!name.startsWith("ip-")) return Optional.empty(); // before building the suffix: most names are not host names
        String suffix = hostSuffix(region);
        if (!name.endsWith(suffix)) return Optional.empty();
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
