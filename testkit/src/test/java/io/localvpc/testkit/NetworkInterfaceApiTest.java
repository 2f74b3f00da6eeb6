package io.localvpc.testkit;

import software.amazon.awssdk.services.ec2.model.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalVpcExtension.class)
class NetworkInterfaceApiTest {

    private static Ec2Exception awsError(String code, Runnable call) {
        Ec2Exception e = assertThrows(Ec2Exception.class, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        return e;
    }

    private static String vpc(Ec2Client ec2, String cidr) {
        return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    }

    private static NetworkInterface create(Ec2Client ec2, String subnetId) {
        return ec2.createNetworkInterface(r -> r.subnetId(subnetId)).networkInterface();
    }

    private static List<NetworkInterface> describe(Ec2Client ec2, Filter... filters) {
        return ec2.describeNetworkInterfaces(r -> r.filters(filters)).networkInterfaces();
    }

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Test
    void createTakesFirstFreeAddressAfterTheFourReservedOnesWithAwsDefaults(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.10.0.0/16");
        Subnet subnet = NetworkFixtures.subnet(ec2, vpcId, "10.10.1.0/24");
        String defaultGroup = NetworkFixtures.defaultGroup(ec2, vpcId);

        NetworkInterface eni = ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.NETWORK_INTERFACE).tags(Tag.builder().key("Name").value("web").build()).build())).networkInterface();
        assertTrue(eni.networkInterfaceId().matches("eni-[0-9a-f]{17}"), eni.networkInterfaceId());
        assertEquals("10.10.1.4", eni.privateIpAddress());
        assertEquals("ip-10-10-1-4.ec2.internal", eni.privateDnsName());
        assertEquals("available", eni.statusAsString());
        assertEquals("interface", eni.interfaceTypeAsString());
        assertTrue(eni.macAddress().matches("02(:[0-9a-f]{2}){5}"), eni.macAddress());
        assertEquals(List.of(GroupIdentifier.builder().groupId(defaultGroup).groupName("default").build()), eni.groups());
        assertEquals(subnet.subnetId(), eni.subnetId());
        assertEquals(vpcId, eni.vpcId());
        assertEquals("us-east-1a", eni.availabilityZone());
        assertEquals("", eni.description());
        assertEquals("000000000000", eni.ownerId());
        assertTrue(eni.sourceDestCheck());
        assertFalse(eni.requesterManaged());
        assertNull(eni.attachment());
        assertNull(eni.association());
        assertTrue(eni.ipv6Addresses().isEmpty());
        assertEquals(List.of(NetworkInterfacePrivateIpAddress.builder().primary(true).privateIpAddress("10.10.1.4")
                .privateDnsName("ip-10-10-1-4.ec2.internal").build()), eni.privateIpAddresses());
        assertEquals(List.of(Tag.builder().key("Name").value("web").build()), eni.tagSet());

        assertEquals("10.10.1.5", create(ec2, subnet.subnetId()).privateIpAddress());
        assertEquals(eni, ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni.networkInterfaceId())).networkInterfaces().get(0));
    }

    @Test
    void requestedAddressIsGivenAndATakenReservedOrOutsideOneIsRefused(Ec2Client ec2) {
        Subnet subnet = NetworkFixtures.subnet(ec2, vpc(ec2, "10.11.0.0/16"), "10.11.1.0/24");
        NetworkInterface eni = ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).privateIpAddress("10.11.1.50")).networkInterface();
        assertEquals("10.11.1.50", eni.privateIpAddress());
        awsError("InvalidIPAddress.InUse", () -> ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).privateIpAddress("10.11.1.50")));
        awsError("InvalidParameterValue", () -> ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).privateIpAddress("10.11.1.2")));
        awsError("InvalidParameterValue", () -> ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).privateIpAddress("10.11.1.255")));
        awsError("InvalidParameterValue", () -> ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).privateIpAddress("10.11.2.9")));
        // The first free address skips the one already taken.
        assertEquals("10.11.1.4", create(ec2, subnet.subnetId()).privateIpAddress());
    }

    @Test
    void secondaryAddressesFollowThePrimaryOne(Ec2Client ec2) {
        Subnet subnet = NetworkFixtures.subnet(ec2, vpc(ec2, "10.12.0.0/16"), "10.12.1.0/24");
        NetworkInterface eni = ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).secondaryPrivateIpAddressCount(2)).networkInterface();
        List<String> ips = eni.privateIpAddresses().stream().map(NetworkInterfacePrivateIpAddress::privateIpAddress).toList();
        assertEquals(List.of("10.12.1.4", "10.12.1.5", "10.12.1.6"), ips);
        assertEquals(List.of(true, false, false), eni.privateIpAddresses().stream().map(NetworkInterfacePrivateIpAddress::primary).toList());
        assertEquals("10.12.1.7", create(ec2, subnet.subnetId()).privateIpAddress());
        assertEquals(1, describe(ec2, filter("addresses.private-ip-address", "10.12.1.6")).size());
    }

    @Test
    void fullSubnetIsReported(Ec2Client ec2) {
        Subnet subnet = NetworkFixtures.subnet(ec2, vpc(ec2, "10.13.0.0/16"), "10.13.1.0/28");
        for (int i = 0; i < 11; i++) create(ec2, subnet.subnetId());
        awsError("InsufficientFreeAddressesInSubnet", () -> create(ec2, subnet.subnetId()));
    }

    @Test
    void securityGroupsMustExistAndBeInTheSameVpc(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.14.0.0/16");
        Subnet subnet = NetworkFixtures.subnet(ec2, vpcId, "10.14.1.0/24");
        String web = NetworkFixtures.securityGroup(ec2, vpcId, "web");
        String elsewhere = NetworkFixtures.securityGroup(ec2, vpc(ec2, "10.15.0.0/16"), "other");

        NetworkInterface eni = ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).groups(web).description("app")).networkInterface();
        assertEquals(List.of(GroupIdentifier.builder().groupId(web).groupName("web").build()), eni.groups());
        assertEquals("app", eni.description());
        Ec2Exception e = awsError("InvalidParameter", () -> ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).groups(elsewhere)));
        assertTrue(e.awsErrorDetails().errorMessage().contains("belong to different networks"), e.getMessage());
        awsError("InvalidGroup.NotFound", () -> ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).groups("sg-0123456789abcdef0")));
        awsError("InvalidGroupId.Malformed", () -> ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).groups("web")));
        awsError("InvalidSubnetID.NotFound", () -> create(ec2, "subnet-0123456789abcdef0"));
        awsError("MissingParameter", () -> ec2.createNetworkInterface(r -> r.description("no subnet")));
    }

    @Test
    void deleteRemovesTheInterfaceAndFreesItsAddress(Ec2Client ec2) {
        Subnet subnet = NetworkFixtures.subnet(ec2, vpc(ec2, "10.16.0.0/16"), "10.16.1.0/24");
        NetworkInterface eni = create(ec2, subnet.subnetId());
        ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni.networkInterfaceId()));
        awsError("InvalidNetworkInterfaceID.NotFound", () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni.networkInterfaceId())));
        awsError("InvalidNetworkInterfaceID.NotFound", () -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni.networkInterfaceId())));
        awsError("InvalidNetworkInterfaceID.Malformed", () -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId("eni-xyz")));
        assertEquals("10.16.1.4", create(ec2, subnet.subnetId()).privateIpAddress());
    }

    @Test
    void attachedInterfaceIsInUseAndShowsItsAttachmentAndPublicIp(Ec2Client ec2) {
        Subnet subnet = NetworkFixtures.subnet(ec2, vpc(ec2, "10.17.0.0/16"), "10.17.1.0/24", "us-east-1b", true);
        var instance = ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1).subnetId(subnet.subnetId())).instances().get(0);
        NetworkInterface eni = describe(ec2, filter("attachment.instance-id", instance.instanceId())).get(0);
        assertEquals("in-use", eni.statusAsString());
        assertEquals(instance.instanceId(), eni.attachment().instanceId());
        assertEquals(0, eni.attachment().deviceIndex());
        assertTrue(eni.attachment().deleteOnTermination());
        assertEquals("attached", eni.attachment().statusAsString());
        assertEquals("000000000000", eni.attachment().instanceOwnerId());
        assertEquals(instance.launchTime(), eni.attachment().attachTime());
        assertTrue(eni.attachment().attachmentId().startsWith("eni-attach-"), eni.attachment().attachmentId());
        assertEquals(instance.publicIpAddress(), eni.association().publicIp());
        assertEquals("amazon", eni.association().ipOwnerId());
        assertEquals(eni.association(), eni.privateIpAddresses().get(0).association());
        assertEquals(List.of(eni), describe(ec2, filter("attachment.attachment-id", eni.attachment().attachmentId())));
        assertEquals(List.of(eni), describe(ec2, filter("association.public-ip", instance.publicIpAddress())));
        assertEquals(List.of(eni), describe(ec2, filter("attachment.status", "attached"), filter("subnet-id", subnet.subnetId())));

        Ec2Exception e = awsError("InvalidNetworkInterface.InUse", () -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni.networkInterfaceId())));
        assertTrue(e.awsErrorDetails().errorMessage().contains(instance.instanceId()), e.getMessage());
    }

    @Test
    void serviceManagedInterfaceCannotBeDeletedDirectly(Ec2Client ec2) {
        Subnet subnet = NetworkFixtures.subnet(ec2, vpc(ec2, "10.18.0.0/16"), "10.18.1.0/24");
        // An interface endpoint owns one such interface per subnet.
        var endpoint = ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(subnet.vpcId())
                .serviceName("com.amazonaws.us-east-1.sqs").subnetIds(subnet.subnetId()).privateDnsEnabled(false)).vpcEndpoint();
        String eniId = endpoint.networkInterfaceIds().get(0);
        Ec2Exception e = awsError("OperationNotPermitted", () -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eniId)));
        assertTrue(e.awsErrorDetails().errorMessage().contains("VPC endpoint " + endpoint.vpcEndpointId()), e.getMessage());

        NetworkInterface eni = describe(ec2, filter("requester-managed", "true"), filter("vpc-id", subnet.vpcId())).get(0);
        assertEquals(eniId, eni.networkInterfaceId());
        assertEquals("vpc_endpoint", eni.interfaceTypeAsString());
        assertEquals("in-use", eni.statusAsString());
        assertEquals("727180483921", eni.requesterId());
        assertEquals(List.of(eni), describe(ec2, filter("requester-id", "727180483921"), filter("vpc-id", subnet.vpcId())));
        assertEquals(List.of(eni), describe(ec2, filter("interface-type", "vpc_endpoint"), filter("vpc-id", subnet.vpcId())));
    }

    @Test
    void describeFiltersByEveryField(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.19.0.0/16");
        Subnet a = NetworkFixtures.subnet(ec2, vpcId, "10.19.1.0/24");
        Subnet b = NetworkFixtures.subnet(ec2, vpcId, "10.19.2.0/24", "us-east-1c", false);
        String web = NetworkFixtures.securityGroup(ec2, vpcId, "web-19");
        NetworkInterface first = ec2.createNetworkInterface(r -> r.subnetId(a.subnetId()).description("first").groups(web)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.NETWORK_INTERFACE)
                        .tags(Tag.builder().key("tier").value("front").build()).build())).networkInterface();
        NetworkInterface second = create(ec2, b.subnetId());
        Filter inVpc = filter("vpc-id", vpcId);

        assertEquals(java.util.Set.of(first, second), java.util.Set.copyOf(describe(ec2, inVpc)), "Describe lists in id order, not creation order");
        assertEquals(List.of(second), describe(ec2, filter("subnet-id", b.subnetId())));
        assertEquals(List.of(second), describe(ec2, inVpc, filter("availability-zone", "us-east-1c")));
        assertEquals(List.of(first), describe(ec2, filter("network-interface-id", first.networkInterfaceId())));
        assertEquals(List.of(first), describe(ec2, inVpc, filter("private-ip-address", "10.19.1.4")));
        assertEquals(List.of(first), describe(ec2, inVpc, filter("group-id", web)));
        assertEquals(List.of(first), describe(ec2, inVpc, filter("group-name", "web-19")));
        assertEquals(List.of(first), describe(ec2, inVpc, filter("description", "fir*")));
        assertEquals(List.of(first), describe(ec2, inVpc, filter("mac-address", first.macAddress())));
        assertEquals(List.of(first), describe(ec2, inVpc, filter("tag:tier", "front")));
        assertEquals(java.util.Set.of(first, second), java.util.Set.copyOf(describe(ec2, inVpc, filter("status", "available"), filter("owner-id", "000000000000"),
                filter("interface-type", "interface"), filter("requester-managed", "false"), filter("source-dest-check", "true"))));
        assertTrue(describe(ec2, inVpc, filter("status", "in-use")).isEmpty());
        awsError("InvalidParameterValue", () -> describe(ec2, filter("no-such-filter", "x")));
    }

    @Test
    void describePaginates(Ec2Client ec2) {
        Subnet subnet = NetworkFixtures.subnet(ec2, vpc(ec2, "10.20.0.0/16"), "10.20.1.0/24");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) made.add(create(ec2, subnet.subnetId()).networkInterfaceId());
        Filter inSubnet = filter("subnet-id", subnet.subnetId());
        DescribeNetworkInterfacesResponse page1 = ec2.describeNetworkInterfaces(r -> r.filters(inSubnet).maxResults(5));
        assertEquals(5, page1.networkInterfaces().size());
        assertNotNull(page1.nextToken());
        DescribeNetworkInterfacesResponse page2 = ec2.describeNetworkInterfaces(r -> r.filters(inSubnet).maxResults(5).nextToken(page1.nextToken()));
        assertEquals(2, page2.networkInterfaces().size());
        assertNull(page2.nextToken());
        List<String> seen = new ArrayList<>();
        page1.networkInterfaces().forEach(n -> seen.add(n.networkInterfaceId()));
        page2.networkInterfaces().forEach(n -> seen.add(n.networkInterfaceId()));
        assertEquals(made.stream().sorted().toList(), seen);
        List<String> paged = ec2.describeNetworkInterfacesPaginator(r -> r.filters(inSubnet).maxResults(5)).networkInterfaces().stream()
                .map(NetworkInterface::networkInterfaceId).toList();
        assertEquals(seen, paged);
        awsError("InvalidParameterValue", () -> ec2.describeNetworkInterfaces(r -> r.maxResults(4)));
    }

    @Test
    void modifyChangesOneAttributeAtATime(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.21.0.0/16");
        Subnet subnet = NetworkFixtures.subnet(ec2, vpcId, "10.21.1.0/24");
        String web = NetworkFixtures.securityGroup(ec2, vpcId, "web-21");
        String db = NetworkFixtures.securityGroup(ec2, vpcId, "db-21");
        String elsewhere = NetworkFixtures.securityGroup(ec2, vpc(ec2, "10.22.0.0/16"), "other-21");
        String id = create(ec2, subnet.subnetId()).networkInterfaceId();
        Consumer<software.amazon.awssdk.services.ec2.model.ModifyNetworkInterfaceAttributeRequest.Builder> base = r -> r.networkInterfaceId(id);

        ec2.modifyNetworkInterfaceAttribute(r -> base.accept(r.description(d -> d.value("changed"))));
        ec2.modifyNetworkInterfaceAttribute(r -> base.accept(r.sourceDestCheck(v -> v.value(false))));
        ec2.modifyNetworkInterfaceAttribute(r -> base.accept(r.groups(web, db)));
        NetworkInterface eni = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(id)).networkInterfaces().get(0);
        assertEquals("changed", eni.description());
        assertFalse(eni.sourceDestCheck());
        assertEquals(List.of(web, db), eni.groups().stream().map(GroupIdentifier::groupId).toList());

        awsError("InvalidParameter", () -> ec2.modifyNetworkInterfaceAttribute(r -> base.accept(r.groups(elsewhere))));
        awsError("InvalidGroup.NotFound", () -> ec2.modifyNetworkInterfaceAttribute(r -> base.accept(r.groups("sg-0123456789abcdef0"))));
        awsError("InvalidParameterCombination", () -> ec2.modifyNetworkInterfaceAttribute(r -> base.accept(r)));
        awsError("InvalidParameterCombination", () -> ec2.modifyNetworkInterfaceAttribute(r -> base.accept(r.groups(web).description(d -> d.value("x")))));
        awsError("InvalidNetworkInterfaceID.NotFound", () -> ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId("eni-0123456789abcdef0")
                .description(d -> d.value("x"))));
    }
}
