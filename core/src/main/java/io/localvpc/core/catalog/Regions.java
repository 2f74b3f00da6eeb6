package io.localvpc.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.core.AwsException;
import io.localvpc.core.state.ResourceCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The regions localvpc knows, loaded from {@code regions.json} (see its {@code _source}). */
public final class Regions {
    private static final Map<String, Region> BY_NAME = load();

    private Regions() {
    }

    public static List<Region> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static Optional<Region> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The region, or AWS's answer to a client signing for a region that does not exist. */
    public static Region require(String name) {
        Region r = BY_NAME.get(name);
        if (r == null) {
            throw new AwsException("InvalidRegion", "The region '" + name + "' is not known to localvpc. Known regions: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return r;
    }

    private static Map<String, Region> load() {
        try (InputStream in = Regions.class.getResourceAsStream("regions.json")) {
            JsonNode root = ResourceCodec.mapper().readTree(in);
            Map<String, Region> out = new LinkedHashMap<>();
            for (JsonNode r : root.get("regions")) {
                String name = r.get("name").asText();
                String prefix = r.get("zoneIdPrefix").asText();
                List<Zone> zones = new ArrayList<>();
                int n = 1;
                for (JsonNode letter : r.get("zones")) {
                    zones.add(new Zone(name + letter.asText(), prefix + "-az" + n++, name));
                }
                out.put(name, new Region(name, List.copyOf(zones)));
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
