package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;

/**
 * A subnet. Its free address count is derived from the network interfaces in it, and its network ACL
 * from the ACL holding its association, so neither is stored here.
 */
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

    /** AWS's ARN for a subnet; localvpc serves the commercial partition only. */
    public String arn(String region) {
        return "arn:aws:ec2:" + region + ":" + ownerId + ":subnet/" + id;
    }
}
