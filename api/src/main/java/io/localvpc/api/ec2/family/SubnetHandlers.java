package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Describe;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.SubnetAddresses;
import io.localvpc.core.ops.SubnetOps;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.List;
import java.util.Map;

/** CreateSubnet, DeleteSubnet, DescribeSubnets and ModifySubnetAttribute. */
public final class SubnetHandlers implements Ec2Family {
    /** ModifySubnetAttribute members localvpc does not model (IPv6, Outposts, DNS64, resource-name DNS, LNI). */
    /** The subnet attributes other than MapPublicIpOnLaunch: localvpc builds none of them, so only their neutral values reach the handler. */
    private static final List<String> OTHER_ATTRIBUTES = List.of("AssignIpv6AddressOnCreation", "MapCustomerOwnedIpOnLaunch",
            "CustomerOwnedIpv4Pool", "EnableDns64", "PrivateDnsHostnameTypeOnLaunch", "EnableResourceNameDnsAAAARecordOnLaunch",
            "EnableLniAtDeviceIndex", "DisableLniAtDeviceIndex");

    @Override
    public void register(OperationRegistry r) {
        r.family("Subnets")
                .write("CreateSubnet", this::create)
                .write("DeleteSubnet", this::delete)
                .read("DescribeSubnets", this::describe)
                .write("ModifySubnetAttribute", this::modifyAttribute);
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        String vpcId = in.requireString("VpcId");
        if (!in.has("CidrBlock")) throw AwsException.missingParameter(in.wireName("CidrBlock"));
        Subnet subnet = SubnetOps.create(tx, vpcId, in.string("CidrBlock"), in.string("AvailabilityZone"), in.string("AvailabilityZoneId"));
        Tagging.applySpecifications(in, tx, "subnet", subnet.id());
        ObjectNode out = Json.object();
        out.set("Subnet", render(tx, subnet, SubnetAddresses.availableCount(subnet, 0)));
        return out;
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        SubnetOps.delete(tx, in.requireString("SubnetId"));
        return null;
    }

    private ObjectNode describe(Ec2Request in, View view) {
        // One pass over the interfaces per call, not one per subnet: Describe must stay fast with many subnets.
        Map<String, Integer> used = SubnetAddresses.usedCounts(view);
        String region = view.scope().region();
        FilterSpec<Subnet> filters = FilterSpec.<Subnet>builder()
                .field("subnet-id", Subnet::id)
                .field("vpc-id", Subnet::vpcId)
                .field("cidr-block", Subnet::cidrBlock)
                .alias("cidr", "cidr-block")
                .alias("cidrBlock", "cidr-block")
                .field("availability-zone", Subnet::availabilityZone)
                .alias("availabilityZone", "availability-zone")
                .field("availability-zone-id", Subnet::availabilityZoneId)
                .alias("availabilityZoneId", "availability-zone-id")
                .field("default-for-az", Subnet::defaultForAz)
                .alias("defaultForAz", "default-for-az")
                .field("map-public-ip-on-launch", Subnet::mapPublicIpOnLaunch)
                .field("state", s -> "available")
                .field("owner-id", Subnet::ownerId)
                .field("available-ip-address-count", s -> available(s, used))
                .alias("availableIpAddressCount", "available-ip-address-count")
                .field("subnet-arn", s -> s.arn(region))
                .field("assign-ipv6-address-on-creation", s -> false)
                .field("ipv6-native", s -> false)
                .field("enable-dns64", s -> false)
                .field("map-customer-owned-ip-on-launch", s -> false)
                .field("private-dns-name-options-on-launch.hostname-type", s -> "ip-name")
                .field("private-dns-name-options-on-launch.enable-resource-name-dns-a-record", Subnet::resourceNameDnsARecordOnLaunch)
                .field("private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record", s -> false)
                .unmodelled("customer-owned-ipv4-pool", "enable-lni-at-device-index", "outpost-arn",
                        "ipv6-cidr-block-association.ipv6-cidr-block", "ipv6-cidr-block-association.association-id",
                        "ipv6-cidr-block-association.state")
                .build();
        return new Describe<>(Subnet.class, IdKind.SUBNET, "SubnetIds", filters, "Subnets", s -> render(view, s, available(s, used))).run(in, view);
    }

    private static int available(Subnet subnet, Map<String, Integer> used) {
        return SubnetAddresses.availableCount(subnet, used.getOrDefault(subnet.id(), 0));
    }

    /** Only MapPublicIpOnLaunch is modelled; the other attributes are refused by name rather than ignored. */
    private ObjectNode modifyAttribute(Ec2Request in, Tx tx) {
        String subnetId = in.requireString("SubnetId");
        SubnetOps.require(tx, subnetId);
        if (in.has("MapPublicIpOnLaunch")) {
            SubnetOps.setMapPublicIpOnLaunch(tx, subnetId, requireValue(in, "MapPublicIpOnLaunch"));
            return null;
        }
        if (in.has("EnableResourceNameDnsARecordOnLaunch")) {
            SubnetOps.setResourceNameDnsARecordOnLaunch(tx, subnetId, requireValue(in, "EnableResourceNameDnsARecordOnLaunch"));
            return null;
        }
        // The other attributes reach here only with values that ask for nothing (unbuilt ones are refused
        // before): they are already so, and there is nothing to change.
        for (String member : OTHER_ATTRIBUTES) if (in.has(member)) return null;
        throw AwsException.missingParameter("MapPublicIpOnLaunch.Value (or another subnet attribute)");
    }

    private static boolean requireValue(Ec2Request in, String member) {
        var value = in.node(member).path("Value");
        if (value.isMissingNode()) throw AwsException.missingParameter(member + ".Value");
        return value.asBoolean();
    }

    static ObjectNode render(View view, Subnet s, int availableIps) {
        ObjectNode o = Json.object()
                .put("SubnetId", s.id())
                .put("SubnetArn", s.arn(view.scope().region()))
                .put("VpcId", s.vpcId())
                .put("OwnerId", s.ownerId())
                .put("State", "available")
                .put("CidrBlock", s.cidrBlock())
                .put("AvailableIpAddressCount", availableIps)
                .put("AvailabilityZone", s.availabilityZone())
                .put("AvailabilityZoneId", s.availabilityZoneId())
                .put("DefaultForAz", s.defaultForAz())
                .put("MapPublicIpOnLaunch", s.mapPublicIpOnLaunch())
                .put("MapCustomerOwnedIpOnLaunch", false)
                .put("AssignIpv6AddressOnCreation", false)
                .put("EnableDns64", false)
                .put("Ipv6Native", false);
        o.putArray("Ipv6CidrBlockAssociationSet");
        o.putObject("PrivateDnsNameOptionsOnLaunch")
                .put("HostnameType", "ip-name")
                .put("EnableResourceNameDnsARecord", s.resourceNameDnsARecordOnLaunch())
                .put("EnableResourceNameDnsAAAARecord", false);
        o.set("Tags", Tagging.tagSet(view, s.id()));
        return o;
    }
}
