package io.localvpc.testkit;

import software.amazon.awssdk.services.ec2.model.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalVpcExtension.class)
class InstanceApiTest {
    static final String AMI = "ami-0abcdef1234567890";

    static Ec2Exception awsError(String code, Runnable call) {
        Ec2Exception e = assertThrows(Ec2Exception.class, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        return e;
    }

    static RunInstancesResponse run(Ec2Client ec2, Consumer<RunInstancesRequest.Builder> more) {
        return ec2.runInstances(r -> more.accept(r.imageId(AMI).minCount(1).maxCount(1)));
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static List<Instance> instances(Ec2Client ec2, Filter... filters) {
        return ec2.describeInstances(r -> r.filters(filters)).reservations().stream().flatMap(r -> r.instances().stream()).toList();
    }

    static List<String> ids(List<Instance> instances) {
        return instances.stream().map(Instance::instanceId).sorted().toList();
    }

    private static String vpc(Ec2Client ec2, String cidr) {
        return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    }

    @Test
    void runWithoutSubnetUsesTheDefaultVpcsFirstZoneAndMapsAPublicIp(URI endpoint) {
        // A fresh account, so the default subnet's addresses are predictable.
        try (Ec2Client ec2 = LocalVpcExtension.ec2(endpoint, "111122223333", Region.US_EAST_1)) {
            RunInstancesResponse r = ec2.runInstances(b -> b.imageId(AMI).minCount(1).maxCount(1).keyName("deploy"));
            assertTrue(r.reservationId().matches("r-[0-9a-f]{17}"), r.reservationId());
            assertEquals("111122223333", r.ownerId());
            assertTrue(r.groups().isEmpty());
            Instance i = r.instances().get(0);
            assertTrue(i.instanceId().matches("i-[0-9a-f]{17}"), i.instanceId());
            assertEquals("pending", i.state().nameAsString());
            assertEquals(0, i.state().code());
            assertEquals(AMI, i.imageId());
            assertEquals("t3.micro", i.instanceTypeAsString());
            assertEquals("deploy", i.keyName());
            assertEquals(0, i.amiLaunchIndex());
            assertEquals("us-east-1a", i.placement().availabilityZone());
            assertEquals("default", i.placement().tenancyAsString());
            assertEquals("172.31.0.4", i.privateIpAddress());
            assertEquals("ip-172-31-0-4.ec2.internal", i.privateDnsName());
            assertNotNull(i.publicIpAddress());
            assertTrue(i.publicIpAddress().matches("3\\.(8[0-9]|9[0-5])\\.\\d+\\.\\d+"), i.publicIpAddress());
            assertEquals("ec2-" + i.publicIpAddress().replace('.', '-') + ".compute-1.amazonaws.com", i.publicDnsName());
            assertEquals("x86_64", i.architectureAsString());
            assertEquals("ebs", i.rootDeviceTypeAsString());
            assertEquals("xen", i.hypervisorAsString());
            assertEquals("hvm", i.virtualizationTypeAsString());
            assertEquals("disabled", i.monitoring().stateAsString());
            assertTrue(i.sourceDestCheck());
            assertNotNull(i.clientToken());
            assertNotNull(i.launchTime());
            String defaultVpc = ec2.describeVpcs(b -> b.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
            assertEquals(defaultVpc, i.vpcId());
            String defaultGroup = NetworkFixtures.defaultGroup(ec2, defaultVpc);
            assertEquals(List.of(GroupIdentifier.builder().groupId(defaultGroup).groupName("default").build()), i.securityGroups());

            InstanceNetworkInterface nic = i.networkInterfaces().get(0);
            assertEquals(1, i.networkInterfaces().size());
            assertEquals(0, nic.attachment().deviceIndex());
            assertTrue(nic.attachment().deleteOnTermination());
            assertEquals("attached", nic.attachment().statusAsString());
            assertEquals("in-use", nic.statusAsString());
            assertEquals("172.31.0.4", nic.privateIpAddress());
            assertEquals(i.publicIpAddress(), nic.association().publicIp());
            assertEquals(i.subnetId(), nic.subnetId());
            assertEquals("interface", nic.interfaceType());
            assertEquals(i.securityGroups(), nic.groups());

            // The same instance, as DescribeInstances shows it, in a reservation of its own.
            Reservation described = ec2.describeInstances(b -> b.instanceIds(i.instanceId())).reservations().get(0);
            assertEquals(r.reservationId(), described.reservationId());
            assertEquals(i.instanceId(), described.instances().get(0).instanceId());
            assertEquals(i.networkInterfaces(), described.instances().get(0).networkInterfaces());
        }
    }

    @Test
    void subnetWithoutPublicMappingGivesNoPublicIpUnlessAsked(Ec2Client ec2) {
        Subnet subnet = NetworkFixtures.subnet(ec2, vpc(ec2, "10.30.0.0/16"), "10.30.1.0/24");
        Instance plain = run(ec2, b -> b.subnetId(subnet.subnetId()).privateIpAddress("10.30.1.20").instanceType("m7g.large")).instances().get(0);
        assertNull(plain.publicIpAddress());
        assertEquals("", plain.publicDnsName());
        assertEquals("10.30.1.20", plain.privateIpAddress());
        assertEquals("arm64", plain.architectureAsString());
        assertEquals("m7g.large", plain.instanceTypeAsString());

        Instance asked = run(ec2, b -> b.networkInterfaces(InstanceNetworkInterfaceSpecification.builder()
                .deviceIndex(0).subnetId(subnet.subnetId()).associatePublicIpAddress(true).build())).instances().get(0);
        assertNotNull(asked.publicIpAddress());
        assertEquals("10.30.1.4", asked.privateIpAddress());
        // Custom VPCs have DNS hostnames off, so the public IP has no public name.
        assertEquals("", asked.publicDnsName());

        awsError("InvalidIPAddress.InUse", () -> run(ec2, b -> b.subnetId(subnet.subnetId()).privateIpAddress("10.30.1.20")));
        awsError("InvalidParameterCombination", () -> ec2.runInstances(b -> b.imageId(AMI).minCount(1).maxCount(2)
                .subnetId(subnet.subnetId()).privateIpAddress("10.30.1.21")));
    }

    @Test
    void privateDnsNamesOutsideUsEast1UseTheRegion(URI endpoint) {
        try (Ec2Client west = LocalVpcExtension.ec2(endpoint, "test", Region.EU_WEST_1)) {
            Instance i = run(west, b -> { }).instances().get(0);
            assertEquals("eu-west-1a", i.placement().availabilityZone());
            assertEquals("ip-" + i.privateIpAddress().replace('.', '-') + ".eu-west-1.compute.internal", i.privateDnsName());
            assertEquals("ec2-" + i.publicIpAddress().replace('.', '-') + ".eu-west-1.compute.amazonaws.com", i.publicDnsName());
        }
    }

    @Test
    void instancesLaunchedTogetherShareAReservation(Ec2Client ec2) {
        Subnet subnet = NetworkFixtures.subnet(ec2, vpc(ec2, "10.31.0.0/16"), "10.31.1.0/24");
        RunInstancesResponse three = ec2.runInstances(b -> b.imageId(AMI).minCount(3).maxCount(3).subnetId(subnet.subnetId()));
        RunInstancesResponse one = run(ec2, b -> b.subnetId(subnet.subnetId()));
        assertEquals(3, three.instances().size());
        assertEquals(List.of(0, 1, 2), three.instances().stream().map(Instance::amiLaunchIndex).toList());
        assertEquals(List.of("10.31.1.4", "10.31.1.5", "10.31.1.6"), three.instances().stream().map(Instance::privateIpAddress).toList());

        List<Reservation> described = ec2.describeInstances(b -> b.filters(filter("subnet-id", subnet.subnetId()))).reservations();
        assertEquals(2, described.size());
        Reservation group = described.stream().filter(r -> r.reservationId().equals(three.reservationId())).findFirst().orElseThrow();
        assertEquals(ids(three.instances()), ids(group.instances()));
        assertEquals(List.of(one.instances().get(0).instanceId()), ids(instances(ec2, filter("reservation-id", one.reservationId()))));
    }

    @Test
    void maxCountIsLimitedByFreeAddressesAndMinCountIsNot(Ec2Client ec2) {
        Subnet subnet = NetworkFixtures.subnet(ec2, vpc(ec2, "10.32.0.0/16"), "10.32.1.0/28");
        RunInstancesResponse r = ec2.runInstances(b -> b.imageId(AMI).minCount(1).maxCount(20).subnetId(subnet.subnetId()));
        assertEquals(11, r.instances().size());
        awsError("InsufficientFreeAddressesInSubnet", () -> run(ec2, b -> b.subnetId(subnet.subnetId())));
    }

    @Test
    void badLaunchRequestsAreRefusedWithAwsErrors(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.33.0.0/16");
        Subnet subnet = NetworkFixtures.subnet(ec2, vpcId, "10.33.1.0/24");
        String elsewhere = NetworkFixtures.securityGroup(ec2, vpc(ec2, "10.34.0.0/16"), "elsewhere");
        awsError("MissingParameter", () -> ec2.runInstances(b -> b.minCount(1).maxCount(1)));
        awsError("InvalidAMIID.Malformed", () -> ec2.runInstances(b -> b.imageId("image-1").minCount(1).maxCount(1)));
        awsError("InvalidParameterValue", () -> ec2.runInstances(b -> b.imageId(AMI).minCount(2).maxCount(1)));
        awsError("InvalidParameterValue", () -> ec2.runInstances(b -> b.imageId(AMI).minCount(0).maxCount(1)));
        awsError("InvalidSubnetID.NotFound", () -> run(ec2, b -> b.subnetId("subnet-0123456789abcdef0")));
        awsError("InvalidParameter", () -> run(ec2, b -> b.subnetId(subnet.subnetId()).securityGroupIds(elsewhere)));
        awsError("InvalidGroup.NotFound", () -> run(ec2, b -> b.subnetId(subnet.subnetId()).securityGroupIds("sg-0123456789abcdef0")));
        awsError("InvalidParameterCombination", () -> run(ec2, b -> b.subnetId(subnet.subnetId()).securityGroups("default")));
        awsError("InvalidGroup.NotFound", () -> run(ec2, b -> b.securityGroups("no-such-group")));
        awsError("InvalidParameterCombination", () -> run(ec2, b -> b.subnetId(subnet.subnetId())
                .networkInterfaces(InstanceNetworkInterfaceSpecification.builder().deviceIndex(0).subnetId(subnet.subnetId()).build())));
        awsError("InvalidParameterValue", () -> run(ec2, b -> b.networkInterfaces(
                InstanceNetworkInterfaceSpecification.builder().deviceIndex(1).subnetId(subnet.subnetId()).build())));
        awsError("InvalidParameterCombination", () -> run(ec2, b -> b.networkInterfaces(
                InstanceNetworkInterfaceSpecification.builder().deviceIndex(0).subnetId(subnet.subnetId()).build(),
                InstanceNetworkInterfaceSpecification.builder().deviceIndex(1).subnetId(subnet.subnetId()).associatePublicIpAddress(true).build())));
        awsError("InvalidParameterValue", () -> run(ec2, b -> b.tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.VPC).tags(Tag.builder().key("k").value("v").build()).build())));
        // None of the refused launches left an instance or interface behind.
        assertTrue(instances(ec2, filter("vpc-id", vpcId)).isEmpty());
        assertTrue(ec2.describeNetworkInterfaces(b -> b.filters(filter("vpc-id", vpcId))).networkInterfaces().isEmpty());
    }

    @Test
    void securityGroupNamesWorkInTheDefaultVpc(Ec2Client ec2) {
        Instance i = run(ec2, b -> b.securityGroups("default")).instances().get(0);
        assertEquals("default", i.securityGroups().get(0).groupName());
        assertEquals(List.of(i.instanceId()), ids(instances(ec2, filter("instance-id", i.instanceId()), filter("instance.group-name", "default"))));
    }

    @Test
    void networkInterfaceSpecsCreateOrAttachInterfacesAndTagsApplyToBoth(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.35.0.0/16");
        Subnet subnet = NetworkFixtures.subnet(ec2, vpcId, "10.35.1.0/24");
        String web = NetworkFixtures.securityGroup(ec2, vpcId, "web-35");
        String existing = ec2.createNetworkInterface(b -> b.subnetId(subnet.subnetId())).networkInterface().networkInterfaceId();
        Tag name = Tag.builder().key("Name").value("app").build();
        Tag nicTag = Tag.builder().key("nic").value("yes").build();

        Instance i = run(ec2, b -> b.networkInterfaces(
                        InstanceNetworkInterfaceSpecification.builder().deviceIndex(0).subnetId(subnet.subnetId()).groups(web).build(),
                        InstanceNetworkInterfaceSpecification.builder().deviceIndex(1).networkInterfaceId(existing).build())
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(name).build(),
                        TagSpecification.builder().resourceType(ResourceType.NETWORK_INTERFACE).tags(nicTag).build())).instances().get(0);
        assertEquals(List.of(name), i.tags());
        assertEquals(2, i.networkInterfaces().size());
        assertEquals(List.of(0, 1), i.networkInterfaces().stream().map(n -> n.attachment().deviceIndex()).toList());
        assertEquals(existing, i.networkInterfaces().get(1).networkInterfaceId());
        assertFalse(i.networkInterfaces().get(1).attachment().deleteOnTermination());
        assertEquals(List.of(web), i.securityGroups().stream().map(GroupIdentifier::groupId).toList());
        var created = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(i.networkInterfaces().get(0).networkInterfaceId())).networkInterfaces().get(0);
        assertEquals(List.of(nicTag), created.tagSet());

        awsError("InvalidNetworkInterface.InUse", () -> run(ec2, b -> b.networkInterfaces(
                InstanceNetworkInterfaceSpecification.builder().deviceIndex(0).networkInterfaceId(existing).build())));

        // Terminating deletes the interface made at launch and frees the one that was attached.
        ec2.terminateInstances(b -> b.instanceIds(i.instanceId()));
        awsError("InvalidNetworkInterfaceID.NotFound", () -> ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(created.networkInterfaceId())));
        var freed = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(existing)).networkInterfaces().get(0);
        assertEquals("available", freed.statusAsString());
        assertNull(freed.attachment());
    }

    @Test
    void describeFiltersAndPaginates(Ec2Client ec2) {
        String vpcId = vpc(ec2, "10.36.0.0/16");
        Subnet a = NetworkFixtures.subnet(ec2, vpcId, "10.36.1.0/24", "us-east-1a", true);
        Subnet b = NetworkFixtures.subnet(ec2, vpcId, "10.36.2.0/24", "us-east-1b", false);
        String web = NetworkFixtures.securityGroup(ec2, vpcId, "web-36");
        Instance first = run(ec2, r -> r.subnetId(a.subnetId()).securityGroupIds(web).keyName("k36").instanceType("c5.large")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("role").value("api").build()).build())).instances().get(0);
        List<Instance> others = ec2.runInstances(r -> r.imageId("ami-11112222").minCount(6).maxCount(6).subnetId(b.subnetId())).instances();
        Filter inVpc = filter("vpc-id", vpcId);
        String only = first.instanceId();

        assertEquals(7, instances(ec2, inVpc).size());
        assertEquals(List.of(only), ids(instances(ec2, filter("subnet-id", a.subnetId()))));
        assertEquals(List.of(only), ids(instances(ec2, inVpc, filter("availability-zone", "us-east-1a"))));
        assertEquals(List.of(only), ids(instances(ec2, inVpc, filter("private-ip-address", "10.36.1.4"))));
        assertEquals(List.of(only), ids(instances(ec2, filter("ip-address", first.publicIpAddress()))));
        assertEquals(List.of(only), ids(instances(ec2, filter("network-interface.network-interface-id", first.networkInterfaces().get(0).networkInterfaceId()))));
        assertEquals(List.of(only), ids(instances(ec2, inVpc, filter("instance.group-id", web))));
        assertEquals(List.of(only), ids(instances(ec2, inVpc, filter("instance.group-name", "web-36"))));
        assertEquals(List.of(only), ids(instances(ec2, inVpc, filter("image-id", AMI))));
        assertEquals(List.of(only), ids(instances(ec2, inVpc, filter("instance-type", "c5.large"))));
        assertEquals(List.of(only), ids(instances(ec2, inVpc, filter("key-name", "k36"))));
        assertEquals(List.of(only), ids(instances(ec2, inVpc, filter("tag:role", "api"))));
        assertEquals(7, instances(ec2, inVpc, filter("instance-state-name", "pending", "running")).size());
        assertEquals(7, instances(ec2, inVpc, filter("instance-state-code", "0", "16")).size());
        assertTrue(instances(ec2, inVpc, filter("instance-state-name", "stopped")).isEmpty());

        DescribeInstancesResponse page1 = ec2.describeInstances(r -> r.filters(inVpc).maxResults(5));
        int firstPage = page1.reservations().stream().mapToInt(r -> r.instances().size()).sum();
        assertEquals(5, firstPage);
        assertNotNull(page1.nextToken());
        DescribeInstancesResponse page2 = ec2.describeInstances(r -> r.filters(inVpc).maxResults(5).nextToken(page1.nextToken()));
        assertEquals(2, page2.reservations().stream().mapToInt(r -> r.instances().size()).sum());
        assertNull(page2.nextToken());
        List<String> all = ec2.describeInstancesPaginator(r -> r.filters(inVpc).maxResults(5)).reservations().stream()
                .flatMap(r -> r.instances().stream()).map(Instance::instanceId).sorted().toList();
        assertEquals(7, all.size());
        assertTrue(all.containsAll(ids(others)));

        awsError("InvalidParameterCombination", () -> ec2.describeInstances(r -> r.instanceIds(only).maxResults(5)));
        awsError("InvalidInstanceID.NotFound", () -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")));
        awsError("InvalidInstanceID.Malformed", () -> ec2.describeInstances(r -> r.instanceIds("instance-1")));
        awsError("InvalidParameterValue", () -> ec2.describeInstances(r -> r.filters(filter("no-such-filter", "x"))));
    }

    @Test
    void stateChangeCallsReportPreviousAndCurrentStates(Ec2Client ec2) {
        Subnet subnet = NetworkFixtures.subnet(ec2, vpc(ec2, "10.37.0.0/16"), "10.37.1.0/24", "us-east-1a", true);
        Instance i = run(ec2, b -> b.subnetId(subnet.subnetId())).instances().get(0);
        awsError("InvalidInstanceID.NotFound", () -> ec2.stopInstances(b -> b.instanceIds("i-0123456789abcdef0")));
        awsError("InvalidInstanceID.Malformed", () -> ec2.startInstances(b -> b.instanceIds("i-zz")));
        // One bad id fails the whole call, changing nothing.
        awsError("InvalidInstanceID.NotFound", () -> ec2.terminateInstances(b -> b.instanceIds(i.instanceId(), "i-0123456789abcdef0")));

        InstanceStateChange t = ec2.terminateInstances(b -> b.instanceIds(i.instanceId())).terminatingInstances().get(0);
        assertEquals(i.instanceId(), t.instanceId());
        assertTrue(List.of("pending", "running").contains(t.previousState().nameAsString()), t.previousState().toString());
        assertEquals("shutting-down", t.currentState().nameAsString());
        assertEquals(32, t.currentState().code());
        Ec2Exception e = awsError("IncorrectInstanceState", () -> ec2.startInstances(b -> b.instanceIds(i.instanceId())));
        assertTrue(e.awsErrorDetails().errorMessage().contains("started"), e.getMessage());
        InstanceStateChange again = ec2.terminateInstances(b -> b.instanceIds(i.instanceId())).terminatingInstances().get(0);
        assertEquals("shutting-down", again.previousState().nameAsString());
        assertEquals("shutting-down", again.currentState().nameAsString());
        assertTrue(ec2.describeNetworkInterfaces(b -> b.filters(filter("subnet-id", subnet.subnetId()))).networkInterfaces().isEmpty());
    }

    @Test
    void pendingBecomesRunningAfterTheDefaultDelay(Ec2Client ec2) throws InterruptedException {
        Instance i = run(ec2, b -> { }).instances().get(0);
        assertEquals("pending", i.state().nameAsString());
        String state = "pending";
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!state.equals("running") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            state = instances(ec2, filter("instance-id", i.instanceId())).get(0).state().nameAsString();
        }
        assertEquals("running", state);
    }
}
