package io.localvpc.core.ops;

import io.localvpc.core.catalog.EndpointService;
import io.localvpc.core.model.DnsEntry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The DNS names AWS gives an interface endpoint, in AWS's order: the regional name, one zonal name per
 * Availability Zone, then (with private DNS) the service's own names. Services whose own names include a
 * wildcard (S3) get wildcard vpce names too ({@code *.vpce-…}).
 */
public final class EndpointDnsNames {
    /** Route 53 zones holding {@code <region>.vpce.amazonaws.com}, as AWS publishes them. */
    private static final Map<String, String> VPCE_ZONES = Map.ofEntries(
            Map.entry("us-east-1", "Z7HUB22UULQXV"), Map.entry("us-east-2", "ZC8PG0KIFKBRI"),
            Map.entry("us-west-1", "Z12I86A8N7VCZO"), Map.entry("us-west-2", "Z1YSA3EXCYUU9Z"),
            Map.entry("af-south-1", "Z09302161J80N9A7UTP7U"), Map.entry("ap-east-1", "Z2LIHJ7PKBEMWN"),
            Map.entry("ap-northeast-1", "Z2E726K9Y6RL4W"), Map.entry("ap-northeast-2", "Z27UANNT0PRK1T"),
            Map.entry("ap-northeast-3", "Z376B5OMM2JZL2"), Map.entry("ap-south-1", "Z2KVTB3ZLFM7JR"),
            Map.entry("ap-south-2", "Z0952991RWSF5AHIQDIY"), Map.entry("ap-southeast-1", "Z18LLCSTV4NVNL"),
            Map.entry("ap-southeast-2", "ZDK2GCRPAFKGO"), Map.entry("ap-southeast-3", "Z03881013RZ9BYYZO8N5W"),
            Map.entry("ap-southeast-4", "Z07508191CO1RNBX3X3AU"), Map.entry("ca-central-1", "ZRCXCF510Y6P9"),
            Map.entry("eu-central-1", "Z273ZU8SZ5RJPC"), Map.entry("eu-central-2", "Z045369019J4FUQ4S272E"),
            Map.entry("eu-north-1", "Z3OWWK6JFDEDGC"), Map.entry("eu-south-1", "Z2A5FDNRLY7KZG"),
            Map.entry("eu-south-2", "Z014396544HENR57XQCJ"), Map.entry("eu-west-1", "Z38GZ743OKFT7T"),
            Map.entry("eu-west-2", "Z7K1066E3PUKB"), Map.entry("eu-west-3", "Z1DWHTMFP0WECP"),
            Map.entry("me-central-1", "Z07122992YCEUCB9A9570"), Map.entry("me-south-1", "Z3B95P3VBGEQGY"),
            Map.entry("sa-east-1", "Z2LXUWEVLCVZIB"));

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String ZONE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private EndpointDnsNames() {
    }

    /** The hosted zone of the region's vpce names; regions AWS has not published one for get a stable made-up id. */
    public static String vpceHostedZoneId(String region) {
        String known = VPCE_ZONES.get(region);
        if (known != null) return known;
        return "Z" + Integer.toUnsignedString(region.hashCode(), 36).toUpperCase();
    }

    /** The 8 random lowercase letters and digits after the endpoint id in its vpce names. */
    public static String newToken() {
        return random(ALNUM, 8);
    }

    /** An id for the private hosted zone AWS creates for an endpoint's private DNS names. */
    public static String newPrivateHostedZoneId() {
        return "Z" + random(ZONE_CHARS, 20);
    }

    public static List<DnsEntry> entries(String endpointId, String token, EndpointService service, Collection<String> zoneNames,
                                         boolean privateDns, String privateHostedZoneId) {
        String zoneId = vpceHostedZoneId(service.region());
        String prefix = service.privateDnsNames().stream().anyMatch(n -> n.startsWith("*.")) ? "*." : "";
        String suffix = "." + service.dnsLabel() + "." + service.region() + ".vpce.amazonaws.com";
        List<DnsEntry> out = new ArrayList<>();
        out.add(new DnsEntry(prefix + endpointId + "-" + token + suffix, zoneId));
        for (String az : new TreeSet<>(zoneNames)) {
            out.add(new DnsEntry(prefix + endpointId + "-" + token + "-" + az + suffix, zoneId));
        }
        if (privateDns) {
            for (String name : service.privateDnsNames()) out.add(new DnsEntry(name, privateHostedZoneId));
        }
        return out;
    }

    private static String random(String alphabet, int n) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }
}
