package io.localvpc.core.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The AWS endpoint services of each region. PLACEHOLDER: the catalog data file is being built; until
 * then only s3 and dynamodb are listed.
 */
public final class EndpointServiceCatalog {
    private EndpointServiceCatalog() {
    }

    /** Every AWS endpoint service offered in the region, ordered by service name. */
    public static List<EndpointService> all(String region) {
        Region r = Regions.require(region);
        List<String> zones = r.zones().stream().map(Zone::name).toList();
        return List.of(
                new EndpointService("com.amazonaws." + region + ".dynamodb", "dynamodb", region, "vpce-svc-00000000000000001",
                        java.util.Set.of("Gateway", "Interface"), List.of("dynamodb." + region + ".amazonaws.com"), zones, true, false),
                new EndpointService("com.amazonaws." + region + ".s3", "s3", region, "vpce-svc-00000000000000002",
                        java.util.Set.of("Gateway", "Interface"), List.of("s3." + region + ".amazonaws.com", "*.s3." + region + ".amazonaws.com"), zones, true, false));
    }

    public static Optional<EndpointService> find(String region, String serviceName) {
        return all(region).stream().filter(s -> s.serviceName().equals(serviceName)).findFirst();
    }
}
