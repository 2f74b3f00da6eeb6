package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The instance metadata service (issue 13) as a program inside an instance reaches it: {@code 169.254.169.254}
 * through the workload proxy (absolute-form HTTP and CONNECT), whatever the routes and security groups say, with
 * IMDSv2 tokens bound to the instance and the instance's metadata options; and the same service on the proxy's own
 * port under {@code /imds/<id>} for SDKs that never use a proxy for it.
 */
@ExtendWith(LocalVpcExtension.class)
class InstanceMetadataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String auth(String identity) {
        return "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString((identity + ":x").getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    /** One request through the proxy in absolute form, as botocore and curl send it with HTTP_PROXY set. */
    private static RawHttp.Answer viaProxy(LocalVpc lv, String identity, String method, String path, String headers) throws Exception {
        URI proxy = URI.create("http://127.0.0.1:" + lv.proxyAddress().getPort());
        return RawHttp.send(proxy, method + " http://169.254.169.254" + path + " HTTP/1.1\r\nHost: 169.254.169.254\r\n" + auth(identity)
                + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n", 5000);
    }

    private static String token(LocalVpc lv, String identity) throws Exception {
        RawHttp.Answer t = viaProxy(lv, identity, "PUT", "/latest/api/token", "X-aws-ec2-metadata-token-ttl-seconds: 60\r\n");
        assertEquals(200, t.status(), t.text());
        assertEquals("60", t.header("X-aws-ec2-metadata-token-ttl-seconds"));
        return t.body();
    }

    @Test
    void anInstanceReadsItsOwnMetadataWithoutAnyRouteOrRule(Ec2Client ec2, LocalVpc lv) throws Exception {
        Layouts net = new Layouts(ec2);
        // A private VPC: no route but the local one, and a security group that allows no egress at all.
        String vpcId = net.vpc("10.81.0.0/16");
        String subnet = net.subnet(vpcId, "10.81.1.0/24", "us-east-1a");
        String closed = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("closed").description("nothing out")).groupId();
        ec2.revokeSecurityGroupEgress(r -> r.groupId(closed).ipPermissions(p -> p.ipProtocol("-1").ipRanges(ip -> ip.cidrIp("0.0.0.0/0"))));
        String id = net.instance(subnet, closed);
        Instance described = net.describeInstance(id);

        String token = token(lv, id);
        String header = "X-aws-ec2-metadata-token: " + token + "\r\n";
        assertEquals(id, viaProxy(lv, id, "GET", "/latest/meta-data/instance-id", header).body());
        assertEquals(described.imageId(), viaProxy(lv, id, "GET", "/latest/meta-data/ami-id", header).body());
        assertEquals(described.instanceTypeAsString(), viaProxy(lv, id, "GET", "/latest/meta-data/instance-type", header).body());
        assertEquals("us-east-1a", viaProxy(lv, id, "GET", "/latest/meta-data/placement/availability-zone", header).body());
        assertEquals(net.zoneIdOf(subnet), viaProxy(lv, id, "GET", "/latest/meta-data/placement/availability-zone-id", header).body());
        assertEquals("us-east-1", viaProxy(lv, id, "GET", "/latest/meta-data/placement/region", header).body());
        assertEquals(described.privateIpAddress(), viaProxy(lv, id, "GET", "/latest/meta-data/local-ipv4", header).body());
        assertEquals(described.privateDnsName(), viaProxy(lv, id, "GET", "/latest/meta-data/local-hostname", header).body());
        String mac = viaProxy(lv, id, "GET", "/latest/meta-data/mac", header).body();
        assertEquals(described.networkInterfaces().get(0).macAddress(), mac);
        String nic = "/latest/meta-data/network/interfaces/macs/" + mac + "/";
        assertEquals(vpcId, viaProxy(lv, id, "GET", nic + "vpc-id", header).body());
        assertEquals(subnet, viaProxy(lv, id, "GET", nic + "subnet-id", header).body());
        assertEquals(closed, viaProxy(lv, id, "GET", nic + "security-group-ids", header).body());
        assertEquals(described.networkInterfaces().get(0).networkInterfaceId(), viaProxy(lv, id, "GET", nic + "interface-id", header).body());
        String listing = viaProxy(lv, id, "GET", "/latest/meta-data/", header).body();
        for (String entry : new String[]{"ami-id", "instance-id", "local-ipv4", "mac", "network/", "placement/"}) {
            assertTrue(listing.lines().anyMatch(entry::equals), entry + " in\n" + listing);
        }
        assertTrue(listing.lines().noneMatch("iam/"::equals), "no instance profile, no iam/: " + listing);
        assertEquals(404, viaProxy(lv, id, "GET", "/latest/meta-data/iam/info", header).status());
        JsonNode document = JSON.readTree(viaProxy(lv, id, "GET", "/latest/dynamic/instance-identity/document", header).body());
        assertEquals(id, document.path("instanceId").asText());
        assertEquals("us-east-1", document.path("region").asText());
        assertEquals(described.privateIpAddress(), document.path("privateIp").asText());
        assertEquals("2017-09-30", document.path("version").asText());
        assertEquals(404, viaProxy(lv, id, "GET", "/latest/meta-data/no-such-thing", header).status());

        // The same service on the proxy's own port, for SDKs that never send it through a proxy.
        URI proxy = URI.create("http://127.0.0.1:" + lv.proxyAddress().getPort());
        RawHttp.Answer direct = RawHttp.send(proxy, "GET /imds/" + id + "/latest/meta-data/instance-id HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + header + "Connection: close\r\n\r\n", 5000);
        assertEquals(200, direct.status(), direct.text());
        assertEquals(id, direct.body());

        // And by CONNECT: a tunnel to 169.254.169.254:80 carrying plain HTTP.
        RawHttp.Answer tunnelled = RawHttp.send(proxy, "CONNECT 169.254.169.254:80 HTTP/1.1\r\nHost: 169.254.169.254:80\r\n" + auth(id) + "\r\n"
                + "GET /latest/meta-data/instance-id HTTP/1.1\r\nHost: 169.254.169.254\r\n" + header + "Connection: close\r\n\r\n", 5000);
        assertTrue(tunnelled.text().startsWith("HTTP/1.1 200"), tunnelled.text());
        assertTrue(tunnelled.text().endsWith("\r\n\r\n" + id), tunnelled.text());

        // And by SOCKS5 (socks5h://, the name resolved by the proxy), as curl with ALL_PROXY sends it.
        Workload.SocksReply socks = new Workload(id, lv.proxyAddress(), new Admin(lv.endpoint()).caPem()).socks5("169.254.169.254", 80);
        assertEquals(0, socks.code());
        try (java.net.Socket s = socks.socket()) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("GET /latest/meta-data/instance-id HTTP/1.1\r\nHost: 169.254.169.254\r\n" + header
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("\r\n\r\n" + id), answer);
        }

        // Only port 80 answers.
        assertEquals("latest", viaProxy(lv, id, "GET", "/", header).body(), "the root lists the versions served");
        RawHttp.Answer otherPort = RawHttp.send(proxy, "GET http://169.254.169.254:8080/ HTTP/1.1\r\nHost: 169.254.169.254\r\n" + auth(id)
                + "Connection: close\r\n\r\n", 5000);
        assertNotEquals(200, otherPort.status(), otherPort.text());
    }

    @Test
    void theProfilesRoleCredentialsAnsweredInOrderEvenWhenPipelined(Ec2Client ec2, LocalVpc lv) throws Exception {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}";
        try (software.amazon.awssdk.services.iam.IamClient iam = software.amazon.awssdk.services.iam.IamClient.builder().endpointOverride(lv.endpoint())
                .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "secret"))).build()) {
            iam.createRole(r -> r.roleName("metadata-reader").assumeRolePolicyDocument(trust));
            iam.createInstanceProfile(r -> r.instanceProfileName("metadata-reader"));
            iam.addRoleToInstanceProfile(r -> r.instanceProfileName("metadata-reader").roleName("metadata-reader"));
        }
        Layouts.PrivateVpc vpc = new Layouts(ec2).privateVpc("10.87");
        String id = vpc.instanceA();
        String profileArn = ec2.associateIamInstanceProfile(r -> r.instanceId(id).iamInstanceProfile(p -> p.name("metadata-reader")))
                .iamInstanceProfileAssociation().iamInstanceProfile().arn();
        assertEquals("metadata-reader", viaProxy(lv, id, "GET", "/latest/meta-data/iam/security-credentials/", "").body());
        JsonNode info = JSON.readTree(viaProxy(lv, id, "GET", "/latest/meta-data/iam/info", "").body());
        assertEquals("Success", info.path("Code").asText());
        assertEquals(profileArn, info.path("InstanceProfileArn").asText());

        // Two requests in one write: the credentials (which wait for the store) and the instance id, answered in that order.
        String prefix = "/imds/" + id + "/latest/meta-data/";
        byte[] both = ("GET " + prefix + "iam/security-credentials/metadata-reader HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "GET " + prefix + "instance-id HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        String text;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", lv.proxyAddress().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(both);
            text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        int first = text.indexOf("HTTP/1.1 200");
        int second = text.indexOf("HTTP/1.1 200", first + 1);
        assertTrue(first >= 0 && second > first, text);
        String credentialsBody = text.substring(text.indexOf("\r\n\r\n", first) + 4, second);
        JsonNode credentials = JSON.readTree(credentialsBody);
        assertEquals("Success", credentials.path("Code").asText());
        assertEquals("AWS-HMAC", credentials.path("Type").asText());
        assertTrue(credentials.path("AccessKeyId").asText().startsWith("ASIA"), credentialsBody);
        assertEquals(40, credentials.path("SecretAccessKey").asText().length(), credentialsBody);
        assertTrue(!credentials.path("Token").asText().isEmpty() && credentials.path("Expiration").asText().endsWith("Z"), credentialsBody);
        assertTrue(text.endsWith("\r\n\r\n" + id), text);
        // Asked again, the same credentials until they near their end.
        JsonNode again = JSON.readTree(viaProxy(lv, id, "GET", "/latest/meta-data/iam/security-credentials/metadata-reader", "").body());
        assertEquals(credentials.path("AccessKeyId").asText(), again.path("AccessKeyId").asText());
    }

    @Test
    void tokensAreTheInstancesOwnAndMetadataOptionsDecideV1(Ec2Client ec2, LocalVpc lv) throws Exception {
        Layouts.PrivateVpc vpc = new Layouts(ec2).privateVpc("10.82");
        String a = vpc.instanceA();
        String b = vpc.instanceB();
        String path = "/latest/meta-data/instance-id";

        // Tokens optional (the launch default here): v1 reads, v2 reads.
        assertEquals(a, viaProxy(lv, a, "GET", path, "").body());
        String tokenA = token(lv, a);
        // A token of instance A means nothing at instance B's service, and garbage means nothing anywhere.
        assertEquals(401, viaProxy(lv, b, "GET", path, "X-aws-ec2-metadata-token: " + tokenA + "\r\n").status());
        assertEquals(401, viaProxy(lv, a, "GET", path, "X-aws-ec2-metadata-token: not-a-token\r\n").status());
        // TTL outside 1..21600, or missing, is a bad request; a token PUT that came through a proxy is forbidden.
        assertEquals(400, viaProxy(lv, a, "PUT", "/latest/api/token", "X-aws-ec2-metadata-token-ttl-seconds: 0\r\n").status());
        assertEquals(400, viaProxy(lv, a, "PUT", "/latest/api/token", "X-aws-ec2-metadata-token-ttl-seconds: 21601\r\n").status());
        assertEquals(400, viaProxy(lv, a, "PUT", "/latest/api/token", "").status());
        assertEquals(403, viaProxy(lv, a, "PUT", "/latest/api/token", "X-aws-ec2-metadata-token-ttl-seconds: 60\r\n"
                + "X-Forwarded-For: 203.0.113.9\r\n").status());

        // HttpTokens=required: v1 is refused with 401, v2 still reads.
        InstanceMetadataOptionsResponse modified = ec2.modifyInstanceMetadataOptions(r -> r.instanceId(a).httpTokens(HttpTokensState.REQUIRED))
                .instanceMetadataOptions();
        assertEquals(HttpTokensState.REQUIRED, modified.httpTokens());
        assertEquals(HttpTokensState.REQUIRED, new Layouts(ec2).describeInstance(a).metadataOptions().httpTokens());
        RawHttp.Answer v1 = viaProxy(lv, a, "GET", path, "");
        assertEquals(401, v1.status(), v1.text());
        assertEquals(a, viaProxy(lv, a, "GET", path, "X-aws-ec2-metadata-token: " + tokenA + "\r\n").body());
        assertEquals(b, viaProxy(lv, b, "GET", path, "").body(), "instance B's options are its own");

        // HttpEndpoint=disabled: the service answers nothing but 403.
        ec2.modifyInstanceMetadataOptions(r -> r.instanceId(a).httpEndpoint(InstanceMetadataEndpointState.DISABLED));
        assertEquals(403, viaProxy(lv, a, "GET", path, "X-aws-ec2-metadata-token: " + tokenA + "\r\n").status());
        assertEquals(403, viaProxy(lv, a, "PUT", "/latest/api/token", "X-aws-ec2-metadata-token-ttl-seconds: 60\r\n").status());

        // RunInstances MetadataOptions, described back; out-of-range values refused as EC2 refuses them.
        Instance launched = ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1).subnetId(vpc.subnetA())
                .metadataOptions(o -> o.httpTokens(HttpTokensState.REQUIRED).httpPutResponseHopLimit(2))).instances().get(0);
        assertEquals(HttpTokensState.REQUIRED, launched.metadataOptions().httpTokens());
        assertEquals(2, launched.metadataOptions().httpPutResponseHopLimit());
        assertEquals("applied", launched.metadataOptions().stateAsString());
        Ec2Exception badHops = assertThrows(Ec2Exception.class, () -> ec2.modifyInstanceMetadataOptions(r -> r.instanceId(b).httpPutResponseHopLimit(65)));
        assertEquals("InvalidParameterValue", badHops.awsErrorDetails().errorCode());
        Ec2Exception ipv6 = assertThrows(Ec2Exception.class, () -> ec2.modifyInstanceMetadataOptions(r -> r.instanceId(b).httpProtocolIpv6("enabled")));
        assertEquals("UnsupportedOperation", ipv6.awsErrorDetails().errorCode());
    }
}
