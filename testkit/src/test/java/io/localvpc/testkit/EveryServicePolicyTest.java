package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets Manager, SSM, KMS and CloudWatch Logs through interface endpoints whose policies allow one resource each,
 * played by a recording upstream ({@code --upstream '*=…'}): localvpc decides every request by the endpoint policy; an
 * allowed request arrives upstream byte for byte as the client sent it; a refused one never arrives, and neither does
 * a request localvpc cannot classify under a restrictive policy (while under the default full-access policy it passes).
 * Raw requests, Debian's boto3 and Debian's AWS CLI are decided alike.
 */
class EveryServicePolicyTest {
    private static final String ACCOUNT = "000000000000";
    private static RecordingUpstream upstream;
    private static LocalVpc lv;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() throws Exception {
        upstream = new RecordingUpstream();
        lv = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true).withUpstreams(Map.of("*", upstream.url()))).start();
        ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (ec2 != null) ec2.close();
        if (lv != null) lv.close();
        if (upstream != null) upstream.close();
    }

    private static String allowOnly(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    private static void endpoint(Layouts net, String vpcId, String subnetId, String service, String policy) {
        String id = ec2.createVpcEndpoint(r -> {
            r.vpcId(vpcId).serviceName("com.amazonaws.us-east-1." + service).vpcEndpointType(VpcEndpointType.INTERFACE)
                    .subnetIds(subnetId).privateDnsEnabled(true);
            if (policy != null) r.policyDocument(policy);
        }).vpcEndpoint().vpcEndpointId();
        Layouts.awaitValue("endpoint " + id + " state", "available", () -> net.describeEndpoint(id).stateAsString());
    }

    /** A JSON-protocol request as an SDK writes it (the signature is not checked by localvpc's default mode). */
    private static String request(String host, String signingName, String target, String body) {
        return "POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: " + target
                + "\r\nX-Amz-Date: 20261207T000000Z\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261207/us-east-1/"
                + signingName + "/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
                + "0".repeat(64) + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** Sends one request over TLS through the workload proxy; the answer's status line and body. */
    private static String send(Workload w, String host, String request) throws Exception {
        try (SSLSocket s = w.openTls(host, 443)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = RecordingUpstream.readHead(in);
            if (head == null) throw new AssertionError("the connection closed without an answer");
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int length = RecordingUpstream.contentLength(head);
            return lines[0] + "\n" + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }

    private static void assertArrivesUnchanged(Workload w, String host, String request) throws Exception {
        upstream.clear();
        String answer = send(w, host, request);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertEquals(List.of(request), upstream.requests(), "the request arrives upstream as the client sent it");
    }

    private static void assertRefused(Workload w, String host, String request, String words) throws Exception {
        upstream.clear();
        String answer = send(w, host, request);
        assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("AccessDeniedException") && answer.contains(words), answer);
        assertEquals(List.of(), upstream.requests(), "a refused request never reaches the service");
    }

    @Test
    void endpointPoliciesOfSecretsManagerSsmKmsAndLogsAreDecidedByLocalvpc(@TempDir Path work) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.86");
        String arn = "arn:aws:%s:us-east-1:" + ACCOUNT + ":%s";
        endpoint(net, vpc.vpcId(), vpc.subnetA(), "secretsmanager", allowOnly("secretsmanager:GetSecretValue", arn.formatted("secretsmanager", "secret:app/*")));
        endpoint(net, vpc.vpcId(), vpc.subnetA(), "ssm", allowOnly("ssm:GetParameter", arn.formatted("ssm", "parameter/app/*")));
        endpoint(net, vpc.vpcId(), vpc.subnetA(), "kms", allowOnly("kms:Decrypt", arn.formatted("kms", "key/1234abcd-0000-0000-0000-000000000001")));
        endpoint(net, vpc.vpcId(), vpc.subnetA(), "logs", allowOnly("logs:PutLogEvents", arn.formatted("logs", "log-group:/app:*")));
        Workload w = new Workload(vpc.instanceA(), lv.proxyAddress(), new Admin(lv.endpoint()).caPem());

        String sm = "secretsmanager.us-east-1.amazonaws.com";
        assertArrivesUnchanged(w, sm, request(sm, "secretsmanager", "secretsmanager.GetSecretValue", "{\"SecretId\":\"app/db\"}"));
        assertRefused(w, sm, request(sm, "secretsmanager", "secretsmanager.GetSecretValue", "{\"SecretId\":\"billing/db\"}"),
                "secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:billing/db");
        assertRefused(w, sm, request(sm, "secretsmanager", "secretsmanager.DeleteSecret", "{\"SecretId\":\"app/db\"}"),
                "secretsmanager:DeleteSecret");

        String ssm = "ssm.us-east-1.amazonaws.com";
        assertArrivesUnchanged(w, ssm, request(ssm, "ssm", "AmazonSSM.GetParameter", "{\"Name\":\"/app/db/password\",\"WithDecryption\":true}"));
        assertRefused(w, ssm, request(ssm, "ssm", "AmazonSSM.GetParameter", "{\"Name\":\"/ops/root\"}"),
                "ssm:GetParameter on resource: arn:aws:ssm:us-east-1:" + ACCOUNT + ":parameter/ops/root");

        String kms = "kms.us-east-1.amazonaws.com";
        assertArrivesUnchanged(w, kms, request(kms, "kms", "TrentService.Decrypt",
                "{\"CiphertextBlob\":\"AQID\",\"KeyId\":\"1234abcd-0000-0000-0000-000000000001\"}"));
        assertRefused(w, kms, request(kms, "kms", "TrentService.Decrypt", "{\"CiphertextBlob\":\"AQID\",\"KeyId\":\"1234abcd-0000-0000-0000-000000000002\"}"),
                "kms:Decrypt on resource: arn:aws:kms:us-east-1:" + ACCOUNT + ":key/1234abcd-0000-0000-0000-000000000002");
        // A request localvpc cannot classify (its body is no JSON object) under a policy that is not full access.
        assertRefused(w, kms, request(kms, "kms", "TrentService.Decrypt", "[1,2,3]"), "cannot tell which kms action");

        String logs = "logs.us-east-1.amazonaws.com";
        assertArrivesUnchanged(w, logs, request(logs, "logs", "Logs_20140328.PutLogEvents",
                "{\"logGroupName\":\"/app\",\"logStreamName\":\"web-1\",\"logEvents\":[{\"timestamp\":1,\"message\":\"hi\"}]}"));
        assertRefused(w, logs, request(logs, "logs", "Logs_20140328.DeleteLogGroup", "{\"logGroupName\":\"/app\"}"),
                "logs:DeleteLogGroup on resource: arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:/app");

        // Debian's boto3 in the same instance: allowed and refused by the same policies.
        RequiredTools.require("/usr/bin/python3", "python3-boto3", "-c", "import boto3");
        String script = String.join("\n",
                "import boto3, botocore.exceptions",
                "def attempt(label, call):",
                "    try:",
                "        call()",
                "        print(label, 'ok')",
                "    except botocore.exceptions.ClientError as e:",
                "        print(label, e.response['Error']['Code'])",
                "sm = boto3.client('secretsmanager', region_name='us-east-1')",
                "ssm = boto3.client('ssm', region_name='us-east-1')",
                "attempt('secret app/api', lambda: sm.get_secret_value(SecretId='app/api'))",
                "attempt('secret ops/api', lambda: sm.get_secret_value(SecretId='ops/api'))",
                "attempt('parameter /app/url', lambda: ssm.get_parameter(Name='/app/url'))",
                "attempt('put parameter /app/url', lambda: ssm.put_parameter(Name='/app/url', Value='x', Type='String'))");
        upstream.clear();
        InstanceExec.Result py = InstanceExec.run(lv.endpoint(), vpc.instanceA(), work, "/usr/bin/python3", "-c", script);
        assertEquals(0, py.exit(), py.both());
        assertEquals(List.of("secret app/api ok", "secret ops/api AccessDeniedException", "parameter /app/url ok",
                "put parameter /app/url AccessDeniedException"), py.stdout().lines().toList(), py.both());
        assertEquals(2, upstream.requests().size(), "only the two allowed calls arrive: " + upstream.requests());
        assertTrue(upstream.requests().get(0).contains("\"SecretId\": \"app/api\"") && upstream.requests().get(1).contains("/app/url"),
                upstream.requests().toString());

        // Debian's AWS CLI the same way.
        RequiredTools.require("/usr/bin/aws", "awscli", "--version");
        upstream.clear();
        InstanceExec.Result allowedSecret = InstanceExec.run(lv.endpoint(), vpc.instanceA(), work, "/usr/bin/aws", "secretsmanager",
                "get-secret-value", "--secret-id", "app/cli");
        assertEquals(0, allowedSecret.exit(), allowedSecret.both());
        InstanceExec.Result deniedSecret = InstanceExec.run(lv.endpoint(), vpc.instanceA(), work, "/usr/bin/aws", "secretsmanager",
                "get-secret-value", "--secret-id", "ops/cli");
        assertTrue(deniedSecret.exit() != 0 && deniedSecret.stderr().contains("AccessDeniedException"), deniedSecret.both());
        InstanceExec.Result allowedParameter = InstanceExec.run(lv.endpoint(), vpc.instanceA(), work, "/usr/bin/aws", "ssm",
                "get-parameter", "--name", "/app/cli");
        assertEquals(0, allowedParameter.exit(), allowedParameter.both());
        InstanceExec.Result deniedParameter = InstanceExec.run(lv.endpoint(), vpc.instanceA(), work, "/usr/bin/aws", "ssm",
                "delete-parameter", "--name", "/app/cli");
        assertTrue(deniedParameter.exit() != 0 && deniedParameter.stderr().contains("ssm:DeleteParameter"), deniedParameter.both());
        assertEquals(2, upstream.requests().size(), "only the two allowed CLI calls arrive: " + upstream.requests());
    }

    @Test
    void underTheDefaultFullAccessPolicyAnUnclassifiableRequestPasses() throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.87");
        endpoint(net, vpc.vpcId(), vpc.subnetA(), "kms", null);
        Workload w = new Workload(vpc.instanceA(), lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
        String kms = "kms.us-east-1.amazonaws.com";
        assertArrivesUnchanged(w, kms, request(kms, "kms", "TrentService.Decrypt", "[1,2,3]"));
    }
}
