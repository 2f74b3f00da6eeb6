package io.localvpc.testkit;

import io.localvpc.core.ops.NatGatewayOps;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.localvpc.testkit.RoutingFixtures.awsError;
import static io.localvpc.testkit.RoutingFixtures.eni;
import static io.localvpc.testkit.RoutingFixtures.filter;
import static io.localvpc.testkit.RoutingFixtures.describedEni;
import static io.localvpc.testkit.RoutingFixtures.publicIpOf;
import static io.localvpc.testkit.RoutingFixtures.subnet;
import static io.localvpc.testkit.RoutingFixtures.vpc;
import static io.localvpc.testkit.RoutingFixtures.vpcWithIgw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalVpcExtension.class)
class NatGatewayAndAddressApiTest {
    private static final Duration DELAY = Duration.ofMillis(400);
    private static Duration saved;

    @BeforeAll
    static void shortenNatTransitions() {
        saved = NatGatewayOps.transitionDelay();
        NatGatewayOps.setTransitionDelay(DELAY);
    }

    @AfterAll
    static void restore() {
        NatGatewayOps.setTransitionDelay(saved);
    }

    private static NatGateway nat(Ec2Client ec2, String id) {
        return ec2.describeNatGateways(r -> r.natGatewayIds(id)).natGateways().get(0);
    }

    private static NatGateway awaitState(Ec2Client ec2, String id, NatGatewayState state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            NatGateway n = nat(ec2, id);
            if (n.state() == state) return n;
            if (System.nanoTime() > deadline) throw new AssertionError(id + " stayed " + n.state() + ", expected " + state);
            Thread.sleep(50);
        }
    }

    private static Address address(Ec2Client ec2, String allocationId) {
        return ec2.describeAddresses(r -> r.allocationIds(allocationId)).addresses().get(0);
    }

    // ---- Elastic IPs ----

    @Test
    void allocateDescribeAndRelease(Ec2Client ec2) {
        AllocateAddressResponse a = ec2.allocateAddress(r -> r.domain("vpc").tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.ELASTIC_IP).tags(Tag.builder().key("Name").value("web").build()).build()));
        assertTrue(a.allocationId().matches("eipalloc-[0-9a-f]{17}"), a.allocationId());
        assertTrue(Ipv4Cidr.parse("3.208.0.0/12").orElseThrow().contains(Ipv4.parse(a.publicIp())), a.publicIp());
        assertEquals("vpc", a.domainAsString());
        assertEquals("amazon", a.publicIpv4Pool());
        assertEquals("us-east-1", a.networkBorderGroup());
        String second = ec2.allocateAddress(r -> { }).publicIp();
        assertFalse(second.equals(a.publicIp()), "two allocations share " + second);

        Address shown = address(ec2, a.allocationId());
        assertEquals(a.publicIp(), shown.publicIp());
        assertEquals(List.of(Tag.builder().key("Name").value("web").build()), shown.tags());
        assertNull(shown.associationId());
        assertEquals(shown, ec2.describeAddresses(r -> r.publicIps(a.publicIp())).addresses().get(0));
        assertEquals(List.of(shown), ec2.describeAddresses(r -> r.filters(filter("public-ip", a.publicIp()), filter("domain", "vpc"),
                filter("allocation-id", a.allocationId()), filter("tag:Name", "web"))).addresses());

        awsError(assertThrows(Ec2Exception.class, () -> ec2.releaseAddress(r -> r.publicIp(a.publicIp()))), "InvalidParameterValue");
        ec2.releaseAddress(r -> r.allocationId(a.allocationId()));
        awsError(assertThrows(Ec2Exception.class, () -> address(ec2, a.allocationId())), "InvalidAllocationID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.describeAddresses(r -> r.publicIps(a.publicIp()))), "InvalidAddress.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.releaseAddress(r -> r.allocationId(a.allocationId()))), "InvalidAllocationID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.allocateAddress(r -> r.domain("standard"))), "InvalidParameterValue");
    }

    @Test
    void associateWithAnInterfaceAndMoveIt(LocalVpc server, Ec2Client ec2) {
        String vpcId = vpcWithIgw(ec2, "10.40.0.0/16")[0];
        String subnetId = subnet(server, ec2, vpcId, "10.40.1.0/24");
        String eni1 = eni(server, ec2, subnetId);
        String eni2 = eni(server, ec2, subnetId);
        AllocateAddressResponse eip = ec2.allocateAddress(r -> { });

        String assoc = ec2.associateAddress(r -> r.allocationId(eip.allocationId()).networkInterfaceId(eni1)).associationId();
        assertTrue(assoc.matches("eipassoc-[0-9a-f]{17}"), assoc);
        Address shown = address(ec2, eip.allocationId());
        assertEquals(assoc, shown.associationId());
        assertEquals(eni1, shown.networkInterfaceId());
        assertEquals("000000000000", shown.networkInterfaceOwnerId());
        String privateIp = describedEni(ec2, eni1).privateIpAddress();
        assertEquals(privateIp, shown.privateIpAddress());
        assertEquals(eip.publicIp(), publicIpOf(ec2, eni1));
        assertEquals(List.of(shown), ec2.describeAddresses(r -> r.filters(filter("association-id", assoc), filter("network-interface-id", eni1),
                filter("private-ip-address", privateIp))).addresses());
        assertEquals(List.of(), ec2.describeAddresses(r -> r.filters(filter("instance-id", "i-*"), filter("allocation-id", eip.allocationId()))).addresses());

        awsError(assertThrows(Ec2Exception.class, () -> ec2.releaseAddress(r -> r.allocationId(eip.allocationId()))), "InvalidIPAddress.InUse");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r.allocationId(eip.allocationId()).networkInterfaceId(eni2))),
                "Resource.AlreadyAssociated");

        String moved = ec2.associateAddress(r -> r.allocationId(eip.allocationId()).networkInterfaceId(eni2).allowReassociation(true)).associationId();
        assertEquals(eni2, address(ec2, eip.allocationId()).networkInterfaceId());
        assertNull(publicIpOf(ec2, eni1));
        assertEquals(eip.publicIp(), publicIpOf(ec2, eni2));
        awsError(assertThrows(Ec2Exception.class, () -> ec2.disassociateAddress(r -> r.associationId(assoc))), "InvalidAssociationID.NotFound");

        ec2.disassociateAddress(r -> r.associationId(moved));
        assertNull(address(ec2, eip.allocationId()).associationId());
        assertNull(publicIpOf(ec2, eni2));
        ec2.releaseAddress(r -> r.allocationId(eip.allocationId()));
    }

    @Test
    void associationErrors(LocalVpc server, Ec2Client ec2) {
        String isolated = vpc(ec2, "10.41.0.0/16");
        String subnetId = subnet(server, ec2, isolated, "10.41.1.0/24");
        String eniId = eni(server, ec2, subnetId);
        String alloc = ec2.allocateAddress(r -> { }).allocationId();
        awsError(assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r.allocationId(alloc).networkInterfaceId(eniId))), "Gateway.NotAttached");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r.allocationId(alloc).instanceId("i-0123456789abcdef0"))),
                "InvalidInstanceID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r.allocationId(alloc).networkInterfaceId("eni-0123456789abcdef0"))),
                "InvalidNetworkInterfaceID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r.allocationId("eipalloc-0123456789abcdef0").networkInterfaceId(eniId))),
                "InvalidAllocationID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r.allocationId(alloc))), "MissingParameter");
        String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(isolated));
        awsError(assertThrows(Ec2Exception.class, () -> ec2.associateAddress(r -> r.allocationId(alloc).networkInterfaceId(eniId)
                .privateIpAddress("10.41.1.200"))), "InvalidParameterValue");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.disassociateAddress(r -> r.associationId("eipassoc-0123456789abcdef0"))),
                "InvalidAssociationID.NotFound");
    }

    // ---- NAT gateways ----

    @Test
    void publicNatGatewayLifecycle(LocalVpc server, Ec2Client ec2) throws InterruptedException {
        String vpcId = vpcWithIgw(ec2, "10.42.0.0/16")[0];
        String subnetId = subnet(server, ec2, vpcId, "10.42.1.0/24");
        AllocateAddressResponse eip = ec2.allocateAddress(r -> { });
        NatGateway created = ec2.createNatGateway(r -> r.subnetId(subnetId).allocationId(eip.allocationId()).tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.NATGATEWAY).tags(Tag.builder().key("Name").value("egress").build()).build())).natGateway();
        String natId = created.natGatewayId();
        assertTrue(natId.matches("nat-[0-9a-f]{17}"), natId);
        assertEquals(NatGatewayState.PENDING, created.state());
        assertEquals("public", created.connectivityTypeAsString());
        assertEquals(subnetId, created.subnetId());
        assertEquals(vpcId, created.vpcId());
        assertNotNull(created.createTime());
        assertNull(created.deleteTime());
        assertEquals(List.of(Tag.builder().key("Name").value("egress").build()), created.tags());
        NatGatewayAddress addr = created.natGatewayAddresses().get(0);
        assertEquals(eip.allocationId(), addr.allocationId());
        assertEquals(eip.publicIp(), addr.publicIp());
        assertTrue(addr.isPrimary());
        assertTrue(Ipv4Cidr.parse("10.42.1.0/24").orElseThrow().contains(Ipv4.parse(addr.privateIp())), addr.privateIp());

        var eniRecord = describedEni(ec2, addr.networkInterfaceId());
        assertEquals("nat_gateway", eniRecord.interfaceTypeAsString());
        assertEquals("Interface for NAT Gateway " + natId, eniRecord.description());
        assertTrue(eniRecord.requesterManaged());
        assertEquals(addr.privateIp(), eniRecord.privateIpAddress());
        assertEquals(eip.publicIp(), eniRecord.association().publicIp());

        NatGateway available = awaitState(ec2, natId, NatGatewayState.AVAILABLE);
        assertEquals("succeeded", available.natGatewayAddresses().get(0).statusAsString());
        Address held = address(ec2, eip.allocationId());
        assertEquals(addr.networkInterfaceId(), held.networkInterfaceId());
        assertEquals(addr.privateIp(), held.privateIpAddress());

        awsError(assertThrows(Ec2Exception.class, () -> ec2.releaseAddress(r -> r.allocationId(eip.allocationId()))), "InvalidIPAddress.InUse");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.disassociateAddress(r -> r.associationId(held.associationId()))), "InvalidIPAddress.InUse");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNatGateway(r -> r.subnetId(subnetId).allocationId(eip.allocationId()))),
                "Resource.AlreadyAssociated");

        assertEquals(natId, ec2.deleteNatGateway(r -> r.natGatewayId(natId)).natGatewayId());
        assertEquals(NatGatewayState.DELETING, nat(ec2, natId).state());
        NatGateway deleted = awaitState(ec2, natId, NatGatewayState.DELETED);
        assertNotNull(deleted.deleteTime());
        assertEquals(Set.of(natId), ids(ec2.describeNatGateways(r -> r.filter(filter("state", "deleted"), filter("vpc-id", vpcId)))));
        assertNull(address(ec2, eip.allocationId()).associationId());
        assertTrue(NetworkFixtures.findEni(ec2, addr.networkInterfaceId()).isEmpty(), "NAT interface kept after delete");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteNatGateway(r -> r.natGatewayId(natId))), "NatGatewayNotFound");
        ec2.releaseAddress(r -> r.allocationId(eip.allocationId()));
    }

    @Test
    void privateNatGatewayTakesTheAddressAskedFor(LocalVpc server, Ec2Client ec2) throws InterruptedException {
        String vpcId = vpc(ec2, "10.43.0.0/16");
        String subnetId = subnet(server, ec2, vpcId, "10.43.1.0/24");
        NatGateway n = ec2.createNatGateway(r -> r.subnetId(subnetId).connectivityType("private").privateIpAddress("10.43.1.77")).natGateway();
        assertEquals("private", n.connectivityTypeAsString());
        NatGatewayAddress a = n.natGatewayAddresses().get(0);
        assertEquals("10.43.1.77", a.privateIp());
        assertNull(a.allocationId());
        assertNull(a.publicIp());
        awaitState(ec2, n.natGatewayId(), NatGatewayState.AVAILABLE);
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNatGateway(r -> r.subnetId(subnetId).connectivityType("private")
                .privateIpAddress("10.43.1.77"))), "InvalidIPAddress.InUse");
    }

    @Test
    void publicNatGatewayWithoutInternetGatewayFails(LocalVpc server, Ec2Client ec2) throws InterruptedException {
        String vpcId = vpc(ec2, "10.44.0.0/16");
        String subnetId = subnet(server, ec2, vpcId, "10.44.1.0/24");
        String alloc = ec2.allocateAddress(r -> { }).allocationId();
        String natId = ec2.createNatGateway(r -> r.subnetId(subnetId).allocationId(alloc)).natGateway().natGatewayId();
        NatGateway failed = awaitState(ec2, natId, NatGatewayState.FAILED);
        assertEquals("Gateway.NotAttached", failed.failureCode());
        assertTrue(failed.failureMessage().contains(vpcId), failed.failureMessage());
        assertNull(address(ec2, alloc).associationId());
    }

    @Test
    void natGatewayErrors(LocalVpc server, Ec2Client ec2) {
        String vpcId = vpcWithIgw(ec2, "10.45.0.0/16")[0];
        String subnetId = subnet(server, ec2, vpcId, "10.45.1.0/24");
        String alloc = ec2.allocateAddress(r -> { }).allocationId();
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNatGateway(r -> r.subnetId("subnet-0123456789abcdef0").allocationId(alloc))),
                "InvalidSubnetID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNatGateway(r -> r.subnetId(subnetId).allocationId("eipalloc-0123456789abcdef0"))),
                "InvalidAllocationID.NotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNatGateway(r -> r.subnetId(subnetId))), "MissingParameter");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.createNatGateway(r -> r.subnetId(subnetId).connectivityType("private").allocationId(alloc))),
                "InvalidParameterCombination");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.describeNatGateways(r -> r.natGatewayIds("nat-0123456789abcdef0"))), "NatGatewayNotFound");
        awsError(assertThrows(Ec2Exception.class, () -> ec2.deleteNatGateway(r -> r.natGatewayId("nat-0123456789abcdef0"))), "NatGatewayNotFound");
    }

    @Test
    void natGatewayFiltersAndPagination(LocalVpc server, Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.46.0.0/16");
        String subnetA = subnet(server, ec2, vpcId, "10.46.1.0/24");
        String subnetB = subnet(server, ec2, vpcId, "10.46.2.0/24");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            String s = i == 0 ? subnetB : subnetA;
            created.add(ec2.createNatGateway(r -> r.subnetId(s).connectivityType("private")).natGateway().natGatewayId());
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeNatGatewaysResponse page = ec2.describeNatGateways(r -> r.filter(filter("vpc-id", vpcId)).maxResults(5).nextToken(t));
            page.natGateways().forEach(n -> seen.add(n.natGatewayId()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(created, seen);
        assertEquals(2, pages);
        assertEquals(1, ids(ec2.describeNatGateways(r -> r.filter(filter("subnet-id", subnetB)))).size());
        String one = created.iterator().next();
        assertEquals(Set.of(one), ids(ec2.describeNatGateways(r -> r.filter(filter("nat-gateway-id", one), filter("state", "pending", "available")))));
        ec2.createTags(r -> r.resources(one).tags(Tag.builder().key("role").value("picked").build()));
        assertEquals(Set.of(one), ids(ec2.describeNatGateways(r -> r.filter(filter("tag:role", "picked")))));
        awsError(assertThrows(Ec2Exception.class, () -> ec2.describeNatGateways(r -> r.filter(filter("bogus", "x")))), "InvalidParameterValue");
    }

    private static Set<String> ids(DescribeNatGatewaysResponse response) {
        Set<String> out = new HashSet<>();
        response.natGateways().forEach(n -> out.add(n.natGatewayId()));
        return out;
    }
}
