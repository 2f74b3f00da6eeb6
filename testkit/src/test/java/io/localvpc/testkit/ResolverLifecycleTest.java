package io.localvpc.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VPC's resolver stops, and its port closes, when the VPC is deleted, on reset, and when an import replaces
 * the state without that VPC (issue 10). Resolvers of VPCs that remain keep answering.
 */
class ResolverLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Stopping is asynchronous (writers never wait for the registry or sockets); this bounds how often the test looks. */
    private static final int LOOKS = 400;

    @Test
    void deletingTheVpcStopsItsResolver() throws Exception {
        try (LocalVpc server = LocalVpc.builder().port(0).inMemory().start();
             Ec2Client ec2 = LocalVpcExtension.ec2(server.endpoint(), "test", Region.US_EAST_1)) {
            Admin admin = new Admin(server.endpoint());
            String doomed = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String kept = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            InetSocketAddress doomedResolver = admin.resolver(doomed);
            InetSocketAddress keptResolver = admin.resolver(kept);
            assertTrue(accepts(doomedResolver));
            assertTrue(listed(server, doomed));

            ec2.deleteVpc(r -> r.vpcId(doomed));

            assertTrue(unlistedSoon(server, doomed), "the health ports still name the deleted VPC's resolver");
            assertTrue(closesSoon(doomedResolver), "the deleted VPC's resolver still accepts connections");
            assertTrue(accepts(keptResolver));
            assertEquals(404, new RawEc2(server.endpoint()).get("/_localvpc/dns/" + doomed).status(), "no resolver for a deleted VPC");
        }
    }

    @Test
    void resetStopsEveryResolver() throws Exception {
        try (LocalVpc server = LocalVpc.builder().port(0).inMemory().start();
             Ec2Client ec2 = LocalVpcExtension.ec2(server.endpoint(), "test", Region.US_EAST_1)) {
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            InetSocketAddress resolver = new Admin(server.endpoint()).resolver(vpc);

            assertEquals(200, new RawEc2(server.endpoint()).postPath("/_localvpc/reset", "").status());

            assertTrue(unlistedSoon(server, vpc));
            assertTrue(closesSoon(resolver), "a reset left the resolver running");
        }
    }

    @Test
    void anImportWithoutTheVpcStopsItsResolver() throws Exception {
        try (LocalVpc server = LocalVpc.builder().port(0).inMemory().start();
             Ec2Client ec2 = LocalVpcExtension.ec2(server.endpoint(), "test", Region.US_EAST_1)) {
            RawEc2 raw = new RawEc2(server.endpoint());
            String emptyish = raw.get("/_localvpc/state").body();
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            InetSocketAddress resolver = new Admin(server.endpoint()).resolver(vpc);

            assertEquals(200, raw.postPath("/_localvpc/state", emptyish).status());

            assertTrue(unlistedSoon(server, vpc));
            assertTrue(closesSoon(resolver), "an import without the VPC left its resolver running");
        }
    }

    private static boolean unlistedSoon(LocalVpc server, String vpcId) throws Exception {
        for (int i = 0; i < LOOKS; i++) {
            if (!listed(server, vpcId)) return true;
            Thread.sleep(25);
        }
        return false;
    }

    private static boolean listed(LocalVpc server, String vpcId) throws Exception {
        return JSON.readTree(new RawEc2(server.endpoint()).get("/_localvpc/health").body()).get("ports").has("dns:" + vpcId);
    }

    private static boolean closesSoon(InetSocketAddress address) throws InterruptedException {
        for (int i = 0; i < LOOKS; i++) {
            if (!accepts(address)) return true;
            Thread.sleep(25);
        }
        return false;
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
