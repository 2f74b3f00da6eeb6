package io.localvpc.testkit;

import io.localvpc.core.ops.EndpointProvisioning;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.SecurityGroupIdentifier;
import software.amazon.awssdk.services.ec2.model.SubnetConfiguration;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalVpcExtension.class)
class InterfaceEndpointTest {
    private static final String S3 = "com.amazonaws.us-east-1.s3";
    private static final String DYNAMODB = "com.amazonaws.us-east-1.dynamodb";

    @BeforeAll
    static void quickProvisioning() {
        EndpointProvisioning.setDelay(Duration.ofMillis(1500));
    }

    @AfterAll
    static void defaultProvisioning() {
        EndpointProvisioning.setDelay(null);
    }

    private static String code(Ec2Exception e) {
        return e.awsErrorDetails().errorCode();
    }

    private static List<String> groupIds(NetworkInterface eni) {
        return eni.groups().stream().map(GroupIdentifier::groupId).toList();
    }

    private static VpcEndpoint describe(Ec2Client ec2, String id) {
        return ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(id)).vpcEndpoints().get(0);
    }

    private static VpcEndpoint awaitState(Ec2Client ec2, String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        VpcEndpoint e = describe(ec2, id);
        while (!e.stateAsString().equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            e = describe(ec2, id);
        }
        assertEquals(state, e.stateAsString());
        return e;
    }

    @Test
    void pendingThenAvailableWithOneManagedInterfacePerSubnet(Ec2Client ec2) throws Exception {
        String vpc = NetworkFixtures.dnsReadyVpc(ec2, "10.30.0.0/16");
        String a = NetworkFixtures.subnetId(ec2, vpc, "10.30.1.0/24", "us-east-1a");
        String b = NetworkFixtures.subnetId(ec2, vpc, "10.30.2.0/24", "us-east-1b");
        VpcEndpoint created = ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(S3)
                .subnetIds(a, b).subnetConfigurations(SubnetConfiguration.builder().subnetId(b).ipv4("10.30.2.50").build())).vpcEndpoint();
        String id = created.vpcEndpointId();
        assertEquals("pending", created.stateAsString());
        assertEquals("pending", describe(ec2, id).stateAsString());
        assertTrue(created.privateDnsEnabled(), "private DNS defaults to on for interface endpoints");
        assertEquals(List.of(a, b), created.subnetIds());
        assertEquals(List.of(), created.routeTableIds());
        assertEquals("ipv4", created.ipAddressTypeAsString());
        assertEquals("ipv4", created.dnsOptions().dnsRecordIpTypeAsString());
        assertFalse(created.requesterManaged());
        assertEquals(List.of(SecurityGroupIdentifier.builder().groupId(NetworkFixtures.defaultGroup(ec2, vpc)).groupName("default").build()), created.groups());

        assertEquals(2, created.networkInterfaceIds().size());
        NetworkInterface eniA = NetworkFixtures.eni(ec2, created.networkInterfaceIds().get(0));
        NetworkInterface eniB = NetworkFixtures.eni(ec2, created.networkInterfaceIds().get(1));
        assertEquals(a, eniA.subnetId());
        assertEquals("10.30.1.4", eniA.privateIpAddress());
        assertEquals("10.30.2.50", eniB.privateIpAddress());
        for (NetworkInterface eni : List.of(eniA, eniB)) {
            assertEquals("vpc_endpoint", eni.interfaceTypeAsString());
            assertEquals("VPC Endpoint Interface " + id, eni.description());
            assertTrue(eni.requesterManaged());
            assertEquals("727180483921", eni.requesterId());
            assertEquals(List.of(NetworkFixtures.defaultGroup(ec2, vpc)), groupIds(eni));
        }

        List<DnsEntry> dns = created.dnsEntries();
        String token = dns.get(0).dnsName().substring(("*." + id + "-").length(), ("*." + id + "-").length() + 8);
        assertTrue(token.matches("[a-z0-9]{8}"), dns.get(0).dnsName());
        String base = "*." + id + "-" + token;
        assertEquals(List.of(base + ".s3.us-east-1.vpce.amazonaws.com", base + "-us-east-1a.s3.us-east-1.vpce.amazonaws.com",
                        base + "-us-east-1b.s3.us-east-1.vpce.amazonaws.com", "s3.us-east-1.amazonaws.com", "*.s3.us-east-1.amazonaws.com"),
                dns.stream().map(DnsEntry::dnsName).toList());
        for (int i = 0; i < 3; i++) assertEquals("Z7HUB22UULQXV", dns.get(i).hostedZoneId());
        assertTrue(dns.get(3).hostedZoneId().matches("Z[A-Z0-9]{20}"));
        assertEquals(dns.get(3).hostedZoneId(), dns.get(4).hostedZoneId());

        assertEquals(created.dnsEntries(), awaitState(ec2, id, "available").dnsEntries());
    }

    @Test
    void modifyMovesInterfacesGroupsAndDnsNames(Ec2Client ec2) {
        String vpc = NetworkFixtures.dnsReadyVpc(ec2, "10.31.0.0/16");
        String a = NetworkFixtures.subnetId(ec2, vpc, "10.31.1.0/24", "us-east-1a");
        String b = NetworkFixtures.subnetId(ec2, vpc, "10.31.2.0/24", "us-east-1b");
        String sg = NetworkFixtures.securityGroup(ec2, vpc, "endpoint-sg");
        VpcEndpoint e = ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(DYNAMODB)
                .subnetIds(a).securityGroupIds(sg).privateDnsEnabled(false)).vpcEndpoint();
        String id = e.vpcEndpointId();
        String eniA = e.networkInterfaceIds().get(0);
        assertEquals(2, e.dnsEntries().size());
        assertEquals(List.of(sg), e.groups().stream().map(SecurityGroupIdentifier::groupId).toList());
        assertEquals("endpoint-sg", e.groups().get(0).groupName());

        String dflt = NetworkFixtures.defaultGroup(ec2, vpc);
        assertTrue(ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(id).addSubnetIds(b).removeSubnetIds(a)
                .addSecurityGroupIds(dflt).removeSecurityGroupIds(sg).privateDnsEnabled(true)).returnValue());
        VpcEndpoint m = describe(ec2, id);
        assertEquals(List.of(b), m.subnetIds());
        assertEquals(1, m.networkInterfaceIds().size());
        assertFalse(NetworkFixtures.findEni(ec2, eniA).isPresent());
        NetworkInterface eniB = NetworkFixtures.eni(ec2, m.networkInterfaceIds().get(0));
        assertEquals(b, eniB.subnetId());
        assertEquals(List.of(dflt), groupIds(eniB));
        assertEquals(List.of(dflt), m.groups().stream().map(SecurityGroupIdentifier::groupId).toList());
        assertTrue(m.privateDnsEnabled());
        assertTrue(m.dnsEntries().get(1).dnsName().endsWith("-us-east-1b.dynamodb.us-east-1.vpce.amazonaws.com"), m.dnsEntries().toString());
        assertEquals("dynamodb.us-east-1.amazonaws.com", m.dnsEntries().get(2).dnsName());

        assertEquals("InvalidParameter", code(assertThrows(Ec2Exception.class,
                () -> ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(id).addRouteTableIds(NetworkFixtures.mainRouteTable(ec2, vpc))))));
        assertEquals("InvalidParameter", code(assertThrows(Ec2Exception.class,
                () -> ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(id).removeSecurityGroupIds(dflt)))));
        assertEquals("InvalidParameter", code(assertThrows(Ec2Exception.class,
                () -> ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(id).ipAddressType("dualstack")))));

        ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(id).privateDnsEnabled(false));
        assertEquals(2, describe(ec2, id).dnsEntries().size());
    }

    @Test
    void subnetRules(Ec2Client ec2) {
        String vpc = NetworkFixtures.dnsReadyVpc(ec2, "10.32.0.0/16");
        String a1 = NetworkFixtures.subnetId(ec2, vpc, "10.32.1.0/24", "us-east-1a");
        String a2 = NetworkFixtures.subnetId(ec2, vpc, "10.32.2.0/24", "us-east-1a");
        Ec2Exception dup = assertThrows(Ec2Exception.class, () -> ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE)
                .vpcId(vpc).serviceName(S3).subnetIds(a1, a2)));
        assertEquals("DuplicateSubnetsInSameZone", code(dup));
        assertEquals("Found another VPC endpoint subnet in the availability zone of " + a2
                + ". VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.", dup.awsErrorDetails().errorMessage());

        Ec2Exception rt = assertThrows(Ec2Exception.class, () -> ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE)
                .vpcId(vpc).serviceName(S3).routeTableIds(NetworkFixtures.mainRouteTable(ec2, vpc))));
        assertEquals("Route table IDs are only supported for Gateway type VPC Endpoint.", rt.awsErrorDetails().errorMessage());

        String other = NetworkFixtures.dnsReadyVpc(ec2, "10.33.0.0/16");
        String foreign = NetworkFixtures.subnetId(ec2, other, "10.33.1.0/24", "us-east-1a");
        assertEquals("InvalidParameter", code(assertThrows(Ec2Exception.class, () -> ec2.createVpcEndpoint(r -> r
                .vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(S3).subnetIds(foreign)))));
        String foreignSg = NetworkFixtures.securityGroup(ec2, other, "x");
        assertEquals("InvalidParameter", code(assertThrows(Ec2Exception.class, () -> ec2.createVpcEndpoint(r -> r
                .vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(S3).subnetIds(a1).securityGroupIds(foreignSg)))));
        assertEquals("InvalidSubnetID.NotFound", code(assertThrows(Ec2Exception.class, () -> ec2.createVpcEndpoint(r -> r
                .vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(S3).subnetIds("subnet-0123456789abcdef0")))));
        assertEquals("InvalidGroup.NotFound", code(assertThrows(Ec2Exception.class, () -> ec2.createVpcEndpoint(r -> r
                .vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(S3).subnetIds(a1).securityGroupIds("sg-0123456789abcdef0")))));
        assertEquals("InvalidParameterValue", code(assertThrows(Ec2Exception.class, () -> ec2.createVpcEndpoint(r -> r
                .vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(S3).subnetIds(a1)
                .subnetConfigurations(SubnetConfiguration.builder().subnetId(a1).ipv4("10.99.0.9").build())))));
        // Nothing was left behind by the refusals.
        assertEquals(List.of(), ec2.describeVpcEndpoints(r -> r.filters(f -> f.name("vpc-id").values(vpc))).vpcEndpoints());
    }

    @Test
    void privateDnsNeedsDnsAttributesAndIsHeldByOneEndpointPerVpc(Ec2Client ec2) {
        String plain = NetworkFixtures.vpc(ec2, "10.34.0.0/16");
        Ec2Exception attrs = assertThrows(Ec2Exception.class, () -> ec2.createVpcEndpoint(r -> r
                .vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(plain).serviceName(S3)));
        assertEquals("InvalidParameter", code(attrs));
        assertTrue(attrs.awsErrorDetails().errorMessage().contains("enableDnsSupport and enableDnsHostnames"), attrs.getMessage());
        ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(plain).serviceName(S3).privateDnsEnabled(false));

        String vpc = NetworkFixtures.dnsReadyVpc(ec2, "10.35.0.0/16");
        ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(S3));
        Ec2Exception conflict = assertThrows(Ec2Exception.class, () -> ec2.createVpcEndpoint(r -> r
                .vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(S3).privateDnsEnabled(true)));
        assertEquals("InvalidParameter", code(conflict));
        assertEquals("private-dns-enabled cannot be set because there is already a conflicting DNS domain for s3.us-east-1.amazonaws.com in the VPC "
                + vpc, conflict.awsErrorDetails().errorMessage());
        String second = ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(S3)
                .privateDnsEnabled(false)).vpcEndpoint().vpcEndpointId();
        assertEquals("InvalidParameter", code(assertThrows(Ec2Exception.class,
                () -> ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(second).privateDnsEnabled(true)))));
    }

    @Test
    void deleteTearsDownInterfacesAtOnceAndShowsDeletingThenDeleted(Ec2Client ec2) throws Exception {
        String vpc = NetworkFixtures.dnsReadyVpc(ec2, "10.36.0.0/16");
        String a = NetworkFixtures.subnetId(ec2, vpc, "10.36.1.0/24", "us-east-1a");
        VpcEndpoint e = ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(DYNAMODB).subnetIds(a)).vpcEndpoint();
        String id = e.vpcEndpointId();
        assertTrue(ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(id)).unsuccessful().isEmpty());
        assertFalse(NetworkFixtures.findEni(ec2, e.networkInterfaceIds().get(0)).isPresent());
        assertEquals("deleting", describe(ec2, id).stateAsString());
        awaitState(ec2, id, "deleted");
        // Deleting again is not an error while AWS still lists it.
        assertTrue(ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(id)).unsuccessful().isEmpty());
        // The deleted endpoint no longer holds the private DNS names.
        ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(DYNAMODB).subnetIds(a));
    }
}
