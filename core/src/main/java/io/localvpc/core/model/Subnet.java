package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;

/** A subnet. Its free address count is derived from the network interfaces in it, not stored. */
public record Subnet(
        String id,
        String ownerId,
        String vpcId,
        String cidrBlock,
        String availabilityZone,
        String availabilityZoneId,
        boolean defaultForAz,
        boolean mapPublicIpOnLaunch,
        Instant createdAt) implements Resource {

    public Subnet withMapPublicIpOnLaunch(boolean value) {
        return new Subnet(id, ownerId, vpcId, cidrBlock, availabilityZone, availabilityZoneId, defaultForAz, value, createdAt);
    }
}
