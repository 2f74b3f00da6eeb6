package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** State survives a restart, and a hard kill loses nothing acknowledged and leaves nothing half-made. */
class PersistenceTest {

    @Test
    void restartKeepsEverything(@TempDir Path dir) {
        String before;
        String vpcId;
        try (LocalVpc first = LocalVpc.builder().port(0).dataDir(dir).start();
             Ec2Client ec2 = LocalVpcExtension.ec2(first.endpoint(), "test", Region.US_EAST_1)) {
            vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16").tagSpecifications(TagSpecification.builder()
                    .resourceType(ResourceType.VPC).tags(Tag.builder().key("Name").value("kept").build()).build())).vpc().vpcId();
            ec2.associateVpcCidrBlock(r -> r.vpcId(vpcId).cidrBlock("10.1.0.0/16"));
            try (Ec2Client other = LocalVpcExtension.ec2(first.endpoint(), "111122223333", Region.EU_WEST_1)) {
                other.createVpc(r -> r.cidrBlock("10.7.0.0/16"));
            }
            before = new RawEc2(first.endpoint()).get("/_localvpc/state").body();
        }
        try (LocalVpc second = LocalVpc.builder().port(0).dataDir(dir).start();
             Ec2Client ec2 = LocalVpcExtension.ec2(second.endpoint(), "test", Region.US_EAST_1)) {
            assertEquals(before, new RawEc2(second.endpoint()).get("/_localvpc/state").body());
            Vpc vpc = ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0);
            assertEquals(2, vpc.cidrBlockAssociationSet().size());
            assertEquals("kept", vpc.tags().get(0).value());
        }
    }

    @Test
    void secondServerOnSameDataDirIsRefused(@TempDir Path dir) {
        try (LocalVpc first = LocalVpc.builder().port(0).dataDir(dir).start()) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> LocalVpc.builder().port(0).dataDir(dir).start());
            assertTrue(e.getMessage().contains("already using the data directory"), e.getMessage());
        }
    }

    @Test
    void hardKillLosesNothingAcknowledged(@TempDir Path dir) throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (LocalVpcProcess server = LocalVpcProcess.start(dir)) {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Ec2Client> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Ec2Client c = Ec2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                        .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "x"))
                        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
                clients.add(c);
                int thread = t;
                pool.submit(() -> {
                    int i = 0;
                    while (!stop.get()) {
                        int n = i++;
                        try {
                            String id = c.createVpc(r -> r.cidrBlock("10." + (thread * 50 + n % 50) + ".0.0/16")).vpc().vpcId();
                            acknowledged.add(id);
                        } catch (RuntimeException e) {
                            return; // the server died under us: this create was never acknowledged
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (acknowledged.size() < 200 && System.nanoTime() < deadline) Thread.sleep(10);
            server.killHard();
            stop.set(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            clients.forEach(Ec2Client::close);
        }
        assertTrue(acknowledged.size() >= 50, "too few creates before the kill to mean anything: " + acknowledged.size());

        try (LocalVpcProcess again = LocalVpcProcess.start(dir);
             Ec2Client ec2 = LocalVpcExtension.ec2(again.endpoint(), "test", Region.US_EAST_1)) {
            List<Vpc> vpcs = new ArrayList<>();
            ec2.describeVpcsPaginator(r -> r.filters(Filter.builder().name("is-default").values("false").build()))
                    .vpcs().forEach(vpcs::add);
            Set<String> present = new java.util.HashSet<>();
            vpcs.forEach(v -> present.add(v.vpcId()));
            assertTrue(present.containsAll(acknowledged), "lost acknowledged VPCs: " + difference(acknowledged, present));
            // Nothing half-made: every VPC that exists has all of its companions.
            for (Vpc v : vpcs) {
                Filter inVpc = Filter.builder().name("vpc-id").values(v.vpcId()).build();
                assertEquals(1, ec2.describeRouteTables(r -> r.filters(inVpc)).routeTables().size(), v.vpcId());
                assertEquals(1, ec2.describeSecurityGroups(r -> r.filters(inVpc)).securityGroups().size(), v.vpcId());
                assertEquals(1, ec2.describeNetworkAcls(r -> r.filters(inVpc)).networkAcls().size(), v.vpcId());
            }
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new java.util.TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
