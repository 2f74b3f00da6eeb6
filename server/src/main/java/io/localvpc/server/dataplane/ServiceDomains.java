package io.localvpc.server.dataplane;

import io.localvpc.core.catalog.AwsHostNames;
import io.localvpc.core.catalog.EndpointService;
import io.localvpc.core.catalog.EndpointServiceCatalog;
import io.localvpc.core.catalog.Region;
import io.localvpc.core.catalog.Regions;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The domains a backend must answer on to play a service, in every region: its public names of the SDK data
 * (regional, legacy, global, FIPS, dual-stack), its private DNS names and its interface endpoints' {@code vpce}
 * names. A domain covers the names below it ({@code bucket.s3.us-east-1.amazonaws.com}), as {@code HostBackendRouter} routes.
 */
final class ServiceDomains {
    /** Domains by service short name ({@code sqs}, {@code ecr.api}, and SDK keys of services that are not endpoint services). */
    private static final Map<String, Set<String>> BY_SERVICE = build();

    private ServiceDomains() {
    }

    /** Every service short name that has domains. */
    static Set<String> services() {
        return BY_SERVICE.keySet();
    }

    /** The domains of a service; empty for a name no service has. */
    static Set<String> of(String shortName) {
        return BY_SERVICE.getOrDefault(shortName, Set.of());
    }

    private static Map<String, Set<String>> build() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Region region : Regions.all()) {
            for (EndpointService service : EndpointServiceCatalog.all(region.name())) {
                Set<String> domains = out.computeIfAbsent(service.shortName(), k -> new LinkedHashSet<>());
                for (String name : service.privateDnsNames()) domains.add(undotted(name));
                domains.add(service.dnsLabel() + "." + region.name() + ".vpce.amazonaws.com");
            }
            for (AwsHostNames.HostName n : AwsHostNames.all(region.name())) {
                out.computeIfAbsent(n.shortName(), k -> new LinkedHashSet<>()).add(undotted(n.name()));
            }
        }
        out.replaceAll((k, v) -> Set.copyOf(v));
        return Map.copyOf(out);
    }

    private static String undotted(String name) {
        return name.startsWith("*.") ? name.substring(2) : name;
    }
}
