package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.catalog.Region;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.catalog.Zone;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcCidrAssociation;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Subnet lifecycle as AWS runs it: the CIDR must lie inside one of the VPC's blocks, be /16–/28 and
 * overlap no other subnet of the VPC; the subnet lands in one Availability Zone of the caller's region,
 * joins the VPC's default network ACL, and uses the main route table until it is associated with another.
 */
public final class SubnetOps {
    public static final int MIN_PREFIX = 16;
    public static final int MAX_PREFIX = 28;

    private SubnetOps() {
    }

    public static Subnet require(View view, String subnetId) {
        return Lookup.require(view, Subnet.class, IdKind.SUBNET, subnetId);
    }

    /** CreateSubnet: validates everything first, so a refusal leaves nothing behind. */
    public static Subnet create(Tx tx, String vpcId, String cidrText, String zoneName, String zoneId) {
        Vpc vpc = VpcOps.require(tx, vpcId);
        Ipv4Cidr cidr = parseSubnetCidr(cidrText);
        checkInsideVpc(vpc, cidr, cidrText);
        checkNoConflict(tx, vpc.id(), cidr);
        Zone zone = zone(Regions.require(tx.scope().region()), zoneName, zoneId);
        return insert(tx, vpc.id(), cidr, zone, false, false);
    }

    /**
     * Stores a subnet whose inputs are already valid and joins it to the VPC's default network ACL,
     * in the caller's transaction. The default VPC's subnets are built this way too.
     */
    public static Subnet insert(Tx tx, String vpcId, Ipv4Cidr cidr, Zone zone, boolean defaultForAz, boolean mapPublicIpOnLaunch) {
        Subnet subnet = tx.put(new Subnet(tx.newId("subnet"), tx.scope().account(), vpcId, cidr.toString(),
                zone.name(), zone.id(), defaultForAz, mapPublicIpOnLaunch, tx.now()));
        NetworkAclOps.joinDefault(tx, subnet);
        return subnet;
    }

    /**
     * A subnet CIDR: valid IPv4 CIDR text naming the block exactly (no host bits), /16 to /28.
     * Malformed text is InvalidParameterValue; a size out of range is InvalidSubnet.Range, as on AWS.
     */
    public static Ipv4Cidr parseSubnetCidr(String text) {
        if (text == null || text.isEmpty()) throw AwsException.missingParameter("CidrBlock");
        Ipv4Cidr cidr = Ipv4Cidr.parse(text).filter(c -> c.toString().equals(text)).orElseThrow(() -> AwsException.invalidParameterValue(
                "Value (" + text + ") for parameter cidrBlock is invalid. This is not a valid CIDR block."));
        if (cidr.prefixLength() < MIN_PREFIX || cidr.prefixLength() > MAX_PREFIX) {
            throw new AwsException("InvalidSubnet.Range", "The CIDR '" + text + "' is invalid. A subnet CIDR block must be between /"
                    + MIN_PREFIX + " and /" + MAX_PREFIX + ".");
        }
        return cidr;
    }

    private static void checkInsideVpc(Vpc vpc, Ipv4Cidr cidr, String text) {
        List<String> blocks = vpc.associatedCidrs().stream().map(VpcCidrAssociation::cidrBlock).toList();
        for (String block : blocks) {
            if (Ipv4Cidr.parse(block).orElseThrow().contains(cidr)) return;
        }
        throw new AwsException("InvalidSubnet.Range", "The CIDR '" + text + "' is invalid. It must lie inside one of the CIDR blocks of "
                + vpc.id() + ": " + String.join(", ", blocks) + ".");
    }

    private static void checkNoConflict(View view, String vpcId, Ipv4Cidr cidr) {
        for (Subnet other : view.all(Subnet.class)) {
            if (other.vpcId().equals(vpcId) && SubnetAddresses.cidrOf(other).overlaps(cidr)) {
                throw new AwsException("InvalidSubnet.Conflict", "The CIDR '" + cidr + "' conflicts with another subnet");
            }
        }
    }

    /**
     * The zone a subnet goes to: the one named (by name or by id, which must agree when both are given)
     * or, when none is, the region's first zone. A zone outside the region is AWS's InvalidParameterValue
     * listing the zones that are allowed.
     */
    public static Zone zone(Region region, String zoneName, String zoneId) {
        boolean byName = zoneName != null && !zoneName.isEmpty();
        boolean byId = zoneId != null && !zoneId.isEmpty();
        if (!byName && !byId) return region.zones().get(0);
        Zone named = null;
        if (byName) {
            named = region.zoneByName(zoneName).orElseThrow(() -> AwsException.invalidParameterValue("Value (" + zoneName
                    + ") for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: "
                    + region.zones().stream().map(Zone::name).collect(Collectors.joining(", ")) + "."));
        }
        if (byId) {
            Zone identified = region.zoneById(zoneId).orElseThrow(() -> AwsException.invalidParameterValue("Value (" + zoneId
                    + ") for parameter availabilityZoneId is invalid. Subnets can currently only be created in the following availability zone ids: "
                    + region.zones().stream().map(Zone::id).collect(Collectors.joining(", ")) + "."));
            if (named != null && !named.equals(identified)) {
                throw AwsException.invalidParameterCombination("The availability zone " + zoneName + " and the availability zone id " + zoneId
                        + " name different zones (" + zoneName + " is " + named.id() + "). Give only one of them.");
            }
            return identified;
        }
        return named;
    }

    /**
     * DeleteSubnet: refused while any network interface is in the subnet; otherwise the subnet goes
     * together with its network ACL association and any explicit route table association.
     */
    public static void delete(Tx tx, String subnetId) {
        Subnet subnet = require(tx, subnetId);
        List<String> interfaces = tx.all(NetworkInterface.class).stream()
                .filter(n -> n.subnetId().equals(subnet.id())).map(NetworkInterface::id).toList();
        List<String> endpoints = VpcEndpointOps.endpointsUsing(tx, subnet.id());
        if (!endpoints.isEmpty()) {
            throw AwsException.dependencyViolation("The subnet '" + subnet.id() + "' has dependencies and cannot be deleted. Interface VPC endpoints have "
                    + "network interfaces in it: " + String.join(", ", endpoints) + "; remove the subnet from them first (ModifyVpcEndpoint RemoveSubnetId).");
        }
        if (!interfaces.isEmpty()) {
            throw AwsException.dependencyViolation("The subnet '" + subnet.id() + "' has dependencies and cannot be deleted. Network interfaces still in it: "
                    + String.join(", ", interfaces.subList(0, Math.min(10, interfaces.size())))
                    + (interfaces.size() > 10 ? " and " + (interfaces.size() - 10) + " more" : ""));
        }
        NetworkAclOps.leave(tx, subnet.id());
        RouteTableOps.forgetSubnet(tx, subnet.id());
        tx.remove(Subnet.class, subnet.id());
    }

    /** ModifySubnetAttribute MapPublicIpOnLaunch. */
    public static Subnet setMapPublicIpOnLaunch(Tx tx, String subnetId, boolean value) {
        return tx.put(require(tx, subnetId).withMapPublicIpOnLaunch(value));
    }

    public static Subnet setResourceNameDnsARecordOnLaunch(Tx tx, String subnetId, boolean value) {
        return tx.put(require(tx, subnetId).withResourceNameDnsARecordOnLaunch(value));
    }
}
