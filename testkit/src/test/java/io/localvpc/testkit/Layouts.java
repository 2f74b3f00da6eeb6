package io.localvpc.testkit;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Networks for the data-plane tests, built only through the EC2 API (as a user's script or Terraform
 * would): VPCs, subnets in two zones, route tables, instances, endpoints, gateways. Nothing is written
 * into the store directly, so each test also proves the control plane feeds the data plane.
 */
final class Layouts {
    static final String S3_SERVICE = "com.amazonaws.us-east-1.s3";
    static final String ZONE_A = "us-east-1a";
    static final String ZONE_B = "us-east-1b";
    private static final String AMI = "ami-12345678";
    private static final Duration STATE_DEADLINE = Duration.ofSeconds(20);

    private final Ec2Client ec2;

    Layouts(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /**
     * A VPC with no way out: one private subnet in each of two zones, both associated with a route
     * table of its own that holds only the local route, and one running instance in each subnet.
     */
    record PrivateVpc(String vpcId, String cidr, String routeTableId, String subnetA, String subnetB,
                      String instanceA, String instanceB) {
    }

    /** {@code prefix} is the first two octets, e.g. "10.20": the VPC is prefix.0.0/16. */
    PrivateVpc privateVpc(String prefix, String... groupIds) {
        String cidr = prefix + ".0.0/16";
        String vpcId = vpc(cidr);
        String a = subnet(vpcId, prefix + ".1.0/24", ZONE_A);
        String b = subnet(vpcId, prefix + ".2.0/24", ZONE_B);
        String rtb = routeTable(vpcId, a, b);
        return new PrivateVpc(vpcId, cidr, rtb, a, b, instance(a, groupIds), instance(b, groupIds));
    }

    /** A VPC with DNS support and DNS host names on (interface endpoints' private DNS needs both). */
    String vpc(String cidr) {
        String id = ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
        ec2.modifyVpcAttribute(r -> r.vpcId(id).enableDnsHostnames(AttributeBooleanValue.builder().value(true).build()));
        return id;
    }

    String subnet(String vpcId, String cidr, String az) {
        return ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZone(az)).subnet().subnetId();
    }

    /** The zone id (use1-azN) of a subnet, as AWS reports it; fault injection names zones by id. */
    String zoneIdOf(String subnetId) {
        return ec2.describeSubnets(r -> r.subnetIds(subnetId)).subnets().get(0).availabilityZoneId();
    }

    /** A new route table associated with the given subnets. */
    String routeTable(String vpcId, String... subnetIds) {
        String rtb = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        for (String s : subnetIds) ec2.associateRouteTable(r -> r.routeTableId(rtb).subnetId(s));
        return rtb;
    }

    /** Launches one instance (in the given groups, else the VPC's default group) and waits until it runs. */
    String instance(String subnetId, String... groupIds) {
        String id = ec2.runInstances(r -> {
            r.imageId(AMI).minCount(1).maxCount(1).subnetId(subnetId);
            if (groupIds.length > 0) r.securityGroupIds(groupIds);
        }).instances().get(0).instanceId();
        awaitValue("instance " + id + " state", "running", () -> describeInstance(id).state().nameAsString());
        return id;
    }

    Instance describeInstance(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    String privateIpOf(String instanceId) {
        return describeInstance(instanceId).privateIpAddress();
    }

    /** A gateway endpoint for S3 on the given route tables (available at once on AWS). */
    String s3GatewayEndpoint(String vpcId, String... routeTableIds) {
        VpcEndpoint e = ec2.createVpcEndpoint(r -> r.vpcId(vpcId).serviceName(S3_SERVICE)
                .vpcEndpointType(VpcEndpointType.GATEWAY).routeTableIds(routeTableIds)).vpcEndpoint();
        assertEquals("available", e.stateAsString());
        return e.vpcEndpointId();
    }

    /** A private VPC ({@code prefix}.0.0/16) with an S3 gateway endpoint on its route table, and a workload on its instance A. */
    static Workload s3GatewayWorkload(io.localvpc.server.LocalVpc lv, Ec2Client ec2, String prefix) {
        Layouts net = new Layouts(ec2);
        PrivateVpc vpc = net.privateVpc(prefix);
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        return new Workload(vpc.instanceA(), lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
    }

    /** An interface endpoint for S3 in the given subnets, private DNS on; returned once it is available. */
    VpcEndpoint s3InterfaceEndpoint(String vpcId, List<String> subnetIds, String... groupIds) {
        String id = ec2.createVpcEndpoint(r -> {
            r.vpcId(vpcId).serviceName(S3_SERVICE).vpcEndpointType(VpcEndpointType.INTERFACE).subnetIds(subnetIds).privateDnsEnabled(true);
            if (groupIds.length > 0) r.securityGroupIds(groupIds);
        }).vpcEndpoint().vpcEndpointId();
        awaitValue("endpoint " + id + " state", "available", () -> describeEndpoint(id).stateAsString());
        return describeEndpoint(id);
    }

    VpcEndpoint describeEndpoint(String id) {
        return ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(id)).vpcEndpoints().get(0);
    }

    NetworkInterface describeEni(String id) {
        return ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(id)).networkInterfaces().get(0);
    }

    /** An internet gateway attached to the VPC. */
    String internetGateway(String vpcId) {
        String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.vpcId(vpcId).internetGatewayId(igw));
        return igw;
    }

    /** A public NAT gateway with a new Elastic IP, waited for until it is available. */
    String natGateway(String publicSubnetId) {
        String allocation = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
        String nat = ec2.createNatGateway(r -> r.subnetId(publicSubnetId).allocationId(allocation)).natGateway().natGatewayId();
        awaitValue("NAT gateway " + nat + " state", "available",
                () -> ec2.describeNatGateways(r -> r.natGatewayIds(nat)).natGateways().get(0).stateAsString());
        return nat;
    }

    void routeToGateway(String routeTableId, String cidr, String gatewayId) {
        ec2.createRoute(r -> r.routeTableId(routeTableId).destinationCidrBlock(cidr).gatewayId(gatewayId));
    }

    void routeToNat(String routeTableId, String cidr, String natGatewayId) {
        ec2.createRoute(r -> r.routeTableId(routeTableId).destinationCidrBlock(cidr).natGatewayId(natGatewayId));
    }

    /** A security group with no egress rules at all (AWS gives new groups allow-all egress; it is revoked). */
    String groupWithoutEgress(String vpcId, String name) {
        String sg = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(name).description(name)).groupId();
        ec2.revokeSecurityGroupEgress(r -> r.groupId(sg).ipPermissions(p -> p.ipProtocol("-1").ipRanges(ip -> ip.cidrIp("0.0.0.0/0"))));
        return sg;
    }

    void allowEgressTcp(String groupId, int port, String cidr) {
        ec2.authorizeSecurityGroupEgress(r -> r.groupId(groupId)
                .ipPermissions(p -> p.ipProtocol("tcp").fromPort(port).toPort(port).ipRanges(ip -> ip.cidrIp(cidr))));
    }

    /** The subnet's current network ACL association id (every subnet has one: the default ACL's at first). */
    String aclAssociationOf(String subnetId) {
        return ec2.describeNetworkAcls(r -> r.filters(Filter.builder().name("association.subnet-id").values(subnetId).build()))
                .networkAcls().get(0).associations().stream().filter(a -> subnetId.equals(a.subnetId()))
                .findFirst().orElseThrow().networkAclAssociationId();
    }

    /** A new network ACL for the subnet that allows all traffic (rules 100 out and in) until a test adds a deny. */
    String openAclFor(String vpcId, String subnetId) {
        String acl = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
        for (boolean egress : new boolean[]{true, false}) {
            ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).egress(egress).protocol("-1")
                    .ruleAction(RuleAction.ALLOW).cidrBlock("0.0.0.0/0"));
        }
        String association = aclAssociationOf(subnetId);
        ec2.replaceNetworkAclAssociation(r -> r.associationId(association).networkAclId(acl));
        return acl;
    }

    void denyTcpOut(String aclId, int ruleNumber, int port, String cidr) {
        ec2.createNetworkAclEntry(r -> r.networkAclId(aclId).ruleNumber(ruleNumber).egress(true).protocol("6")
                .portRange(p -> p.from(port).to(port)).ruleAction(RuleAction.DENY).cidrBlock(cidr));
    }

    /** Polls until {@code read} gives {@code expected}, failing after a deadline with the last value seen. */
    static void awaitValue(String what, String expected, Supplier<String> read) {
        long deadline = System.nanoTime() + STATE_DEADLINE.toNanos();
        String last = read.get();
        while (!expected.equals(last)) {
            if (System.nanoTime() > deadline) fail(what + " is still " + last + ", expected " + expected + " within " + STATE_DEADLINE);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
            last = read.get();
        }
    }
}
