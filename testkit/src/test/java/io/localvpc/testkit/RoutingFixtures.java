package io.localvpc.testkit;

import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.ops.SubnetAddresses;
import io.localvpc.core.state.Scope;
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

    /**
     * A subnet through CreateSubnet. The subnets family is built on another branch; until it is merged
     * here, CreateSubnet answers InvalidAction and the subnet is put straight into the store instead.
     */
    static String subnet(LocalVpc server, Ec2Client ec2, String vpcId, String cidr) {
        try {
            return ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZone("us-east-1a")).subnet().subnetId();
        } catch (Ec2Exception e) {
            if (!"InvalidAction".equals(e.awsErrorDetails().errorCode())) throw e;
        }
        Scope scope = new Scope(server.settings().accountId(), "us-east-1");
        return server.store().write(scope, tx -> tx.put(new Subnet(tx.newId("subnet"), scope.account(), vpcId, cidr, "us-east-1a", "use1-az1",
                false, false, tx.now()))).id();
    }

    /**
     * A plain network interface through CreateNetworkInterface; like {@link #subnet}, put straight into
     * the store while the network-interfaces family is not merged here.
     */
    static String eni(LocalVpc server, Ec2Client ec2, String subnetId) {
        try {
            return ec2.createNetworkInterface(r -> r.subnetId(subnetId)).networkInterface().networkInterfaceId();
        } catch (Ec2Exception e) {
            if (!"InvalidAction".equals(e.awsErrorDetails().errorCode())) throw e;
        }
        Scope scope = new Scope(server.settings().accountId(), "us-east-1");
        return server.store().write(scope, tx -> {
            Subnet s = tx.find(Subnet.class, subnetId).orElseThrow();
            String ip = SubnetAddresses.allocate(tx, s, null);
            return tx.put(new NetworkInterface(tx.newId("eni"), scope.account(), s.vpcId(), s.id(), s.availabilityZone(), "", "interface", ip,
                    List.of(), List.of(), SubnetAddresses.newMacAddress(), true, false, null, null, null, tx.now()));
        }).id();
    }

    /** The interface record itself, to see what the EIP calls did to it. */
    static NetworkInterface storedEni(LocalVpc server, String eniId) {
        return server.store().view(new Scope(server.settings().accountId(), "us-east-1")).find(NetworkInterface.class, eniId).orElseThrow();
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
