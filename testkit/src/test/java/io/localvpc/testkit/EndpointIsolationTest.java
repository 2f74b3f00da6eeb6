package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An interface endpoint belongs to its VPC. Its regional vpce name is public DNS, so another VPC resolves
 * it to the endpoint's private addresses, but nothing connects those addresses to the other VPC: the
 * connection is refused, whether the other VPC's range is different or the very same.
 */
@ExtendWith(LocalVpcExtension.class)
class EndpointIsolationTest {
    private static final String S3_HOST = DataPlaneTest.S3_HOST;

    /** The endpoint's regional name for buckets: its {@code *.vpce-…} entry with {@code bucket} for the wildcard. */
    private static String regionalBucketName(VpcEndpoint e) {
        String regional = e.dnsEntries().get(0).dnsName();
        assertTrue(regional.startsWith("*.vpce-") && !regional.contains("-us-east-1a.") && !regional.contains("-us-east-1b."),
                "the first DNS entry is the regional one: " + e.dnsEntries());
        return "bucket." + regional.substring(2);
    }

    private static List<String> ipsOf(Layouts net, VpcEndpoint e) {
        return e.networkInterfaceIds().stream().map(id -> net.describeEni(id).privateIpAddress()).sorted().toList();
    }

    @Test
    void anEndpointInOneVpcIsNeverReachableFromAnother(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        Admin admin = new Admin(endpoint);
        String ca = admin.caPem();
        Layouts.PrivateVpc a = net.privateVpc("10.30");
        VpcEndpoint vpce = net.s3InterfaceEndpoint(a.vpcId(), List.of(a.subnetA(), a.subnetB()));
        String name = regionalBucketName(vpce);
        List<String> endpointIps = ipsOf(net, vpce);

        // In its own VPC the regional name works, with a client pointed at it as AWS documents.
        Admin.Trace own = admin.trace(a.instanceA(), name, 443);
        assertTrue(own.delivered(), own.text());
        assertEquals(List.of(vpce.vpcEndpointId()), own.resources("ENDPOINT"));
        try (S3Client s3 = new Workload(a.instanceA(), lv.proxyAddress(), ca).s3Via(URI.create("https://" + name))) {
            s3.createBucket(r -> r.bucket("isolation"));
            s3.putObject(r -> r.bucket("isolation").key("k"), RequestBody.fromString("only from A"));
            assertEquals("only from A", s3.getObjectAsBytes(r -> r.bucket("isolation").key("k")).asUtf8String());
        }

        Layouts.PrivateVpc b = net.privateVpc("10.31");
        InetSocketAddress resolverB = admin.resolver(b.vpcId());
        assertEquals(endpointIps, DnsQueries.dnsjava(resolverB, name, false), "the regional vpce name is public DNS");
        assertTrue(DnsQueries.dnsjava(resolverB, S3_HOST, false).stream().noneMatch(endpointIps::contains),
                "A's private DNS must not leak into B");

        Admin.Trace fromB = admin.trace(b.instanceA(), name, 443);
        assertFalse(fromB.delivered(), fromB.text());
        assertTrue(fromB.resources("ENDPOINT").isEmpty(), fromB.text());
        assertTrue(fromB.summary().startsWith("no route to 10.30.") && fromB.summary().endsWith(" in " + b.routeTableId()), fromB.text());
        Workload insideB = new Workload(b.instanceA(), lv.proxyAddress(), ca);
        Workload.ProxyReply reply = insideB.connect(name, 443);
        assertEquals(502, reply.status());
        assertEquals(fromB.summary(), reply.refusal());
        try (S3Client s3 = insideB.s3Via(URI.create("https://" + name))) {
            SdkException e = assertThrows(SdkException.class, () -> s3.getObjectAsBytes(r -> r.bucket("isolation").key("k")));
            assertEquals(fromB.summary(), Workload.refusalIn(e));
        }
    }

    @Test
    void anOverlappingVpcDoesNotReachTheEndpointEither(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        Admin admin = new Admin(endpoint);
        Layouts.PrivateVpc a = net.privateVpc("10.32");
        VpcEndpoint vpce = net.s3InterfaceEndpoint(a.vpcId(), List.of(a.subnetA(), a.subnetB()));
        String name = regionalBucketName(vpce);

        // The same CIDR: the local route matches A's addresses, but they belong to no interface of this VPC
        // (or to one of its own instances, never to A's endpoint).
        Layouts.PrivateVpc c = net.privateVpc("10.32");
        assertNotEquals(a.vpcId(), c.vpcId());
        assertEquals(ipsOf(net, vpce), DnsQueries.dnsjava(admin.resolver(c.vpcId()), name, false));
        for (String instance : List.of(c.instanceA(), c.instanceB())) {
            Admin.Trace trace = admin.trace(instance, name, 443);
            assertFalse(trace.delivered(), trace.text());
            assertTrue(trace.resources("ENDPOINT").isEmpty(), trace.text());
            Workload.ProxyReply reply = new Workload(instance, lv.proxyAddress(), admin.caPem()).connect(name, 443);
            assertNotEquals(200, reply.status(), reply.toString());
            assertEquals(trace.summary(), reply.refusal());
        }
    }
}
