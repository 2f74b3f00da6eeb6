package io.localvpc.core.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The AWS-managed prefix lists of each region. PLACEHOLDER: real data (every region, real CIDRs) is
 * being built; until then one illustrative range per list.
 */
public final class ManagedPrefixLists {
    private ManagedPrefixLists() {
    }

    public static List<AwsManagedPrefixList> all(String region) {
        return List.of(
                new AwsManagedPrefixList("pl-02cd2c6b", "com.amazonaws." + region + ".dynamodb", region, "com.amazonaws." + region + ".dynamodb", List.of("3.218.180.0/22")),
                new AwsManagedPrefixList("pl-63a5400a", "com.amazonaws." + region + ".s3", region, "com.amazonaws." + region + ".s3", List.of("52.216.0.0/15")));
    }

    /** The list a gateway endpoint for this service routes to. */
    public static Optional<AwsManagedPrefixList> forService(String region, String serviceName) {
        return all(region).stream().filter(p -> p.serviceName().equals(serviceName)).findFirst();
    }

    public static Optional<AwsManagedPrefixList> find(String region, String prefixListId) {
        return all(region).stream().filter(p -> p.id().equals(prefixListId)).findFirst();
    }
}
