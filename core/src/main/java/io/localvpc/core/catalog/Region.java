package io.localvpc.core.catalog;

import java.util.List;
import java.util.Optional;

/** An AWS region and its Availability Zones. */
public record Region(String name, List<Zone> zones) {
    public Optional<Zone> zoneByName(String zoneName) {
        return zones.stream().filter(z -> z.name().equals(zoneName)).findFirst();
    }

    public Optional<Zone> zoneById(String zoneId) {
        return zones.stream().filter(z -> z.id().equals(zoneId)).findFirst();
    }

    /** The region's public EC2 endpoint host, e.g. {@code ec2.us-east-1.amazonaws.com}. */
    public String ec2Endpoint() {
        return "ec2." + name + ".amazonaws.com";
    }
}
