package io.localvpc.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.core.state.ResourceCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS-managed prefix lists of each region (the S3 and DynamoDB ranges gateway endpoints route),
 * loaded from {@code managed-prefix-lists.json} (see its {@code _source}).
 */
public final class ManagedPrefixLists {
    /** AWS's owner id of the lists it manages, as DescribeManagedPrefixLists shows it. */
    public static final String OWNER_ID = "AWS";

    private static final Map<String, List<AwsManagedPrefixList>> BY_REGION = load();

    private ManagedPrefixLists() {
    }

    /** The region's AWS-managed lists, in id order. */
    public static List<AwsManagedPrefixList> all(String region) {
        return BY_REGION.getOrDefault(region, List.of());
    }

    /** The list a gateway endpoint for this service routes to. */
    public static Optional<AwsManagedPrefixList> forService(String region, String serviceName) {
        return all(region).stream().filter(p -> p.serviceName().equals(serviceName)).findFirst();
    }

    public static Optional<AwsManagedPrefixList> find(String region, String prefixListId) {
        return all(region).stream().filter(p -> p.id().equals(prefixListId)).findFirst();
    }

    private static Map<String, List<AwsManagedPrefixList>> load() {
        JsonNode root;
        try (InputStream in = ManagedPrefixLists.class.getResourceAsStream("managed-prefix-lists.json")) {
            root = ResourceCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<AwsManagedPrefixList>> out = new HashMap<>();
        for (JsonNode pl : root.get("prefixLists")) {
            String region = pl.get("region").asText();
            String name = "com.amazonaws." + region + "." + pl.get("service").asText();
            List<String> cidrs = new ArrayList<>();
            pl.get("cidrs").forEach(c -> cidrs.add(c.asText()));
            out.computeIfAbsent(region, k -> new ArrayList<>())
                    .add(new AwsManagedPrefixList(pl.get("id").asText(), name, region, name, List.copyOf(cidrs)));
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(AwsManagedPrefixList::id)));
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }
}
