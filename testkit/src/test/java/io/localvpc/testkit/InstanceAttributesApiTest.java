package io.localvpc.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.ResourceType;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Terraform's aws_instance reads and sends besides RunInstances and DescribeInstances: the instance's
 * attributes one at a time, its type (DescribeInstanceTypes, on every refresh), its CPU credit option, termination
 * protection turned off before destroy, launch settings at their defaults, and tags changed after launch.
 */
@ExtendWith(LocalVpcExtension.class)
class InstanceAttributesApiTest {

    private static Instance launch(Ec2Client ec2, String subnet, String type) {
        return ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1).subnetId(subnet).instanceType(type)).instances().get(0);
    }

    private static String code(Ec2Client ec2, Consumer<Ec2Client> call) {
        return assertThrows(Ec2Exception.class, () -> call.accept(ec2)).awsErrorDetails().errorCode();
    }

    @Test
    void attributesReadAsAwsDefaultsAndTheProtectionsHold(Ec2Client ec2) {
        Layouts.PrivateVpc vpc = new Layouts(ec2).privateVpc("10.73");
        Instance i = launch(ec2, vpc.subnetA(), "t3.micro");
        DescribeInstanceAttributeResponse stop = ec2.describeInstanceAttribute(r -> r.instanceId(i.instanceId()).attribute(InstanceAttributeName.DISABLE_API_STOP));
        assertEquals(false, stop.disableApiStop().value());
        assertEquals(false, ec2.describeInstanceAttribute(r -> r.instanceId(i.instanceId()).attribute(InstanceAttributeName.DISABLE_API_TERMINATION))
                .disableApiTermination().value());
        assertEquals("stop", ec2.describeInstanceAttribute(r -> r.instanceId(i.instanceId())
                .attribute(InstanceAttributeName.INSTANCE_INITIATED_SHUTDOWN_BEHAVIOR)).instanceInitiatedShutdownBehavior().value());
        assertNull(ec2.describeInstanceAttribute(r -> r.instanceId(i.instanceId()).attribute(InstanceAttributeName.USER_DATA)).userData().value());
        assertEquals("t3.micro", ec2.describeInstanceAttribute(r -> r.instanceId(i.instanceId()).attribute(InstanceAttributeName.INSTANCE_TYPE))
                .instanceType().value());
        assertEquals(List.of(i.securityGroups().get(0).groupId()), ec2.describeInstanceAttribute(r -> r.instanceId(i.instanceId())
                .attribute(InstanceAttributeName.GROUP_SET)).groups().stream().map(g -> g.groupId()).toList());
        assertEquals("InvalidParameterValue", code(ec2, c -> c.describeInstanceAttribute(r -> r.instanceId(i.instanceId()).attribute("colour"))));
        assertEquals("InvalidInstanceID.NotFound", code(ec2, c -> c.describeInstanceAttribute(r -> r.instanceId("i-0123456789abcdef0")
                .attribute(InstanceAttributeName.USER_DATA))));

        // Termination and stop protection hold until they are turned off again (Terraform turns termination
        // protection off before every destroy).
        ec2.modifyInstanceAttribute(r -> r.instanceId(i.instanceId()).disableApiTermination(v -> v.value(true)));
        ec2.modifyInstanceAttribute(r -> r.instanceId(i.instanceId()).attribute(InstanceAttributeName.DISABLE_API_STOP).value("true"));
        assertEquals(true, ec2.describeInstanceAttribute(r -> r.instanceId(i.instanceId()).attribute(InstanceAttributeName.DISABLE_API_TERMINATION))
                .disableApiTermination().value());
        assertEquals("OperationNotPermitted", code(ec2, c -> c.terminateInstances(r -> r.instanceIds(i.instanceId()))));
        assertEquals("OperationNotPermitted", code(ec2, c -> c.stopInstances(r -> r.instanceIds(i.instanceId()))));
        ec2.modifyInstanceAttribute(r -> r.instanceId(i.instanceId()).disableApiTermination(v -> v.value(false)));
        ec2.modifyInstanceAttribute(r -> r.instanceId(i.instanceId()).attribute(InstanceAttributeName.DISABLE_API_STOP).value("false"));
        assertEquals("IncorrectInstanceState", code(ec2, c -> c.modifyInstanceAttribute(r -> r.instanceId(i.instanceId()).userData(v -> v.value(
                software.amazon.awssdk.core.SdkBytes.fromUtf8String("echo hi"))))), "user data changes only while stopped");
        assertEquals("InvalidParameterCombination", code(ec2, c -> c.modifyInstanceAttribute(r -> r.instanceId(i.instanceId())
                .disableApiTermination(v -> v.value(false)).sourceDestCheck(v -> v.value(false)))));
        ec2.modifyInstanceAttribute(r -> r.instanceId(i.instanceId()).sourceDestCheck(v -> v.value(false)));
        assertEquals(false, ec2.describeInstances(r -> r.instanceIds(i.instanceId())).reservations().get(0).instances().get(0).sourceDestCheck());
        assertEquals(false, ec2.describeInstanceAttribute(r -> r.instanceId(i.instanceId()).attribute(InstanceAttributeName.SOURCE_DEST_CHECK))
                .sourceDestCheck().value());

        ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
        assertEquals("IncorrectInstanceState", code(ec2, c -> c.modifyInstanceAttribute(r -> r.instanceId(i.instanceId())
                .disableApiTermination(v -> v.value(false)))));
    }

    @Test
    void instanceTypesAndCreditsAreDescribed(Ec2Client ec2) {
        InstanceTypeInfo t3 = ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings("t3.micro")).instanceTypes().get(0);
        assertEquals("t3.micro", t3.instanceTypeAsString());
        assertTrue(t3.burstablePerformanceSupported());
        assertEquals(2, t3.vCpuInfo().defaultVCpus());
        assertEquals(1024L, t3.memoryInfo().sizeInMiB());
        assertEquals(List.of("x86_64"), t3.processorInfo().supportedArchitecturesAsStrings());
        InstanceTypeInfo graviton = ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings("m6g.large")).instanceTypes().get(0);
        assertFalse(graviton.burstablePerformanceSupported());
        assertEquals(List.of("arm64"), graviton.processorInfo().supportedArchitecturesAsStrings());
        assertEquals(8192L, graviton.memoryInfo().sizeInMiB());
        assertEquals("InvalidInstanceType", code(ec2, c -> c.describeInstanceTypes(r -> r.instanceTypesWithStrings("t3.micro", "zz9.huge"))));
        List<String> burstableArm = ec2.describeInstanceTypesPaginator(r -> r.maxResults(5).filters(
                        f -> f.name("burstable-performance-supported").values("true"), f -> f.name("processor-info.supported-architecture").values("arm64")))
                .instanceTypes().stream().map(InstanceTypeInfo::instanceTypeAsString).toList();
        assertEquals(List.of("t4g.2xlarge", "t4g.large", "t4g.medium", "t4g.micro", "t4g.nano", "t4g.small", "t4g.xlarge"), burstableArm);

        Layouts.PrivateVpc vpc = new Layouts(ec2).privateVpc("10.74");
        Instance t3i = launch(ec2, vpc.subnetA(), "t3.micro");
        Instance t2i = launch(ec2, vpc.subnetA(), "t2.micro");
        Instance m5i = launch(ec2, vpc.subnetA(), "m5.large");
        assertEquals("unlimited", ec2.describeInstanceCreditSpecifications(r -> r.instanceIds(t3i.instanceId())).instanceCreditSpecifications().get(0).cpuCredits());
        assertEquals("standard", ec2.describeInstanceCreditSpecifications(r -> r.instanceIds(t2i.instanceId())).instanceCreditSpecifications().get(0).cpuCredits());
        assertEquals("InstanceCreditSpecification.NotSupported", code(ec2, c -> c.describeInstanceCreditSpecifications(r -> r.instanceIds(m5i.instanceId()))));
        assertEquals(2, ec2.describeInstanceCreditSpecifications(r -> r.filters(f -> f.name("instance-id").values(t3i.instanceId(), t2i.instanceId(), m5i.instanceId())))
                .instanceCreditSpecifications().size(), "without ids: the burstable instances only");
    }

    @Test
    void launchSettingsAreKeptOrRefusedByName(Ec2Client ec2) {
        Layouts.PrivateVpc vpc = new Layouts(ec2).privateVpc("10.75");
        // What Terraform sends for an aws_instance with no optional arguments.
        Instance i = ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1).subnetId(vpc.subnetA()).instanceType("t3.micro")
                .disableApiTermination(false).ebsOptimized(false).monitoring(m -> m.enabled(false)).hibernationOptions(h -> h.configured(false))
                .placement(p -> p.availabilityZone("")).creditSpecification(c -> c.cpuCredits("unlimited"))).instances().get(0);
        assertEquals("us-east-1a", i.placement().availabilityZone());
        // User data, termination protection and the shutdown behaviour are kept as given.
        Instance kept = ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1).subnetId(vpc.subnetA())
                .userData("ZWNobyBoaQ==").disableApiTermination(true).instanceInitiatedShutdownBehavior("terminate")).instances().get(0);
        assertEquals("ZWNobyBoaQ==", ec2.describeInstanceAttribute(r -> r.instanceId(kept.instanceId()).attribute(InstanceAttributeName.USER_DATA))
                .userData().value());
        assertEquals("terminate", ec2.describeInstanceAttribute(r -> r.instanceId(kept.instanceId())
                .attribute(InstanceAttributeName.INSTANCE_INITIATED_SHUTDOWN_BEHAVIOR)).instanceInitiatedShutdownBehavior().value());
        assertEquals("OperationNotPermitted", code(ec2, c -> c.terminateInstances(r -> r.instanceIds(kept.instanceId()))));
        for (Consumer<software.amazon.awssdk.services.ec2.model.RunInstancesRequest.Builder> unkept : List.<Consumer<software.amazon.awssdk.services.ec2.model.RunInstancesRequest.Builder>>of(
                r -> r.creditSpecification(c -> c.cpuCredits("standard")), r -> r.monitoring(m -> m.enabled(true)), r -> r.ebsOptimized(true))) {
            Ec2Exception e = assertThrows(Ec2Exception.class, () -> ec2.runInstances(r -> {
                r.imageId("ami-12345678").minCount(1).maxCount(1).subnetId(vpc.subnetA()).instanceType("t3.micro");
                unkept.accept(r);
            }));
            assertEquals("UnsupportedOperation", e.awsErrorDetails().errorCode(), e.getMessage());
        }
    }

    /** CreateTags on a resource that already has tags: the tag record shares the resource's id and must not hide it. */
    @Test
    void tagsChangeOnAnInstanceLaunchedWithTags(Ec2Client ec2) {
        Layouts.PrivateVpc vpc = new Layouts(ec2).privateVpc("10.76");
        Instance i = ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1).subnetId(vpc.subnetA())
                .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(tag -> tag.key("Name").value("app")))).instances().get(0);
        ec2.createTags(r -> r.resources(i.instanceId()).tags(t -> t.key("tier").value("web")));
        ec2.deleteTags(r -> r.resources(i.instanceId()).tags(t -> t.key("Name")));
        assertEquals(List.of("tier=web"), ec2.describeInstances(r -> r.instanceIds(i.instanceId())).reservations().get(0).instances().get(0).tags().stream()
                .map(t -> t.key() + "=" + t.value()).toList());
    }
}
