package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xbill.DNS.Rcode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An interface endpoint for S3 with private DNS in two zones, and a zone taken down: the VPC's resolver
 * (asked with dig and dnsjava) stops answering with the downed zone's interface, new connections go
 * through the other zone, open connections through the downed zone are cut, and bringing it up restores it.
 */
@ExtendWith(LocalVpcExtension.class)
class ZoneFaultTest {
    private static final String S3_HOST = DataPlaneTest.S3_HOST;

    private Admin admin;

    /** Zone faults belong to the whole localvpc: never leave one down for the next test. */
    @AfterEach
    void allZonesUp() {
        if (admin != null) admin.downZones().forEach(admin::zoneUp);
    }

    /** The endpoint's setting in one VPC: the two instances and, per zone name, its interface. */
    private record Setting(Layouts.PrivateVpc vpc, VpcEndpoint endpoint, Map<String, NetworkInterface> eniByZone,
                           String zoneIdA, InetSocketAddress resolver, Workload insideA, Workload insideB) {
        NetworkInterface eniA() {
            return eniByZone.get(Layouts.ZONE_A);
        }

        NetworkInterface eniB() {
            return eniByZone.get(Layouts.ZONE_B);
        }

        List<String> bothIps() {
            return List.of(eniA().privateIpAddress(), eniB().privateIpAddress()).stream().sorted().toList();
        }
    }

    private Setting setting(Ec2Client ec2, LocalVpc lv, URI endpoint, String prefix) {
        admin = new Admin(endpoint);
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc(prefix);
        VpcEndpoint vpce = net.s3InterfaceEndpoint(vpc.vpcId(), List.of(vpc.subnetA(), vpc.subnetB()));
        Map<String, NetworkInterface> byZone = vpce.networkInterfaceIds().stream().map(net::describeEni)
                .collect(Collectors.toMap(NetworkInterface::availabilityZone, e -> e));
        assertEquals(2, byZone.size(), "one interface per zone: " + byZone);
        String ca = admin.caPem();
        return new Setting(vpc, vpce, byZone, net.zoneIdOf(vpc.subnetA()), admin.resolver(vpc.vpcId()),
                new Workload(vpc.instanceA(), lv.proxyAddress(), ca), new Workload(vpc.instanceB(), lv.proxyAddress(), ca));
    }

    private static void putAndGet(Workload w, boolean pathStyle, String bucket) {
        try (S3Client s3 = w.s3ForInterfaceEndpoint(pathStyle)) {
            s3.createBucket(r -> r.bucket(bucket));
            s3.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString(bucket));
            assertEquals(bucket, s3.getObjectAsBytes(r -> r.bucket(bucket).key("k")).asUtf8String());
        }
    }

    /** The trace goes through the interface endpoint and names the interface it used. */
    private static void assertThroughInterface(Admin.Trace trace, VpcEndpoint endpoint, NetworkInterface eni) {
        assertTrue(trace.delivered(), trace.text());
        assertEquals(List.of(endpoint.vpcEndpointId()), trace.resources("ENDPOINT"), trace.text());
        assertTrue(trace.text().contains("via " + eni.networkInterfaceId()), "expected the path through " + eni.networkInterfaceId() + ":\n" + trace.text());
    }

    /** Reads until the connection ends; fails if it is still open after the socket's read timeout. */
    private static void assertCut(SSLSocket s) {
        try {
            while (s.getInputStream().read() != -1) {
                // drain whatever was in flight; the end is what counts
            }
        } catch (SocketTimeoutException e) {
            fail("the connection through the downed zone is still open");
        } catch (IOException e) {
            // reset or TLS aborted: cut
        }
    }

    @Test
    void privateDnsAnswersWithBothInterfacesThenOnlyTheHealthyZone(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Setting s = setting(ec2, lv, endpoint, "10.20");
        assertEquals(s.bothIps(), DnsQueries.dnsjava(s.resolver(), S3_HOST, false));
        assertEquals(s.bothIps(), DnsQueries.dnsjava(s.resolver(), S3_HOST, true), "the same answer over TCP");
        assertEquals(s.bothIps(), DnsQueries.dnsjava(s.resolver(), "reports.s3.us-east-1.amazonaws.com", false),
                "the wildcard private name (virtual-hosted buckets) resolves to the endpoint too");

        admin.zoneDown(s.zoneIdA());
        assertEquals(List.of(s.eniB().privateIpAddress()), DnsQueries.dnsjava(s.resolver(), S3_HOST, false));
        admin.zoneUp(s.zoneIdA());
        assertEquals(s.bothIps(), DnsQueries.dnsjava(s.resolver(), S3_HOST, false));
    }

    @Test
    void digSeesTheSameAnswersAsTheResolverGivesPrograms(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        DnsQueries.requireDig();
        Setting s = setting(ec2, lv, endpoint, "10.21");
        assertEquals(s.bothIps(), DnsQueries.dig(s.resolver(), S3_HOST));
        admin.zoneDown(s.zoneIdA());
        assertEquals(List.of(s.eniB().privateIpAddress()), DnsQueries.dig(s.resolver(), S3_HOST));
        admin.zoneUp(s.zoneIdA());
        assertEquals(s.bothIps(), DnsQueries.dig(s.resolver(), S3_HOST));
    }

    @Test
    void trafficUsesTheSameZoneInterfaceAndFailsOverWhenItsZoneGoesDown(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Setting s = setting(ec2, lv, endpoint, "10.22");
        assertThroughInterface(admin.trace(s.vpc().instanceA(), S3_HOST, 443), s.endpoint(), s.eniA());
        assertThroughInterface(admin.trace(s.vpc().instanceB(), S3_HOST, 443), s.endpoint(), s.eniB());
        putAndGet(s.insideA(), true, "zonal-path");
        putAndGet(s.insideA(), false, "zonal-hosted");

        try (SSLSocket throughA = s.insideA().openTls(S3_HOST, 443); SSLSocket throughB = s.insideB().openTls(S3_HOST, 443)) {
            // Both connections carry requests before the fault (any HTTP status from S3 will do: the bytes flowed).
            assertTrue(Workload.roundTrip(throughA, S3_HOST) > 0);
            assertTrue(Workload.roundTrip(throughB, S3_HOST) > 0);

            admin.zoneDown(s.zoneIdA());
            assertEquals(List.of(s.zoneIdA()), admin.downZones());
            assertCut(throughA);
            // The connection through the healthy zone is untouched.
            assertTrue(Workload.roundTrip(throughB, S3_HOST) > 0);
        }

        Admin.Trace failedOver = admin.trace(s.vpc().instanceA(), S3_HOST, 443);
        assertThroughInterface(failedOver, s.endpoint(), s.eniB());
        assertFalse(failedOver.text().contains(s.eniA().networkInterfaceId()), failedOver.text());
        putAndGet(s.insideA(), true, "after-zone-down");

        admin.zoneUp(s.zoneIdA());
        assertTrue(admin.downZones().isEmpty());
        assertThroughInterface(admin.trace(s.vpc().instanceA(), S3_HOST, 443), s.endpoint(), s.eniA());
        putAndGet(s.insideA(), false, "after-zone-up");
    }

    @Test
    void theLegacyGlobalS3NameIsNotServedByTheInterfaceEndpoint(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        // AWS PrivateLink for S3 does not support the legacy global endpoint: s3.amazonaws.com keeps its public
        // addresses, for which this VPC has no route. The SDK's us-east-1 default uses that name.
        Setting s = setting(ec2, lv, endpoint, "10.24");
        Admin.Trace trace = admin.trace(s.vpc().instanceA(), "s3.amazonaws.com", 443);
        assertFalse(trace.delivered(), trace.text());
        // the refusal says why: which name it is, and which names the endpoint's private DNS covers
        assertTrue(trace.summary().startsWith("s3.amazonaws.com is S3's global public name (com.amazonaws.us-east-1.s3); the private DNS of "
                + s.endpoint().vpcEndpointId() + " covers s3.us-east-1.amazonaws.com, *.s3.us-east-1.amazonaws.com; no route to the public address ")
                && trace.summary().endsWith(" in " + s.vpc().routeTableId()), trace.text());
        assertFalse(DnsQueries.dnsjava(s.resolver(), "s3.amazonaws.com", false).contains(s.eniA().privateIpAddress()));
        try (S3Client global = s.insideA().s3(true)) {
            S3Exception e = assertThrows(S3Exception.class, global::listBuckets);
            assertEquals(502, e.statusCode());
            assertEquals(trace.summary(), Workload.refusalIn(e));
        }
        try (S3Client regional = s.insideA().s3ForInterfaceEndpoint(true)) {
            regional.listBuckets();
        }
    }

    @Test
    void withBothZonesDownTheNameHasNoHealthyAnswerAndConnectionsAreRefused(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Setting s = setting(ec2, lv, endpoint, "10.23");
        String zoneIdB = new Layouts(ec2).zoneIdOf(s.vpc().subnetB());
        admin.zoneDown(s.zoneIdA());
        admin.zoneDown(zoneIdB);
        assertEquals(Rcode.SERVFAIL, DnsQueries.rcode(s.resolver(), S3_HOST));
        Admin.Trace trace = admin.trace(s.vpc().instanceA(), S3_HOST, 443);
        assertFalse(trace.delivered(), trace.text());
        assertTrue(trace.summary().contains(s.zoneIdA()) && trace.summary().contains(zoneIdB), trace.text());
        Workload.ProxyReply reply = s.insideA().connect(S3_HOST, 443);
        assertEquals(502, reply.status());
        assertEquals(trace.summary(), reply.refusal());
    }
}
