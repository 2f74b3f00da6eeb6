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
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.PrefixList;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroupIdentifier;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.localvpc.testkit.NetworkFixtures.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout the VPC-endpoints issue describes, built only through the EC2 API and checked answer by answer
 * as a Terraform plan or an SDK user would read it: a VPC 10.0.0.0/16 with DNS support and hostnames on,
 * two private subnets in us-east-1a and us-east-1b each with its own route table, an S3 gateway endpoint on
 * both tables, and an SQS interface endpoint with private DNS in both subnets behind a group that allows
 * 443 from the VPC. Every test builds its own copy (a VPC's CIDR may repeat across VPCs).
 */
@ExtendWith(LocalVpcExtension.class)
class EndpointScenarioTest {
    private static final String S3 = "com.amazonaws.us-east-1.s3";
    private static final String SQS = "com.amazonaws.us-east-1.sqs";
    private static final String S3_PREFIX_LIST = "pl-63a5400a";
    private static final String ACCOUNT = "000000000000";
    /** AWS's hosted zone for every *.vpce.amazonaws.com name in us-east-1. */
    private static final String VPCE_ZONE_US_EAST_1 = "Z7HUB22UULQXV";
    private static final String GATEWAY_POLICY =
            "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    /** AWS's default interface-endpoint policy, in the layout AWS returns it (no Version, spaces before line ends). */
    private static final String INTERFACE_POLICY = "{\n  \"Statement\": [\n    {\n      \"Action\": \"*\", \n      \"Effect\": \"Allow\", \n"
            + "      \"Principal\": \"*\", \n      \"Resource\": \"*\"\n    }\n  ]\n}";
    private static final Duration PROVISIONING = Duration.ofMillis(1500);

    @BeforeAll
    static void shortProvisioning() {
        EndpointProvisioning.setDelay(PROVISIONING);
    }

    @AfterAll
    static void defaultProvisioning() {
        EndpointProvisioning.setDelay(null);
    }

    /** The ids of one built layout; the two endpoints as CreateVpcEndpoint answered. */
    private record Layout(String vpc, String subnetA, String subnetB, String rtbA, String rtbB, String sg,
                          VpcEndpoint s3, VpcEndpoint sqs, Instant before, Instant after) {
    }

    private static Layout build(Ec2Client ec2) {
        Instant before = Instant.now();
        String vpc = NetworkFixtures.dnsReadyVpc(ec2, "10.0.0.0/16");
        var attrs = ec2.describeVpcAttribute(r -> r.vpcId(vpc).attribute("enableDnsSupport"));
        assertTrue(attrs.enableDnsSupport().value(), "enableDnsSupport is on for a new VPC");
        assertTrue(ec2.describeVpcAttribute(r -> r.vpcId(vpc).attribute("enableDnsHostnames")).enableDnsHostnames().value());
        String subnetA = NetworkFixtures.subnetId(ec2, vpc, "10.0.1.0/24", "us-east-1a");
        String subnetB = NetworkFixtures.subnetId(ec2, vpc, "10.0.2.0/24", "us-east-1b");
        String rtbA = NetworkFixtures.routeTable(ec2, vpc);
        String rtbB = NetworkFixtures.routeTable(ec2, vpc);
        ec2.associateRouteTable(r -> r.routeTableId(rtbA).subnetId(subnetA));
        ec2.associateRouteTable(r -> r.routeTableId(rtbB).subnetId(subnetB));
        String sg = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("sqs-endpoint").description("HTTPS from the VPC")).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                .ipRanges(IpRange.builder().cidrIp("10.0.0.0/16").build()).build()));
        VpcEndpoint s3 = ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.GATEWAY).vpcId(vpc).serviceName(S3)
                .routeTableIds(rtbA, rtbB)).vpcEndpoint();
        VpcEndpoint sqs = ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc).serviceName(SQS)
                .subnetIds(subnetA, subnetB).securityGroupIds(sg).privateDnsEnabled(true)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VPC_ENDPOINT)
                        .tags(Tag.builder().key("Name").value("sqs").build()).build())).vpcEndpoint();
        return new Layout(vpc, subnetA, subnetB, rtbA, rtbB, sg, s3, sqs, before, Instant.now());
    }

    private static VpcEndpoint describe(Ec2Client ec2, String id) {
        return ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(id)).vpcEndpoints().get(0);
    }

    private static VpcEndpoint awaitState(Ec2Client ec2, String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + PROVISIONING.multipliedBy(10).toNanos();
        VpcEndpoint e = describe(ec2, id);
        while (!e.stateAsString().equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            e = describe(ec2, id);
        }
        assertEquals(state, e.stateAsString(), id);
        return e;
    }

    private static Ec2Exception awsError(String code, Runnable call) {
        Ec2Exception e = assertThrows(Ec2Exception.class, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        return e;
    }

    /** Made during the build (whole seconds or not: {@link #creationTimestampsAreWholeSecondsAsAwsWritesThem} checks that). */
    private static void assertCreatedDuring(Layout l, Instant created) {
        assertFalse(created.isBefore(l.before().truncatedTo(ChronoUnit.SECONDS)), created + " before " + l.before());
        assertFalse(created.isAfter(l.after()), created + " after " + l.after());
    }

    @Test
    void describeVpcEndpointsShowsBothEndpointsFieldByField(Ec2Client ec2) throws Exception {
        Layout l = build(ec2);

        // The gateway endpoint: routes only, available at once.
        VpcEndpoint s3 = describe(ec2, l.s3().vpcEndpointId());
        assertEquals(l.s3(), s3, "CreateVpcEndpoint and DescribeVpcEndpoints describe the gateway endpoint alike");
        assertTrue(s3.vpcEndpointId().matches("vpce-[0-9a-f]{17}"), s3.vpcEndpointId());
        assertEquals("Gateway", s3.vpcEndpointTypeAsString());
        assertEquals(l.vpc(), s3.vpcId());
        assertEquals(S3, s3.serviceName());
        assertEquals("available", s3.stateAsString());
        assertEquals(GATEWAY_POLICY, s3.policyDocument());
        assertEquals(List.of(l.rtbA(), l.rtbB()), s3.routeTableIds());
        assertEquals(List.of(), s3.subnetIds());
        assertEquals(List.of(), s3.groups());
        assertEquals("ipv4", s3.ipAddressTypeAsString());
        assertNull(s3.dnsOptions(), "gateway endpoints have no DNS options");
        assertFalse(s3.privateDnsEnabled());
        assertFalse(s3.requesterManaged());
        assertEquals(List.of(), s3.networkInterfaceIds());
        assertEquals(List.of(), s3.dnsEntries());
        assertCreatedDuring(l, s3.creationTimestamp());
        assertEquals(List.of(), s3.tags());
        assertEquals(ACCOUNT, s3.ownerId());
        assertEquals("us-east-1", s3.serviceRegion());
        assertNull(s3.lastError());

        // The interface endpoint: pending to a fast poller, then available with nothing else changed.
        VpcEndpoint created = l.sqs();
        String id = created.vpcEndpointId();
        assertEquals("pending", created.stateAsString());
        assertEquals("pending", describe(ec2, id).stateAsString());
        VpcEndpoint sqs = awaitState(ec2, id, "available");
        assertEquals(created.toBuilder().state("available").build(), sqs, "only the state moves while provisioning");
        assertTrue(id.matches("vpce-[0-9a-f]{17}"), id);
        assertEquals("Interface", sqs.vpcEndpointTypeAsString());
        assertEquals(l.vpc(), sqs.vpcId());
        assertEquals(SQS, sqs.serviceName());
        assertEquals(INTERFACE_POLICY, sqs.policyDocument());
        assertEquals(List.of(), sqs.routeTableIds());
        assertEquals(List.of(l.subnetA(), l.subnetB()), sqs.subnetIds());
        assertEquals(List.of(SecurityGroupIdentifier.builder().groupId(l.sg()).groupName("sqs-endpoint").build()), sqs.groups());
        assertEquals("ipv4", sqs.ipAddressTypeAsString());
        assertEquals("ipv4", sqs.dnsOptions().dnsRecordIpTypeAsString());
        assertTrue(sqs.privateDnsEnabled());
        assertFalse(sqs.requesterManaged());
        assertEquals(2, sqs.networkInterfaceIds().size());
        assertEquals(2, Set.copyOf(sqs.networkInterfaceIds()).size());
        for (String eni : sqs.networkInterfaceIds()) assertTrue(eni.matches("eni-[0-9a-f]{17}"), eni);

        List<DnsEntry> dns = sqs.dnsEntries();
        assertEquals(4, dns.size(), dns.toString());
        String regional = dns.get(0).dnsName();
        assertTrue(regional.matches(id + "-[a-z0-9]{8}\\.sqs\\.us-east-1\\.vpce\\.amazonaws\\.com"), regional);
        String label = regional.substring(0, regional.indexOf('.'));
        assertEquals(label + "-us-east-1a.sqs.us-east-1.vpce.amazonaws.com", dns.get(1).dnsName());
        assertEquals(label + "-us-east-1b.sqs.us-east-1.vpce.amazonaws.com", dns.get(2).dnsName());
        assertEquals("sqs.us-east-1.amazonaws.com", dns.get(3).dnsName());
        for (int i = 0; i < 3; i++) assertEquals(VPCE_ZONE_US_EAST_1, dns.get(i).hostedZoneId(), dns.get(i).dnsName());
        assertTrue(dns.get(3).hostedZoneId().matches("Z[A-Z0-9]{20}"), "the private hosted zone: " + dns.get(3).hostedZoneId());

        assertCreatedDuring(l, sqs.creationTimestamp());
        assertEquals(List.of(Tag.builder().key("Name").value("sqs").build()), sqs.tags());
        assertEquals(ACCOUNT, sqs.ownerId());
        assertEquals("us-east-1", sqs.serviceRegion());
        assertNull(sqs.lastError());

        // Both together, as a VPC-wide describe lists them (in id order).
        List<VpcEndpoint> inVpc = ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-id", l.vpc()))).vpcEndpoints();
        assertEquals(Set.of(s3, sqs), Set.copyOf(inVpc));
        assertEquals(inVpc.stream().map(VpcEndpoint::vpcEndpointId).sorted().toList(), inVpc.stream().map(VpcEndpoint::vpcEndpointId).toList());
        assertEquals(List.of(sqs), ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-id", l.vpc()), filter("vpc-endpoint-type", "Interface")))
                .vpcEndpoints());
        assertEquals(List.of(s3), ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-id", l.vpc()), filter("service-name", S3))).vpcEndpoints());
    }

    @Test
    void describeRouteTablesShowsTheLocalAndTheGatewayEndpointRoutes(Ec2Client ec2) {
        Layout l = build(ec2);
        String endpoint = l.s3().vpcEndpointId();
        Map<String, RouteTable> tables = ec2.describeRouteTables(r -> r.routeTableIds(l.rtbA(), l.rtbB())).routeTables().stream()
                .collect(Collectors.toMap(RouteTable::routeTableId, Function.identity()));
        assertEquals(Set.of(l.rtbA(), l.rtbB()), tables.keySet());
        for (var entry : Map.of(l.rtbA(), l.subnetA(), l.rtbB(), l.subnetB()).entrySet()) {
            RouteTable t = tables.get(entry.getKey());
            assertEquals(l.vpc(), t.vpcId());
            assertEquals(ACCOUNT, t.ownerId());
            assertEquals(1, t.associations().size());
            assertEquals(entry.getValue(), t.associations().get(0).subnetId());
            assertFalse(t.associations().get(0).main());
            assertEquals(2, t.routes().size(), t.routes().toString());

            Route local = t.routes().get(0);
            assertEquals("10.0.0.0/16", local.destinationCidrBlock());
            assertEquals("local", local.gatewayId());
            assertEquals("active", local.stateAsString());
            assertEquals("CreateRouteTable", local.originAsString());

            Route toS3 = t.routes().get(1);
            assertEquals(S3_PREFIX_LIST, toS3.destinationPrefixListId());
            assertNull(toS3.destinationCidrBlock());
            assertEquals(endpoint, toS3.gatewayId());
            assertEquals("active", toS3.stateAsString());
            assertEquals("CreateRoute", toS3.originAsString());
        }
        // The filters a user finds the endpoint's tables by.
        assertEquals(Set.of(l.rtbA(), l.rtbB()), ec2.describeRouteTables(r -> r.filters(filter("route.gateway-id", endpoint))).routeTables()
                .stream().map(RouteTable::routeTableId).collect(Collectors.toSet()));
        assertEquals(Set.of(l.rtbA(), l.rtbB()), ec2.describeRouteTables(r -> r.filters(filter("vpc-id", l.vpc()),
                filter("route.destination-prefix-list-id", S3_PREFIX_LIST))).routeTables().stream().map(RouteTable::routeTableId).collect(Collectors.toSet()));
        // The main table was not given to the endpoint and has only its local route.
        RouteTable main = ec2.describeRouteTables(r -> r.filters(filter("vpc-id", l.vpc()), filter("association.main", "true"))).routeTables().get(0);
        assertEquals(List.of("10.0.0.0/16"), main.routes().stream().map(Route::destinationCidrBlock).toList());
    }

    @Test
    void describeNetworkInterfacesShowsTheEndpointInterfaces(Ec2Client ec2) {
        Layout l = build(ec2);
        String id = l.sqs().vpcEndpointId();
        List<NetworkInterface> enis = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(l.sqs().networkInterfaceIds())).networkInterfaces();
        assertEquals(2, enis.size());
        Map<String, NetworkInterface> bySubnet = enis.stream().collect(Collectors.toMap(NetworkInterface::subnetId, Function.identity()));
        assertEquals(Set.of(l.subnetA(), l.subnetB()), bySubnet.keySet(), "one interface per subnet");
        for (var entry : Map.of(l.subnetA(), new String[]{"us-east-1a", "10.0.1."}, l.subnetB(), new String[]{"us-east-1b", "10.0.2."}).entrySet()) {
            NetworkInterface eni = bySubnet.get(entry.getKey());
            String az = entry.getValue()[0], net = entry.getValue()[1];
            assertEquals("vpc_endpoint", eni.interfaceTypeAsString());
            assertEquals("VPC Endpoint Interface " + id, eni.description());
            assertTrue(eni.requesterManaged());
            assertEquals("727180483921", eni.requesterId());
            assertEquals("in-use", eni.statusAsString());
            assertEquals(l.vpc(), eni.vpcId());
            assertEquals(az, eni.availabilityZone());
            assertEquals(ACCOUNT, eni.ownerId());
            assertEquals(List.of(GroupIdentifier.builder().groupId(l.sg()).groupName("sqs-endpoint").build()), eni.groups());
            // A usable host address of its own subnet: not the network, the 3 AWS reserves after it, or broadcast.
            String ip = eni.privateIpAddress();
            assertTrue(ip.startsWith(net), ip + " in " + net + "0/24");
            int host = Integer.parseInt(ip.substring(net.length()));
            assertTrue(host >= 4 && host <= 254, ip);
            assertEquals(1, eni.privateIpAddresses().size());
            assertEquals(ip, eni.privateIpAddresses().get(0).privateIpAddress());
            assertTrue(eni.privateIpAddresses().get(0).primary());
        }
        assertEquals(Set.copyOf(l.sqs().networkInterfaceIds()), ec2.describeNetworkInterfaces(r -> r.filters(filter("vpc-id", l.vpc()),
                filter("interface-type", "vpc_endpoint"))).networkInterfaces().stream().map(NetworkInterface::networkInterfaceId).collect(Collectors.toSet()));
        assertEquals(2, ec2.describeNetworkInterfaces(r -> r.filters(filter("group-id", l.sg()))).networkInterfaces().size());
    }

    @Test
    void describePrefixListsAndServicesShowWhatTheEndpointsReach(Ec2Client ec2) {
        PrefixList s3 = ec2.describePrefixLists(r -> r.prefixListIds(S3_PREFIX_LIST)).prefixLists().get(0);
        assertEquals(S3_PREFIX_LIST, s3.prefixListId());
        assertEquals(S3, s3.prefixListName());
        assertEquals(List.of("3.5.0.0/19", "18.34.0.0/19", "18.34.232.0/21", "44.192.134.240/28", "44.192.140.64/28", "52.216.0.0/15", "54.231.0.0/16"),
                s3.cidrs());
        assertEquals(List.of(s3), ec2.describePrefixLists(r -> r.filters(filter("prefix-list-name", S3))).prefixLists());

        var sqsAnswer = ec2.describeVpcEndpointServices(r -> r.serviceNames(SQS));
        assertEquals(List.of(SQS), sqsAnswer.serviceNames());
        ServiceDetail sqs = sqsAnswer.serviceDetails().get(0);
        assertEquals(1, sqsAnswer.serviceDetails().size());
        assertEquals(SQS, sqs.serviceName());
        assertTrue(sqs.serviceId().matches("vpce-svc-[0-9a-f]{17}"), sqs.serviceId());
        assertEquals(List.of("Interface"), sqs.serviceType().stream().map(t -> t.serviceTypeAsString()).toList());
        assertEquals("amazon", sqs.owner());
        assertEquals("us-east-1", sqs.serviceRegion());
        assertTrue(sqs.availabilityZones().containsAll(List.of("us-east-1a", "us-east-1b")), sqs.availabilityZones().toString());
        assertEquals(List.of("sqs.us-east-1.vpce.amazonaws.com"), sqs.baseEndpointDnsNames());
        assertEquals("sqs.us-east-1.amazonaws.com", sqs.privateDnsName());
        assertEquals(List.of("sqs.us-east-1.amazonaws.com"), sqs.privateDnsNames().stream().map(n -> n.privateDnsName()).toList());
        assertEquals("verified", sqs.privateDnsNameVerificationStateAsString());
        assertTrue(sqs.vpcEndpointPolicySupported());
        assertFalse(sqs.acceptanceRequired());
        assertFalse(sqs.managesVpcEndpoints());
        assertEquals(List.of("ipv4"), sqs.supportedIpAddressTypesAsStrings());
        assertEquals(List.of(), sqs.tags());

        // S3 is offered both ways: a gateway (no DNS of its own; routes) and an interface.
        var s3Answer = ec2.describeVpcEndpointServices(r -> r.serviceNames(S3));
        assertEquals(List.of(S3, S3), s3Answer.serviceNames());
        Map<String, ServiceDetail> byType = s3Answer.serviceDetails().stream()
                .collect(Collectors.toMap(d -> d.serviceType().get(0).serviceTypeAsString(), Function.identity()));
        assertEquals(Set.of("Gateway", "Interface"), byType.keySet());
        ServiceDetail gateway = byType.get("Gateway");
        assertEquals(S3, gateway.serviceName());
        assertEquals("amazon", gateway.owner());
        assertNull(gateway.privateDnsName());
        assertEquals(List.of(), gateway.privateDnsNames());
        assertTrue(gateway.vpcEndpointPolicySupported());
        assertFalse(gateway.acceptanceRequired());
        ServiceDetail iface = byType.get("Interface");
        assertEquals(List.of("s3.us-east-1.vpce.amazonaws.com"), iface.baseEndpointDnsNames());
        assertTrue(iface.availabilityZones().containsAll(List.of("us-east-1a", "us-east-1b")), iface.availabilityZones().toString());
        assertFalse(iface.serviceId().equals(gateway.serviceId()), "each type is its own service id");
    }

    @Test
    void theLayoutRefusesWhatAwsRefuses(Ec2Client ec2) {
        Layout l = build(ec2);
        // A second SQS endpoint that wants the private DNS name the first one holds.
        String third = NetworkFixtures.subnetId(ec2, l.vpc(), "10.0.3.0/24", "us-east-1c");
        Ec2Exception dns = awsError("InvalidParameter", () -> ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE)
                .vpcId(l.vpc()).serviceName(SQS).subnetIds(third).privateDnsEnabled(true)));
        assertEquals("private-dns-enabled cannot be set because there is already a conflicting DNS domain for sqs.us-east-1.amazonaws.com in the VPC "
                + l.vpc(), dns.awsErrorDetails().errorMessage());

        // Two subnets of one zone in one interface endpoint.
        String secondInA = NetworkFixtures.subnetId(ec2, l.vpc(), "10.0.4.0/24", "us-east-1a");
        Ec2Exception zone = awsError("DuplicateSubnetsInSameZone", () -> ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE)
                .vpcId(l.vpc()).serviceName(SQS).subnetIds(l.subnetA(), secondInA).privateDnsEnabled(false)));
        assertEquals("Found another VPC endpoint subnet in the availability zone of " + secondInA
                + ". VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.", zone.awsErrorDetails().errorMessage());
        // ... and adding one to the existing endpoint.
        awsError("DuplicateSubnetsInSameZone", () -> ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(l.sqs().vpcEndpointId()).addSubnetIds(secondInA)));

        // Route tables belong to gateway endpoints.
        Ec2Exception tables = awsError("InvalidParameter", () -> ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE)
                .vpcId(l.vpc()).serviceName(SQS).subnetIds(third).routeTableIds(l.rtbA()).privateDnsEnabled(false)));
        assertEquals("Route table IDs are only supported for Gateway type VPC Endpoint.", tables.awsErrorDetails().errorMessage());
        // A second S3 gateway endpoint cannot route through a table that already has one.
        awsError("RouteAlreadyExists", () -> ec2.createVpcEndpoint(r -> r.vpcId(l.vpc()).serviceName(S3).routeTableIds(l.rtbB())));

        // None of the refusals left anything behind.
        assertEquals(Set.of(l.s3().vpcEndpointId(), l.sqs().vpcEndpointId()), ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-id", l.vpc())))
                .vpcEndpoints().stream().map(VpcEndpoint::vpcEndpointId).collect(Collectors.toSet()));
        assertEquals(List.of(l.subnetA(), l.subnetB()), describe(ec2, l.sqs().vpcEndpointId()).subnetIds());
        assertEquals(2, ec2.describeNetworkInterfaces(r -> r.filters(filter("vpc-id", l.vpc()))).networkInterfaces().size());
    }

    @Test
    void whatTheEndpointsUseCannotBeDeletedUntilTheEndpointsAreGone(Ec2Client ec2) {
        Layout l = build(ec2);
        String s3 = l.s3().vpcEndpointId(), sqs = l.sqs().vpcEndpointId();

        Ec2Exception vpc = awsError("DependencyViolation", () -> ec2.deleteVpc(r -> r.vpcId(l.vpc())));
        assertTrue(vpc.awsErrorDetails().errorMessage().contains(s3) && vpc.awsErrorDetails().errorMessage().contains(sqs), vpc.getMessage());
        Ec2Exception subnet = awsError("DependencyViolation", () -> ec2.deleteSubnet(r -> r.subnetId(l.subnetA())));
        assertTrue(subnet.awsErrorDetails().errorMessage().contains(sqs), subnet.getMessage());
        Ec2Exception group = awsError("DependencyViolation", () -> ec2.deleteSecurityGroup(r -> r.groupId(l.sg())));
        assertTrue(group.awsErrorDetails().errorMessage().contains(sqs), group.getMessage());
        // A table's subnet association is a dependency of its own; without it the endpoint route still holds the table.
        String association = NetworkFixtures.table(ec2, l.rtbA()).associations().get(0).routeTableAssociationId();
        ec2.disassociateRouteTable(r -> r.associationId(association));
        Ec2Exception table = awsError("DependencyViolation", () -> ec2.deleteRouteTable(r -> r.routeTableId(l.rtbA())));
        assertTrue(table.awsErrorDetails().errorMessage().contains(s3), table.getMessage());
        // The refused deletes changed nothing.
        assertEquals(List.of(l.rtbA(), l.rtbB()), describe(ec2, s3).routeTableIds());
        assertEquals(2, NetworkFixtures.table(ec2, l.rtbA()).routes().size());

        assertEquals(List.of(), ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(s3, sqs)).unsuccessful());
        for (String t : List.of(l.rtbA(), l.rtbB())) {
            assertEquals(List.of("10.0.0.0/16"), NetworkFixtures.table(ec2, t).routes().stream().map(Route::destinationCidrBlock).toList(),
                    "the endpoint route left " + t);
        }
        for (String eni : l.sqs().networkInterfaceIds()) assertTrue(NetworkFixtures.findEni(ec2, eni).isEmpty(), eni + " left behind");
        assertEquals(List.of(), ec2.describeNetworkInterfaces(r -> r.filters(filter("vpc-id", l.vpc()))).networkInterfaces());

        // Now everything goes, in the order AWS needs: tables (after their associations), group, subnets, VPC.
        ec2.deleteRouteTable(r -> r.routeTableId(l.rtbA()));
        String associationB = NetworkFixtures.table(ec2, l.rtbB()).associations().get(0).routeTableAssociationId();
        ec2.disassociateRouteTable(r -> r.associationId(associationB));
        ec2.deleteRouteTable(r -> r.routeTableId(l.rtbB()));
        ec2.deleteSecurityGroup(r -> r.groupId(l.sg()));
        ec2.deleteSubnet(r -> r.subnetId(l.subnetA()));
        ec2.deleteSubnet(r -> r.subnetId(l.subnetB()));
        ec2.deleteVpc(r -> r.vpcId(l.vpc()));
        awsError("InvalidVpcID.NotFound", () -> ec2.describeVpcs(r -> r.vpcIds(l.vpc())));
    }

    /**
     * What the Go SDK (and so Terraform) parses: scalar lists as text directly in {@code <item>}, empty sets
     * present as {@code <x/>}, lowerCamel states, ISO-8601 UTC timestamps with three fraction digits.
     */
    @Test
    void rawXmlOfTheLayoutIsWhatGoAndTerraformParse(Ec2Client ec2, URI endpoint) throws Exception {
        Layout l = build(ec2);
        RawEc2 raw = new RawEc2(endpoint);
        String s3 = l.s3().vpcEndpointId(), sqs = l.sqs().vpcEndpointId();

        String tables = raw.call("DescribeRouteTables", "RouteTableId.1", l.rtbA()).body();
        assertTrue(tables.contains("<DescribeRouteTablesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>"), tables);
        assertTrue(tables.contains("<routeTableSet><item>"), tables);
        assertTrue(tables.contains("<routeTableId>" + l.rtbA() + "</routeTableId><routeSet><item>"), tables);
        assertTrue(tables.contains("<item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId>"), tables);
        assertTrue(tables.contains("<item><destinationPrefixListId>" + S3_PREFIX_LIST + "</destinationPrefixListId><gatewayId>" + s3
                + "</gatewayId>"), tables);
        String endpointRoute = tables.substring(tables.indexOf("<destinationPrefixListId>"));
        endpointRoute = endpointRoute.substring(0, endpointRoute.indexOf("</item>"));
        assertTrue(endpointRoute.contains("<state>active</state>") && endpointRoute.contains("<origin>CreateRoute</origin>"), endpointRoute);
        assertFalse(tables.contains("<destinationCidrBlock></destinationCidrBlock>") || tables.contains("<destinationCidrBlock/>"), tables);
        assertTrue(tables.contains("<subnetId>" + l.subnetA() + "</subnetId>"), tables);
        assertTrue(tables.contains("<main>false</main>"), tables);
        assertTrue(tables.contains("<associationState><state>associated</state></associationState>"), tables);
        assertTrue(tables.contains("<propagatingVgwSet/>"), tables);
        assertTrue(tables.contains("<tagSet/>"), tables);
        assertTrue(tables.contains("<ownerId>" + ACCOUNT + "</ownerId>"), tables);

        String gw = raw.call("DescribeVpcEndpoints", "VpcEndpointId.1", s3).body();
        assertTrue(gw.contains("<routeTableIdSet><item>" + l.rtbA() + "</item><item>" + l.rtbB() + "</item></routeTableIdSet>"), gw);
        assertTrue(gw.contains("<subnetIdSet/>"), gw);
        assertTrue(gw.contains("<networkInterfaceIdSet/>"), gw);
        assertTrue(gw.contains("<dnsEntrySet/>"), gw);
        assertTrue(gw.contains("<state>available</state>"), gw);

        awaitState(ec2, sqs, "available");
        String ifc = raw.call("DescribeVpcEndpoints", "VpcEndpointId.1", sqs).body();
        assertTrue(ifc.contains("<vpcEndpointType>Interface</vpcEndpointType>"), ifc);
        assertTrue(ifc.contains("<state>available</state>"), ifc);
        assertTrue(ifc.contains("<routeTableIdSet/>"), ifc);
        assertTrue(ifc.contains("<subnetIdSet><item>" + l.subnetA() + "</item><item>" + l.subnetB() + "</item></subnetIdSet>"), ifc);
        assertTrue(ifc.contains("<groupSet><item><groupId>" + l.sg() + "</groupId><groupName>sqs-endpoint</groupName></item></groupSet>"), ifc);
        assertTrue(ifc.contains("<networkInterfaceIdSet><item>" + l.sqs().networkInterfaceIds().get(0) + "</item><item>"
                + l.sqs().networkInterfaceIds().get(1) + "</item></networkInterfaceIdSet>"), ifc);
        assertTrue(ifc.contains("<dnsOptions><dnsRecordIpType>ipv4</dnsRecordIpType></dnsOptions>"), ifc);
        assertTrue(ifc.contains("<ipAddressType>ipv4</ipAddressType>"), ifc);
        assertTrue(ifc.contains("<privateDnsEnabled>true</privateDnsEnabled>"), ifc);
        assertTrue(ifc.contains("<requesterManaged>false</requesterManaged>"), ifc);
        assertTrue(ifc.contains("<item><dnsName>sqs.us-east-1.amazonaws.com</dnsName><hostedZoneId>Z"), ifc);
        assertTrue(ifc.contains("<tagSet><item><key>Name</key><value>sqs</value></item></tagSet>"), ifc);
        assertTrue(ifc.matches("(?s).*<creationTimestamp>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z</creationTimestamp>.*"), ifc);
        assertTrue(ifc.contains("<ownerId>" + ACCOUNT + "</ownerId>"), ifc);
    }

    /**
     * AWS writes EC2 timestamps to the second ({@code 2019-06-04T19:10:37.000Z}); Terraform and the SDKs
     * compare them as given, so milliseconds that AWS never sends show up as spurious differences.
     */
    @Test
    void creationTimestampsAreWholeSecondsAsAwsWritesThem(Ec2Client ec2, URI endpoint) {
        Layout l = build(ec2);
        for (String id : List.of(l.s3().vpcEndpointId(), l.sqs().vpcEndpointId())) {
            String body = new RawEc2(endpoint).call("DescribeVpcEndpoints", "VpcEndpointId.1", id).body();
            assertTrue(body.matches("(?s).*<creationTimestamp>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000Z</creationTimestamp>.*"), body);
            assertEquals(0, describe(ec2, id).creationTimestamp().getNano(), id);
        }
    }
}
