package io.localvpc.testkit;

import io.localvpc.core.time.ManualClock;
import io.localvpc.server.LocalVpc;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.Subnet;

import static io.localvpc.testkit.InstanceApiTest.awsError;
import static io.localvpc.testkit.InstanceApiTest.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks instances through AWS's states on a server whose clock the test moves, so each timed state
 * (pending, stopping, shutting-down) is seen for sure and then seen to settle.
 */
class InstanceLifecycleApiTest {
    private static final Duration DELAY = Duration.ofSeconds(1);
    private static final ManualClock CLOCK = new ManualClock();
    private static LocalVpc server;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        server = LocalVpc.builder().port(0).inMemory().clock(CLOCK).start();
        ec2 = LocalVpcExtension.ec2(server.endpoint(), "test", Region.US_EAST_1);
    }

    @AfterAll
    static void stop() {
        ec2.close();
        server.close();
    }

    private static Instance describe(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private static void assertChange(InstanceStateChange c, String previous, int previousCode, String current, int currentCode) {
        assertEquals(previous, c.previousState().nameAsString());
        assertEquals(previousCode, c.previousState().code());
        assertEquals(current, c.currentState().nameAsString());
        assertEquals(currentCode, c.currentState().code());
    }

    @Test
    void runStopStartAndTerminateFollowAwsStates() {
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.40.0.0/16")).vpc().vpcId();
        Subnet subnet = NetworkFixtures.subnet(ec2, vpcId, "10.40.1.0/24", "us-east-1a", true);
        Instance launched = ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1).subnetId(subnet.subnetId())).instances().get(0);
        String id = launched.instanceId();
        String eniId = launched.networkInterfaces().get(0).networkInterfaceId();
        assertEquals("pending", describe(id).state().nameAsString());
        awsError("IncorrectInstanceState", () -> ec2.stopInstances(r -> r.instanceIds(id)));

        CLOCK.advance(DELAY);
        Instance running = describe(id);
        assertEquals("running", running.state().nameAsString());
        assertEquals(16, running.state().code());
        String firstPublicIp = running.publicIpAddress();
        assertNotNull(firstPublicIp);
        assertChange(ec2.startInstances(r -> r.instanceIds(id)).startingInstances().get(0), "running", 16, "running", 16);

        assertChange(ec2.stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0), "running", 16, "stopping", 64);
        Instance stopping = describe(id);
        assertEquals("stopping", stopping.state().nameAsString());
        assertNull(stopping.publicIpAddress());
        assertTrue(stopping.stateTransitionReason().startsWith("User initiated ("), stopping.stateTransitionReason());
        assertEquals("Client.UserInitiatedShutdown", stopping.stateReason().code());
        awsError("IncorrectInstanceState", () -> ec2.startInstances(r -> r.instanceIds(id)));
        CLOCK.advance(DELAY);
        Instance stopped = describe(id);
        assertEquals("stopped", stopped.state().nameAsString());
        assertEquals(80, stopped.state().code());
        assertEquals("10.40.1.4", stopped.privateIpAddress());
        assertEquals(List.of(id), InstanceApiTest.ids(InstanceApiTest.instances(ec2, filter("instance-state-name", "stopped"))));
        assertChange(ec2.stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0), "stopped", 80, "stopped", 80);

        CLOCK.advance(Duration.ofMinutes(5));
        assertChange(ec2.startInstances(r -> r.instanceIds(id)).startingInstances().get(0), "stopped", 80, "pending", 0);
        Instance restarted = describe(id);
        assertNotNull(restarted.publicIpAddress());
        assertNotEquals(running.launchTime(), restarted.launchTime());
        assertEquals(running.launchTime(), restarted.networkInterfaces().get(0).attachment().attachTime());
        CLOCK.advance(DELAY);
        assertEquals("running", describe(id).state().nameAsString());

        assertChange(ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0), "running", 16, "shutting-down", 32);
        awsError("InvalidNetworkInterfaceID.NotFound", () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eniId)));
        CLOCK.advance(DELAY);
        Instance terminated = describe(id);
        assertEquals("terminated", terminated.state().nameAsString());
        assertEquals(48, terminated.state().code());
        assertNull(terminated.privateIpAddress());
        assertNull(terminated.publicIpAddress());
        assertTrue(terminated.networkInterfaces().isEmpty());
        assertTrue(terminated.securityGroups().isEmpty());
        assertChange(ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0), "terminated", 48, "terminated", 48);
        awsError("IncorrectInstanceState", () -> ec2.startInstances(r -> r.instanceIds(id)));
        awsError("IncorrectInstanceState", () -> ec2.stopInstances(r -> r.instanceIds(id)));

        // Its address is free again, and after about an hour the instance is gone from every Describe.
        assertEquals("10.40.1.4", ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId())).networkInterface().privateIpAddress());
        CLOCK.advance(Duration.ofMinutes(59));
        assertEquals("terminated", describe(id).state().nameAsString());
        CLOCK.advance(Duration.ofMinutes(2));
        assertTrue(InstanceApiTest.instances(ec2, filter("vpc-id", vpcId)).isEmpty());
        assertTrue(InstanceApiTest.instances(ec2, filter("instance-id", id)).isEmpty());
        awsError("InvalidInstanceID.NotFound", () -> ec2.describeInstances(r -> r.instanceIds(id)));
        awsError("InvalidInstanceID.NotFound", () -> ec2.terminateInstances(r -> r.instanceIds(id)));
    }
}
