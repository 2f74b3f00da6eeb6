package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;

/**
 * A subnet. Its free address count is derived from the network interfaces in it, and its network ACL
 * from the ACL holding its association, so neither is stored here. {@code resourceNameDnsARecordOnLaunch}
 * makes the VPC's resolver answer its instances' resource names ({@code i-0abc….ec2.internal}); data
 * written before it existed reads it as false, AWS's default.
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
        Instant createdAt,
        boolean resourceNameDnsARecordOnLaunch) implements Resource {

    /** A new subnet with AWS's defaults for the attributes set later. */
    public Subnet(String id, String ownerId, String vpcId, String cidrBlock, String availabilityZone, String availabilityZoneId,
                  boolean defaultForAz, boolean mapPublicIpOnLaunch, Instant createdAt) {
        this(id, ownerId, vpcId, cidrBlock, availabilityZone, availabilityZoneId, defaultForAz, mapPublicIpOnLaunch, createdAt, false);
    }

    public Subnet withMapPublicIpOnLaunch(boolean value) {
        return new Subnet(id, ownerId, vpcId, cidrBlock, availabilityZone, availabilityZoneId, defaultForAz, value, createdAt,
                resourceNameDnsARecordOnLaunch);
    }

    public Subnet withResourceNameDnsARecordOnLaunch(boolean value) {
        return new Subnet(id, ownerId, vpcId, cidrBlock, availabilityZone, availabilityZoneId, defaultForAz, mapPublicIpOnLaunch, createdAt, value);
    }

    /** AWS's ARN for a subnet; localvpc serves the commercial partition only. */
    public String arn(String region) {
        return "arn:aws:ec2:" + region + ":" + ownerId + ":subnet/" + id;
    }
}
