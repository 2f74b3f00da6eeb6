package io.localvpc.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalVpcExtension.class)
class GatewayEndpointTest {
    private static final String S3 = "com.amazonaws.us-east-1.s3";
    private static final String DYNAMODB = "com.amazonaws.us-east-1.dynamodb";
    private static final String DEFAULT_POLICY =
            "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private static String code(Ec2Exception e) {
        return e.awsErrorDetails().errorCode();
    }

    private static Optional<Route> endpointRoute(Ec2Client ec2, String table, String endpointId) {
        return NetworkFixtures.table(ec2, table).routes().stream().filter(r -> endpointId.equals(r.gatewayId())).findFirst();
    }

    @Test
    void gatewayIsTheDefaultTypeAvailableAtOnceWithFullAccessPolicyAndRoutes(Ec2Client ec2) {
        String vpc = NetworkFixtures.vpc(ec2, "10.20.0.0/16");
        String rtb1 = NetworkFixtures.routeTable(ec2, vpc);
        String rtb2 = NetworkFixtures.mainRouteTable(ec2, vpc);
        VpcEndpoint e = ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).routeTableIds(rtb1, rtb2)).vpcEndpoint();
        assertTrue(e.vpcEndpointId().matches("vpce-[0-9a-f]{17}"), e.vpcEndpointId());
        assertEquals("Gateway", e.vpcEndpointTypeAsString());
        assertEquals("available", e.stateAsString());
        assertEquals(DEFAULT_POLICY, e.policyDocument());
        assertEquals(List.of(rtb1, rtb2), e.routeTableIds());
        assertEquals(List.of(), e.subnetIds());
        assertEquals(List.of(), e.groups());
        assertEquals(List.of(), e.networkInterfaceIds());
        assertEquals(List.of(), e.dnsEntries());
        assertFalse(e.privateDnsEnabled());
        assertFalse(e.requesterManaged());
        assertEquals("000000000000", e.ownerId());
        assertEquals("us-east-1", e.serviceRegion());

        String pl = ec2.describePrefixLists(r -> r.filters(NetworkFixtures.filter("prefix-list-name", S3))).prefixLists().get(0).prefixListId();
        for (String t : List.of(rtb1, rtb2)) {
            Route r = endpointRoute(ec2, t, e.vpcEndpointId()).orElseThrow();
            assertEquals(pl, r.destinationPrefixListId());
            assertEquals("CreateRoute", r.originAsString());
        }
    }

    @Test
    void oneEndpointRoutePerServicePerTable(Ec2Client ec2) {
        String vpc = NetworkFixtures.vpc(ec2, "10.21.0.0/16");
        String rtb = NetworkFixtures.routeTable(ec2, vpc);
        ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).routeTableIds(rtb));
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).routeTableIds(rtb)));
        assertEquals("RouteAlreadyExists", code(e));
        // Another service on the same table is fine, and a second S3 endpoint without that table too.
        ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(DYNAMODB).routeTableIds(rtb));
        ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3));
    }

    @Test
    void modifyMovesRoutesAndPolicy(Ec2Client ec2) {
        String vpc = NetworkFixtures.vpc(ec2, "10.22.0.0/16");
        String rtb1 = NetworkFixtures.routeTable(ec2, vpc);
        String rtb2 = NetworkFixtures.routeTable(ec2, vpc);
        String id = ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(DYNAMODB).routeTableIds(rtb1)).vpcEndpoint().vpcEndpointId();

        String policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}]}";
        assertTrue(ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(id).addRouteTableIds(rtb2).removeRouteTableIds(rtb1).policyDocument(policy)).returnValue());
        VpcEndpoint e = ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(id)).vpcEndpoints().get(0);
        assertEquals(List.of(rtb2), e.routeTableIds());
        assertEquals(policy, e.policyDocument());
        assertTrue(endpointRoute(ec2, rtb1, id).isEmpty());
        assertTrue(endpointRoute(ec2, rtb2, id).isPresent());

        ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(id).resetPolicy(true));
        assertEquals(DEFAULT_POLICY, ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(id)).vpcEndpoints().get(0).policyDocument());

        assertEquals("InvalidParameter", code(assertThrows(Ec2Exception.class,
                () -> ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(id).addSubnetIds(NetworkFixtures.subnetId(ec2, vpc, "10.22.1.0/24", "us-east-1a"))))));
        assertEquals("InvalidPolicyDocument", code(assertThrows(Ec2Exception.class,
                () -> ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(id).policyDocument("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}")))));
    }

    @Test
    void deleteRemovesRoutesAndUnblocksTheVpc(Ec2Client ec2) {
        String vpc = NetworkFixtures.vpc(ec2, "10.23.0.0/16");
        String main = NetworkFixtures.mainRouteTable(ec2, vpc);
        String id = ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).routeTableIds(main)).vpcEndpoint().vpcEndpointId();
        Ec2Exception blocked = assertThrows(Ec2Exception.class, () -> ec2.deleteVpc(r -> r.vpcId(vpc)));
        assertEquals("DependencyViolation", code(blocked));
        assertTrue(blocked.awsErrorDetails().errorMessage().contains(id));

        assertEquals(List.of(), ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(id)).unsuccessful());
        assertTrue(endpointRoute(ec2, main, id).isEmpty());
        assertEquals("deleted", ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(id)).vpcEndpoints().get(0).stateAsString());
        ec2.deleteVpc(r -> r.vpcId(vpc));
    }

    @Test
    void gatewayRefusesInterfaceParametersAndForeignTables(Ec2Client ec2) {
        String vpc = NetworkFixtures.vpc(ec2, "10.24.0.0/16");
        String other = NetworkFixtures.vpc(ec2, "10.25.0.0/16");
        String subnet = NetworkFixtures.subnetId(ec2, vpc, "10.24.1.0/24", "us-east-1a");
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).subnetIds(subnet)));
        assertEquals("InvalidParameter", code(e));
        assertEquals("Subnet IDs are only supported for Interface and GatewayLoadBalancer type VPC Endpoints.", e.awsErrorDetails().errorMessage());
        String foreign = NetworkFixtures.routeTable(ec2, other);
        assertEquals("InvalidParameter", code(assertThrows(Ec2Exception.class,
                () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).routeTableIds(foreign)))));
        assertEquals("InvalidRouteTableID.NotFound", code(assertThrows(Ec2Exception.class,
                () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).routeTableIds("rtb-0123456789abcdef0")))));
        assertEquals("InvalidRouteTableID.Malformed", code(assertThrows(Ec2Exception.class,
                () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).routeTableIds("rtb-nope")))));
    }
}
