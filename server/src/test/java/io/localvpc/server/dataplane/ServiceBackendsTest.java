package io.localvpc.server.dataplane;

import io.localvpc.dataplane.backend.ServiceBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which backend plays which host name: the embedded S3 and DynamoDB, '*' for every other service, named upstreams over '*'. */
class ServiceBackendsTest {
    private static final String BUILT_IN_DYNAMODB = "dynamodb";

    private static String backendOf(ServiceBackends b, String host) {
        return b.router().route(host).map(ServiceBackend::name).orElse("none");
    }

    @Test
    void everyOtherServiceGoesToTheStarUpstreamAndNamedUpstreamsWin(@TempDir Path dir) {
        Map<String, URI> upstreams = new LinkedHashMap<>();
        upstreams.put("sqs", URI.create("http://127.0.0.1:9324"));
        upstreams.put("*", URI.create("http://127.0.0.1:4566"));
        try (ServiceBackends b = new ServiceBackends(dir, null, upstreams, "000000000000", "us-east-1")) {
            String star = "upstream http://127.0.0.1:4566";
            for (String host : new String[]{"kms.us-east-1.amazonaws.com", "kms-fips.us-east-1.amazonaws.com", "logs.eu-west-1.amazonaws.com",
                    "secretsmanager.us-east-1.amazonaws.com", "api.ecr.us-east-1.amazonaws.com", "sts.amazonaws.com", "iam.amazonaws.com",
                    "vpce-0a1b2c3d-x1y2z3w4.kms.us-east-1.vpce.amazonaws.com"}) {
                assertEquals(star, backendOf(b, host), host);
            }
            for (String host : new String[]{"sqs.us-east-1.amazonaws.com", "queue.amazonaws.com", "us-west-2.queue.amazonaws.com"}) {
                assertEquals("upstream http://127.0.0.1:9324", backendOf(b, host), host);
            }
            for (String host : new String[]{"s3.us-east-1.amazonaws.com", "reports.s3.amazonaws.com", "s3-external-1.amazonaws.com",
                    "reports.s3.dualstack.eu-west-1.amazonaws.com", "s3-fips.us-east-1.amazonaws.com"}) {
                assertEquals("embedded S3", backendOf(b, host), host);
            }
            for (String host : new String[]{"dynamodb.us-east-1.amazonaws.com", "dynamodb.eu-west-1.amazonaws.com",
                    "vpce-0a1b2c3d-x1y2z3w4.dynamodb.us-east-1.vpce.amazonaws.com"}) {
                assertEquals(BUILT_IN_DYNAMODB, backendOf(b, host), host);
            }
        }
    }

    @Test
    void aNamedDynamoDbUpstreamReplacesTheBuiltInOne(@TempDir Path dir) {
        try (ServiceBackends b = new ServiceBackends(dir, null, Map.of("dynamodb", URI.create("http://127.0.0.1:8000")), "000000000000", "us-east-1")) {
            assertEquals("upstream http://127.0.0.1:8000", backendOf(b, "dynamodb.us-east-1.amazonaws.com"));
        }
    }

    @Test
    void anUnknownServiceNameIsRefused(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServiceBackends(dir, null, Map.of("sqs2", URI.create("http://127.0.0.1:9324")), "000000000000", "us-east-1"));
        assertTrue(e.getMessage().contains("no AWS endpoint service is called 'sqs2'"), e.getMessage());
    }
}
