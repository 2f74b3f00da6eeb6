package io.localvpc.core.dns;

import io.localvpc.core.catalog.AwsHostNames;
import io.localvpc.core.catalog.AwsManagedPrefixList;
import io.localvpc.core.catalog.EndpointService;
import io.localvpc.core.catalog.EndpointServiceCatalog;
import io.localvpc.core.catalog.ManagedPrefixLists;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.net.Ipv4Cidr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public addresses of AWS services as seen from inside the emulated world. A service's public name
 * ({@code s3.us-east-1.amazonaws.com}, {@code bucket.s3.us-east-1.amazonaws.com}, {@code sqs.…}) resolves
 * to stable addresses; S3 and DynamoDB addresses lie inside their real AWS-managed prefix lists, so a
 * gateway endpoint's prefix-list route matches them exactly as on AWS. Other services get addresses in
 * a synthetic block, 99.77.0.0/16 (each service its own /26, in catalog order, then the services of the SDK data that
 * are not endpoint services), which no VPC route list names. Every public name of the SDK data is known
 * ({@link AwsHostNames}): legacy, global, FIPS and dual-stack names resolve to their service's addresses.
 */
public final class ServiceAddresses {
    /** Where services without published prefixes are placed. Not an AWS fact: a localvpc convention. */
    public static final Ipv4Cidr SYNTHETIC_BLOCK = Ipv4Cidr.parse("99.77.0.0/16").orElseThrow();
    private static final int ADDRESSES_PER_SERVICE = 2;

    /** A service's public face in a region: its catalog name, the host names it answers, its addresses. */
    public record ServiceHost(String serviceName, String region, List<String> addresses, String description) {
        ServiceHost(String serviceName, String region, List<String> addresses) {
            this(serviceName, region, addresses, "public name of " + serviceName);
        }
    }

    /** A public name with what the SDK data says of it: which service's, and what kind (regional, legacy…). */
    public record PublicName(String name, ServiceHost host, AwsHostNames.Kind kind, String label) {
        /** "queue.amazonaws.com is SQS's legacy public name (com.amazonaws.us-east-1.sqs)". */
        public String describe() {
            return name + " is " + label + "'s " + kind.words() + " (" + host.serviceName() + ")";
        }
    }

    private static final Map<String, RegionTable> BY_REGION = new ConcurrentHashMap<>();

    private ServiceAddresses() {
    }

    /** The service a public host name belongs to, with its addresses; empty for names that are not AWS's. */
    public static Optional<ServiceHost> forName(String region, String host) {
        return table(region).forName(VpcDns.normalise(host));
    }

    /** What the SDK data says of a (normalised) public name; null for names that are not AWS's. */
    static PublicName publicName(String region, String normalisedHost) {
        return table(region).publicName(normalisedHost);
    }

    /** What a VPC's resolver answers for a service's (normalised) public name, made once per service; null for other names. */
    static DnsAnswer.Addresses answerFor(String region, String normalisedHost) {
        RegionTable t = table(region);
        ServiceHost h = t.find(normalisedHost);
        return h == null ? null : t.answers.get(h);
    }

    /** The service at a public address (reverse of {@link #forName}); empty for an address no service uses. */
    public static Optional<ServiceHost> atAddress(String region, long address) {
        return Optional.ofNullable(table(region).byAddress.get(address));
    }

    private static RegionTable table(String region) {
        RegionTable t = BY_REGION.get(region); // get first: computeIfAbsent may lock even when the table is there
        return t != null ? t : BY_REGION.computeIfAbsent(region, RegionTable::new);
    }

    /** Per region: exact host names, wildcard suffixes, and addresses, built once from the catalog. */
    private static final class RegionTable {
        final Map<String, ServiceHost> exact = new HashMap<>();
        /** Suffixes of wildcard names ({@code .s3.us-east-1.amazonaws.com}), longest first. */
        final List<Map.Entry<String, ServiceHost>> wildcardSuffixes;
        final Map<Long, ServiceHost> byAddress = new HashMap<>();
        final Map<ServiceHost, DnsAnswer.Addresses> answers = new IdentityHashMap<>();
        /** What the SDK data says of each name (wildcards under their "*." form). */
        final Map<String, AwsHostNames.HostName> sdkNames = new HashMap<>();

        RegionTable(String region) {
            Map<String, ServiceHost> byService = new HashMap<>();
            Map<String, ServiceHost> wildcardSuffix = new HashMap<>();
            int slot = 0;
            for (EndpointService s : EndpointServiceCatalog.all(region)) {
                ServiceHost host = byService.get(s.serviceName());
                if (host == null) {
                    host = new ServiceHost(s.serviceName(), region, addressesFor(region, s.serviceName(), slot++));
                    byService.put(s.serviceName(), host);
                }
                for (String name : allNames(s)) {
                    String n = name.toLowerCase(Locale.ROOT);
                    if (n.startsWith("*.")) wildcardSuffix.put(n.substring(1), host);
                    else exact.put(n, host);
                }
                for (String a : host.addresses()) byAddress.put(Ipv4.parse(a), host);
            }
            // Every public name of the SDK data: a catalog service's under its entry, any other service under one of its own.
            for (AwsHostNames.HostName n : AwsHostNames.all(region)) {
                String serviceName = "com.amazonaws." + region + "." + n.shortName();
                ServiceHost host = byService.get(serviceName);
                if (host == null) {
                    host = new ServiceHost(serviceName, region, addressesFor(region, serviceName, slot++));
                    byService.put(serviceName, host);
                    for (String a : host.addresses()) byAddress.put(Ipv4.parse(a), host);
                }
                sdkNames.putIfAbsent(n.name(), n);
                if (n.name().startsWith("*.")) wildcardSuffix.putIfAbsent(n.name().substring(1), host);
                else exact.putIfAbsent(n.name(), host);
            }
            List<Map.Entry<String, ServiceHost>> suffixes = new ArrayList<>(wildcardSuffix.entrySet());
            suffixes.sort(Comparator.comparingInt((Map.Entry<String, ServiceHost> e) -> e.getKey().length()).reversed());
            wildcardSuffixes = List.copyOf(suffixes);
            for (ServiceHost h : byService.values()) answers.put(h, new DnsAnswer.Addresses(h.addresses(), h.description(), false));
        }

        /** The names a service answers on: its private DNS names of every type it offers. */
        private static List<String> allNames(EndpointService s) {
            java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(s.privateDnsNames());
            for (String type : s.types()) names.addAll(s.privateDnsNames(type));
            if (s.shortName().equals("s3")) {
                names.add("s3." + s.region() + ".amazonaws.com");
                names.add("*.s3." + s.region() + ".amazonaws.com");
                if (s.region().equals("us-east-1")) {
                    // S3's global names, which many clients still use for us-east-1.
                    names.add("s3.amazonaws.com");
                    names.add("*.s3.amazonaws.com");
                }
            }
            return List.copyOf(names);
        }

        PublicName publicName(String host) {
            ServiceHost h = find(host);
            if (h == null) return null;
            AwsHostNames.HostName n = sdkNames.get(host);
            if (n == null) {
                for (int i = 0; i < wildcardSuffixes.size() && n == null; i++) {
                    if (host.endsWith(wildcardSuffixes.get(i).getKey())) n = sdkNames.get("*" + wildcardSuffixes.get(i).getKey());
                }
            }
            return n == null ? new PublicName(host, h, AwsHostNames.Kind.REGIONAL, h.serviceName())
                    : new PublicName(host, h, n.kind(), n.label());
        }

        Optional<ServiceHost> forName(String host) {
            return Optional.ofNullable(find(host));
        }

        /**
         * The service of an exact name, else of the closest wildcard: a suffix starts with a dot, so it matches
         * only at a label boundary, as looking up each of the name's suffixes would, without cutting substrings.
         */
        ServiceHost find(String host) {
            ServiceHost h = exact.get(host);
            if (h != null) return h;
            for (int i = 0; i < wildcardSuffixes.size(); i++) {
                Map.Entry<String, ServiceHost> w = wildcardSuffixes.get(i);
                if (host.endsWith(w.getKey())) return w.getValue();
            }
            return null;
        }
    }

    /** Stable addresses for a service: inside its prefix list when it has one, else synthetic /26 number {@code slot}. */
    private static List<String> addressesFor(String region, String serviceName, int slot) {
        Optional<AwsManagedPrefixList> list = ManagedPrefixLists.forService(region, serviceName);
        int hash = Math.abs((region + "/" + serviceName).hashCode());
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        if (list.isPresent() && !list.get().cidrs().isEmpty()) {
            // Inside the service's real ranges: the first list entry, a stable offset past its network address.
            Ipv4Cidr first = Ipv4Cidr.parse(list.get().cidrs().get(0)).orElseThrow();
            long span = Math.max(1, first.size() - 2 - ADDRESSES_PER_SERVICE);
            long base = first.base() + 1 + (hash % span);
            for (int i = 0; i < ADDRESSES_PER_SERVICE; i++) out.add(Ipv4.format(base + i));
        } else {
            if (slot >= SYNTHETIC_BLOCK.size() / 64) throw new IllegalStateException("more services than synthetic /26 slots");
            long base = SYNTHETIC_BLOCK.base() + (long) slot * 64 + 10;
            for (int i = 0; i < ADDRESSES_PER_SERVICE; i++) out.add(Ipv4.format(base + i));
        }
        return List.copyOf(out);
    }
}
