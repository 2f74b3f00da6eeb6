package io.localvpc.testkit;

import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.ops.VpcOps;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.View;
import io.localvpc.server.LocalVpc;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import java.util.List;
import java.util.function.Supplier;

/**
 * The network around an endpoint test: VPCs through the API, and subnets, route tables and security
 * groups through the API where localvpc serves those calls. Where it does not yet (they are built on
 * other branches), the same records are put into the state directly, exactly as those calls would;
 * checks of routes and interfaces read the state for the same reason.
 */
final class EndpointFixtures {
    static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private final Ec2Client ec2;
    private final LocalVpc server;

    EndpointFixtures(Ec2Client ec2, LocalVpc server) {
        this.ec2 = ec2;
        this.server = server;
    }

    /** A VPC; with {@code dnsReady} both DNS attributes private DNS needs are on. */
    String vpc(String cidr, boolean dnsReady) {
        String id = ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
        if (dnsReady) ec2.modifyVpcAttribute(r -> r.vpcId(id).enableDnsHostnames(AttributeBooleanValue.builder().value(true).build()));
        return id;
    }

    String subnet(String vpcId, String cidr, String az) {
        return viaApiOr(() -> ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZone(az)).subnet().subnetId(),
                () -> server.store().write(SCOPE, tx -> tx.put(new Subnet(tx.newId("subnet"), SCOPE.account(), vpcId, cidr, az,
                        "use1-az" + (az.charAt(az.length() - 1) - 'a' + 1), false, false, tx.now())).id()));
    }

    String routeTable(String vpcId) {
        return viaApiOr(() -> ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId(),
                () -> server.store().write(SCOPE, tx -> {
                    var vpc = VpcOps.require(tx, vpcId);
                    return tx.put(new RouteTable(tx.newId("rtb"), SCOPE.account(), vpcId, List.of(Route.local(vpc.primaryCidr())), List.of())).id();
                }));
    }

    String securityGroup(String vpcId, String name) {
        return viaApiOr(() -> ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(name).description(name)).groupId(),
                () -> server.store().write(SCOPE, tx -> tx.put(new SecurityGroup(tx.newId("sg"), SCOPE.account(), vpcId, name, name, List.of())).id()));
    }

    String defaultGroup(String vpcId) {
        return VpcOps.defaultSecurityGroup(view(), vpcId).orElseThrow().id();
    }

    String mainRouteTable(String vpcId) {
        return VpcOps.mainRouteTable(view(), vpcId).orElseThrow().id();
    }

    RouteTable table(String id) {
        return view().find(RouteTable.class, id).orElseThrow();
    }

    NetworkInterface eni(String id) {
        return view().find(NetworkInterface.class, id).orElseThrow();
    }

    boolean eniExists(String id) {
        return view().find(NetworkInterface.class, id).isPresent();
    }

    View view() {
        return server.store().view(SCOPE);
    }

    private static String viaApiOr(Supplier<String> api, Supplier<String> direct) {
        try {
            return api.get();
        } catch (Ec2Exception e) {
            if (!"InvalidAction".equals(e.awsErrorDetails().errorCode())) throw e;
            return direct.get();
        }
    }
}
