package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /metrics after real work: API calls through the SDK, S3 through a gateway endpoint with an endpoint policy that
 * denies one action, a connection the path refuses, and questions to the VPC's resolver; each shows in its counter,
 * read back in the Prometheus text format.
 */
@ExtendWith(LocalVpcExtension.class)
class MetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    @Test
    void whatTheNetworkAndTheApiDidShowsInTheCounters(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.77");
        String vpce = ec2.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).serviceName(Layouts.S3_SERVICE).vpcEndpointType(VpcEndpointType.GATEWAY)
                .routeTableIds(vpc.routeTableId())
                .policyDocument(PolicyEnforcementTest.policy(PolicyEnforcementTest.statement("Allow", "*", "*"),
                        PolicyEnforcementTest.statement("Deny", "s3:DeleteObject", "*"))))
                .vpcEndpoint().vpcEndpointId();
        assertThrows(Ec2Exception.class, () -> ec2.describeVpcs(r -> r.vpcIds("vpc-0000000000000000f")));

        Workload inside = new Workload(vpc.instanceA(), lv.proxyAddress(), new Admin(endpoint).caPem());
        try (S3Client s3 = inside.s3(true)) {
            s3.createBucket(r -> r.bucket("metrics"));
            s3.putObject(r -> r.bucket("metrics").key("a"), RequestBody.fromString("0123456789"));
            assertEquals("0123456789", s3.getObjectAsBytes(r -> r.bucket("metrics").key("a")).asUtf8String());
            assertEquals(403, assertThrows(S3Exception.class, () -> s3.deleteObject(r -> r.bucket("metrics").key("a"))).statusCode());
        }
        // No route to an address outside the VPC: the proxy refuses it.
        assertNotEquals(200, inside.connect("10.99.0.1", 443).status());

        InetSocketAddress resolver = new Admin(endpoint).resolver(vpc.vpcId());
        assertTrue(!DnsQueries.dnsjava(resolver, "s3.us-east-1.amazonaws.com", false).isEmpty());
        assertEquals(3, DnsQueries.rcode(resolver, "no-such-name.metrics.invalid"), "NXDOMAIN");

        List<Sample> m = scrapeUntil(endpoint, samples -> sum(samples, "localvpc_path_bytes_total", Map.of("via", vpce)) > 0);
        assertTrue(sum(m, "localvpc_api_requests_total", Map.of("service", "ec2", "operation", "CreateVpcEndpoint", "outcome", "ok")) >= 1);
        assertTrue(sum(m, "localvpc_api_requests_total", Map.of("service", "ec2", "operation", "DescribeVpcs", "outcome", "client_error")) >= 1);
        assertTrue(sum(m, "localvpc_api_request_duration_seconds_count", Map.of("service", "ec2", "operation", "CreateVpcEndpoint")) >= 1);

        assertTrue(sum(m, "localvpc_connections_total", Map.of("verdict", "accepted", "path", "gateway-endpoint")) >= 1);
        assertTrue(sum(m, "localvpc_connections_total", Map.of("verdict", "refused")) >= 1);
        assertTrue(sum(m, "localvpc_path_bytes_total", Map.of("path", "gateway-endpoint", "via", vpce, "direction", "from_workload")) >= 10,
                "the PUT's body went through " + vpce);
        assertTrue(sum(m, "localvpc_path_bytes_total", Map.of("path", "gateway-endpoint", "via", vpce, "direction", "to_workload")) >= 10,
                "the GET's body came back through " + vpce);
        assertEquals(0.0, sum(m, "localvpc_connections_open", Map.of("path", "gateway-endpoint")), "the S3 client's connection is closed");

        assertEquals(1.0, sum(m, "localvpc_policy_decisions_total", Map.of("service", "s3", "outcome", "explicit_deny", "policy", "endpoint")));
        assertTrue(sum(m, "localvpc_policy_decisions_total", Map.of("service", "s3", "outcome", "allow")) >= 3);

        assertTrue(sum(m, "localvpc_dns_queries_total", Map.of("answer", "noerror")) >= 1);
        assertTrue(sum(m, "localvpc_dns_queries_total", Map.of("answer", "nxdomain")) >= 1);
        assertTrue(sum(m, "jvm_memory_used_bytes", Map.of()) > 0, "the JVM's basics are there too");
    }

    @Test
    void anUnknownActionIsCountedWithoutItsNameAndTheFormatIsPrometheusText(Ec2Client ec2, URI endpoint) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=MadeUpAction42&Version=2016-11-15")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(endpoint.resolve("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), metrics.headers().toString());
        assertTrue(metrics.body().contains("# TYPE localvpc_api_requests_total counter"), metrics.body());
        assertTrue(!metrics.body().contains("MadeUpAction42"), "a caller cannot make a label value up");
        assertTrue(sum(parse(metrics.body()), "localvpc_api_requests_total", Map.of("service", "ec2", "operation", "unknown", "outcome", "client_error")) >= 1);
    }

    /** The page parses with the Prometheus project's own text parser (its Python client, Debian's python3-prometheus-client). */
    @Test
    void prometheusOwnParserReadsThePage(Ec2Client ec2, URI endpoint) throws Exception {
        RequiredTools.require("/usr/bin/python3", "python3-prometheus-client", "-c", "import prometheus_client");
        ec2.describeVpcs();
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        java.nio.file.Path page = java.nio.file.Files.createTempFile("metrics", ".txt");
        try {
            java.nio.file.Files.writeString(page, metrics.body());
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", String.join("\n",
                    "import sys",
                    "from prometheus_client.parser import text_string_to_metric_families",
                    "for f in text_string_to_metric_families(open(sys.argv[1]).read()):",
                    "    print(f.name, f.type, len(f.samples))"), page.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.contains("localvpc_api_requests counter"), out);
            assertTrue(out.contains("localvpc_api_request_duration_seconds histogram"), out);
            assertTrue(out.contains("localvpc_connections_open gauge"), out);
        } finally {
            java.nio.file.Files.deleteIfExists(page);
        }
    }

    @Test
    void aPageThatRebindsItsNameCannotReadTheMetrics(URI endpoint) throws IOException {
        RawHttp.Answer a = RawHttp.send(endpoint, "GET /metrics HTTP/1.1\r\nHost: attacker.example:" + endpoint.getPort() + "\r\nConnection: close\r\n\r\n", 5000);
        assertEquals(403, a.status(), a.text());
        assertTrue(!a.text().contains("localvpc_api_requests_total"));
    }

    /** Connections are counted when they close, which happens just after the client returns: read until {@code ready}. */
    private static List<Sample> scrapeUntil(URI endpoint, java.util.function.Predicate<List<Sample>> ready) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Sample> samples = List.of();
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            samples = parse(r.body());
            if (ready.test(samples)) return samples;
            Thread.sleep(50);
        }
        return samples;
    }

    static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher s = SAMPLE.matcher(line);
            assertTrue(s.matches(), "not a Prometheus text sample: " + line);
            Map<String, String> labels = new HashMap<>();
            if (s.group(2) != null) {
                Matcher l = LABEL.matcher(s.group(2));
                while (l.find()) labels.put(l.group(1), l.group(2));
            }
            out.add(new Sample(s.group(1), labels, Double.parseDouble(s.group(3))));
        }
        return out;
    }

    /** The sum of the samples named {@code name} whose labels include {@code labels}. */
    static double sum(List<Sample> samples, String name, Map<String, String> labels) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())) total += s.value();
        }
        return total;
    }
}
