package io.localvpc.testkit;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * The network around a test — VPCs, subnets, security groups, route tables — built and read back through
 * the EC2 API only, the way a user would, so every test also exercises the calls it depends on.
 */
final class NetworkFixtures {
    private NetworkFixtures() {
    }

    static String vpc(Ec2Client ec2, String cidr) {
        return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    }

    /** A VPC with both DNS attributes on (enableDnsSupport is on by default), as private DNS needs. */
    static String dnsReadyVpc(Ec2Client ec2, String cidr) {
        String id = vpc(ec2, cidr);
        ec2.modifyVpcAttribute(r -> r.vpcId(id).enableDnsHostnames(on(true)));
        return id;
    }

    static Subnet subnet(Ec2Client ec2, String vpcId, String cidr, String az, boolean mapPublicIp) {
        Subnet s = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZone(az)).subnet();
        if (!mapPublicIp) return s;
        ec2.modifySubnetAttribute(r -> r.subnetId(s.subnetId()).mapPublicIpOnLaunch(on(true)));
        return ec2.describeSubnets(r -> r.subnetIds(s.subnetId())).subnets().get(0);
    }

    static Subnet subnet(Ec2Client ec2, String vpcId, String cidr) {
        return subnet(ec2, vpcId, cidr, "us-east-1a", false);
    }

    static String subnetId(Ec2Client ec2, String vpcId, String cidr, String az) {
        return subnet(ec2, vpcId, cidr, az, false).subnetId();
    }

    static String securityGroup(Ec2Client ec2, String vpcId, String name) {
        return ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(name).description(name)).groupId();
    }

    static String defaultGroup(Ec2Client ec2, String vpcId) {
        return ec2.describeSecurityGroups(r -> r.filters(filter("vpc-id", vpcId), filter("group-name", "default")))
                .securityGroups().get(0).groupId();
    }

    static String routeTable(Ec2Client ec2, String vpcId) {
        return ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
    }

    static String mainRouteTable(Ec2Client ec2, String vpcId) {
        return ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpcId), filter("association.main", "true")))
                .routeTables().get(0).routeTableId();
    }

    static RouteTable table(Ec2Client ec2, String id) {
        return ec2.describeRouteTables(r -> r.routeTableIds(id)).routeTables().get(0);
    }

    static NetworkInterface eni(Ec2Client ec2, String id) {
        return ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(id)).networkInterfaces().get(0);
    }

    /** The interface, if it still exists (a filter, since describing a missing id is an error). */
    static Optional<NetworkInterface> findEni(Ec2Client ec2, String id) {
        List<NetworkInterface> found = ec2.describeNetworkInterfaces(r -> r.filters(filter("network-interface-id", id))).networkInterfaces();
        return found.stream().findFirst();
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    private static AttributeBooleanValue on(boolean value) {
        return AttributeBooleanValue.builder().value(value).build();
    }

}
