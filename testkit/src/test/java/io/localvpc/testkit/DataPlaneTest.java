package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;

import javax.net.ssl.SSLSocket;
import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data plane end to end: networks built through the EC2 API, a real S3 client (SDK v2) inside an
 * instance, its connections through the workload proxy, decided by the path engine, delivered to the
 * embedded S3 behind localvpc's TLS endpoint listener, and refusals that name the route, group or ACL rule.
 */
@ExtendWith(LocalVpcExtension.class)
class DataPlaneTest {
    static final String S3_HOST = "s3.us-east-1.amazonaws.com";

    private static Workload inside(LocalVpc lv, URI endpoint, String instanceId) {
        return new Workload(instanceId, lv.proxyAddress(), new Admin(endpoint).caPem());
    }

    /** Creates a bucket, puts an object and reads it back: the whole S3 round trip through the VPC. */
    private static void roundTrip(S3Client s3, String bucket) {
        s3.createBucket(r -> r.bucket(bucket));
        s3.putObject(r -> r.bucket(bucket).key("reports/q1.csv"), RequestBody.fromString("region,total\nus-east-1,42\n"));
        assertEquals("region,total\nus-east-1,42\n", s3.getObjectAsBytes(r -> r.bucket(bucket).key("reports/q1.csv")).asUtf8String());
        assertEquals(List.of("reports/q1.csv"), s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(o -> o.key()).toList());
    }

    /** The S3 client fails with the proxy's status, and the refusal it received names the deciding resources. */
    private static void assertS3Refused(Workload w, int status, String... named) {
        try (S3Client s3 = w.s3(true)) {
            SdkException e = assertThrows(SdkException.class, s3::listBuckets);
            if (e instanceof AwsServiceException service) assertEquals(status, service.statusCode(), e.toString());
            String reason = Workload.refusalIn(e);
            assertNotNull(reason, "the SDK's error should carry the proxy's refusal: " + e);
            for (String n : named) assertTrue(reason.contains(n), "'" + reason + "' should name " + n);
        }
    }

    @Test
    void withNoInternetPathS3IsUnreachableAndTheRefusalNamesTheMissingRoute(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.10");
        Admin admin = new Admin(endpoint);

        for (String instance : List.of(vpc.instanceA(), vpc.instanceB())) {
            Admin.Trace trace = admin.trace(instance, S3_HOST, 443);
            assertFalse(trace.delivered(), trace.text());
            assertTrue(trace.summary().startsWith("no route to ") && trace.summary().endsWith(" in " + vpc.routeTableId()), trace.text());
            assertEquals(List.of(vpc.routeTableId()), trace.resources("ROUTE"));

            Workload w = inside(lv, endpoint, instance);
            Workload.ProxyReply reply = w.connect(S3_HOST, 443);
            assertEquals(502, reply.status(), "no route is a gateway failure, not a permission refusal");
            assertEquals(trace.summary(), reply.refusal());
            assertEquals(trace.summary(), reply.body().trim());

            assertS3Refused(w, 502, "no route to", vpc.routeTableId());
        }
    }

    @Test
    void aGatewayEndpointCarriesS3InPathAndVirtualHostedStyle(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.11");
        String vpce = net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());

        Admin.Trace trace = new Admin(endpoint).trace(vpc.instanceA(), S3_HOST, 443);
        assertTrue(trace.delivered(), trace.text());
        assertEquals(List.of(vpce), trace.resources("ENDPOINT"), trace.text());
        assertTrue(trace.resources("NAT_GATEWAY").isEmpty() && trace.resources("INTERNET_GATEWAY").isEmpty(), trace.text());
        // The virtual-hosted name resolves to the same service and takes the same prefix-list route.
        Admin.Trace hosted = new Admin(endpoint).trace(vpc.instanceA(), "gateway-hosted.s3.us-east-1.amazonaws.com", 443);
        assertEquals(List.of(vpce), hosted.resources("ENDPOINT"), hosted.text());

        Workload w = inside(lv, endpoint, vpc.instanceA());
        try (S3Client pathStyle = w.s3(true); S3Client hostedStyle = w.s3(false)) {
            roundTrip(pathStyle, "gateway-path");
            roundTrip(hostedStyle, "gateway-hosted");
            // Both styles reach the one S3 behind the endpoint.
            assertEquals("region,total\nus-east-1,42\n",
                    hostedStyle.getObjectAsBytes(r -> r.bucket("gateway-path").key("reports/q1.csv")).asUtf8String());
        }
        try (S3Client fromOtherZone = inside(lv, endpoint, vpc.instanceB()).s3(true)) {
            assertTrue(fromOtherZone.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("gateway-hosted")));
        }
    }

    @Test
    void socks5ClientsAreDecidedTheSameWay(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.15");
        Workload w = inside(lv, endpoint, vpc.instanceA());
        assertEquals(0x03, w.socks5(S3_HOST, 443).code(), "no route: SOCKS5 'network unreachable'");

        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        Workload.SocksReply reply = w.socks5(S3_HOST, 443);
        assertEquals(0x00, reply.code());
        try (SSLSocket s3 = w.tls(reply.socket(), S3_HOST, 443)) {
            // An HTTP answer from S3 behind localvpc's TLS proves the bytes crossed the tunnel both ways.
            int status = Workload.roundTrip(s3, S3_HOST);
            assertTrue(status >= 200 && status < 600, "HTTP status " + status);
        }
    }

    @Test
    void aNatGatewayPathAlsoReachesS3AndTheTraceShowsIt(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.12");
        String publicSubnet = net.subnet(vpc.vpcId(), "10.12.0.0/24", Layouts.ZONE_A);
        String igw = net.internetGateway(vpc.vpcId());
        String publicTable = net.routeTable(vpc.vpcId(), publicSubnet);
        net.routeToGateway(publicTable, "0.0.0.0/0", igw);
        String nat = net.natGateway(publicSubnet);
        net.routeToNat(vpc.routeTableId(), "0.0.0.0/0", nat);

        Admin.Trace trace = new Admin(endpoint).trace(vpc.instanceA(), S3_HOST, 443);
        assertTrue(trace.delivered(), trace.text());
        assertEquals(List.of(nat), trace.resources("NAT_GATEWAY"), trace.text());
        // The private subnet's table sends it to the NAT gateway, whose subnet's table sends it to the IGW.
        assertEquals(List.of(vpc.routeTableId(), publicTable), trace.resources("ROUTE"), trace.text());
        assertTrue(trace.resources("ENDPOINT").isEmpty(), trace.text());
        assertTrue(trace.text().contains(igw), trace.text());

        try (S3Client s3 = inside(lv, endpoint, vpc.instanceB()).s3(true)) {
            roundTrip(s3, "through-nat");
        }
    }

    @Test
    void securityGroupEgressWithout443IsRefusedNamingTheGroup(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        String vpcId = net.vpc("10.13.0.0/16");
        String subnet = net.subnet(vpcId, "10.13.1.0/24", Layouts.ZONE_A);
        String table = net.routeTable(vpcId, subnet);
        net.s3GatewayEndpoint(vpcId, table);
        String web = net.groupWithoutEgress(vpcId, "web-only");
        net.allowEgressTcp(web, 80, "0.0.0.0/0");
        String instance = net.instance(subnet, web);
        Admin admin = new Admin(endpoint);

        Admin.Trace trace = admin.trace(instance, S3_HOST, 443);
        assertFalse(trace.delivered(), trace.text());
        assertTrue(trace.summary().contains(web) && trace.summary().contains("egress") && trace.summary().contains(":443"), trace.text());
        Workload w = inside(lv, endpoint, instance);
        Workload.ProxyReply reply = w.connect(S3_HOST, 443);
        assertEquals(403, reply.status(), "a security group is a permission refusal");
        assertTrue(reply.refusal().contains(web), reply.refusal());
        assertS3Refused(w, 403, web);

        // The same flow on the port the group does allow passes the group (proof the rule, not the route, decided).
        assertTrue(admin.trace(instance, S3_HOST, 80).delivered(), admin.trace(instance, S3_HOST, 80).text());
        net.allowEgressTcp(web, 443, "0.0.0.0/0");
        try (S3Client s3 = w.s3(true)) {
            roundTrip(s3, "after-egress-rule");
        }
    }

    @Test
    void aNetworkAclDenyIsRefusedNamingTheAclAndRuleNumber(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.14");
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        String acl = net.openAclFor(vpc.vpcId(), vpc.subnetA());
        net.denyTcpOut(acl, 90, 443, "0.0.0.0/0");
        Admin admin = new Admin(endpoint);

        Admin.Trace trace = admin.trace(vpc.instanceA(), S3_HOST, 443);
        assertFalse(trace.delivered(), trace.text());
        assertTrue(trace.summary().contains(acl) && trace.summary().contains("rule 90") && trace.summary().contains("denies"), trace.text());
        Workload w = inside(lv, endpoint, vpc.instanceA());
        Workload.ProxyReply reply = w.connect(S3_HOST, 443);
        assertEquals(403, reply.status());
        assertEquals(trace.summary(), reply.refusal());
        assertS3Refused(w, 403, acl, "rule 90");

        // The other subnet keeps the default ACL, so its instance still gets through.
        try (S3Client s3 = inside(lv, endpoint, vpc.instanceB()).s3(true)) {
            roundTrip(s3, "acl-other-subnet");
        }
        ec2.deleteNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(90).egress(true));
        assertTrue(admin.trace(vpc.instanceA(), S3_HOST, 443).delivered());
        try (S3Client s3 = w.s3(false)) {
            roundTrip(s3, "acl-rule-deleted");
        }
    }
}
