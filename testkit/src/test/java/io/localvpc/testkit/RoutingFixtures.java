package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shared set-up and assertions for the route table, internet gateway, NAT gateway and Elastic IP tests. */
final class RoutingFixtures {
    private RoutingFixtures() {
    }

    static Ec2Exception awsError(Ec2Exception e, String code) {
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        return e;
    }

    static String vpc(Ec2Client ec2, String cidr) {
        return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    }

    /** A VPC with an internet gateway attached; returns {vpcId, igwId}. */
    static String[] vpcWithIgw(Ec2Client ec2, String cidr) {
        String vpcId = vpc(ec2, cidr);
        String igwId = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.vpcId(vpcId).internetGatewayId(igwId));
        return new String[]{vpcId, igwId};
    }

    static String subnet(LocalVpc server, Ec2Client ec2, String vpcId, String cidr) {
        return ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZone("us-east-1a")).subnet().subnetId();
    }

    static String eni(LocalVpc server, Ec2Client ec2, String subnetId) {
        return ec2.createNetworkInterface(r -> r.subnetId(subnetId)).networkInterface().networkInterfaceId();
    }

    static software.amazon.awssdk.services.ec2.model.NetworkInterface describedEni(Ec2Client ec2, String eniId) {
        return ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eniId)).networkInterfaces().get(0);
    }

    /** The public address an interface shows in its association, or null. */
    static String publicIpOf(Ec2Client ec2, String eniId) {
        var association = describedEni(ec2, eniId).association();
        return association == null ? null : association.publicIp();
    }

    static software.amazon.awssdk.services.ec2.model.RouteTable mainTable(Ec2Client ec2, String vpcId) {
        return ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpcId), filter("association.main", "true"))).routeTables().get(0);
    }

    static software.amazon.awssdk.services.ec2.model.RouteTable table(Ec2Client ec2, String id) {
        return ec2.describeRouteTables(r -> r.routeTableIds(id)).routeTables().get(0);
    }

    static software.amazon.awssdk.services.ec2.model.Route route(Ec2Client ec2, String tableId, String destination) {
        return table(ec2, tableId).routes().stream()
                .filter(r -> destination.equals(r.destinationCidrBlock()) || destination.equals(r.destinationPrefixListId()))
                .findFirst().orElseThrow(() -> new AssertionError("no route " + destination + " in " + tableId));
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }
}
