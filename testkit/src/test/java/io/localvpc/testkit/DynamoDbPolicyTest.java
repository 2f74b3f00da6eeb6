package io.localvpc.testkit;

import com.sun.net.httpserver.HttpServer;
import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB through a gateway endpoint whose policy allows only GetItem on one table: the table comes from
 * the JSON body, the refusal is the JSON protocol's AccessDeniedException with AWS's words, and refused
 * requests never reach the backend (a tiny fake DynamoDB configured as the upstream).
 */
class DynamoDbPolicyTest {
    private static final String TABLE_T = "arn:aws:dynamodb:us-east-1:000000000000:table/T";
    private static HttpServer fake;
    private static final List<String> received = new CopyOnWriteArrayList<>();
    private static LocalVpc lv;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() throws IOException {
        fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " " + body);
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        fake.start();
        lv = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true)
                .withUpstreams(Map.of("dynamodb", URI.create("http://127.0.0.1:" + fake.getAddress().getPort())))).start();
        ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) ec2.close();
        if (lv != null) lv.close();
        if (fake != null) fake.stop(0);
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.builder().s(id).build());
    }

    private static void assertDenied(String action, String resource, Runnable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals(400, e.statusCode(), e.toString());
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode(), e.toString());
        assertEquals("User: arn:aws:iam::000000000000:root is not authorized to perform: " + action + " on resource: " + resource
                + " because no VPC endpoint policy allows the " + action + " action", e.awsErrorDetails().errorMessage());
    }

    @Test
    void anEndpointPolicyAllowingOnlyGetItemOnOneTable() {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.70");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"" + TABLE_T + "\"}]}";
        String vpce = ec2.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).serviceName("com.amazonaws.us-east-1.dynamodb")
                .vpcEndpointType(VpcEndpointType.GATEWAY).routeTableIds(vpc.routeTableId()).policyDocument(policy)).vpcEndpoint().vpcEndpointId();
        Admin.Trace trace = new Admin(lv.endpoint()).trace(vpc.instanceA(), "dynamodb.us-east-1.amazonaws.com", 443);
        assertEquals(List.of(vpce), trace.resources("ENDPOINT"), trace.text());

        Workload w = new Workload(vpc.instanceA(), lv.proxyAddress(), new Admin(lv.endpoint()).caPem());
        received.clear();
        try (DynamoDbClient ddb = w.dynamoDb()) {
            assertTrue(ddb.getItem(r -> r.tableName("T").key(key("1"))).item().isEmpty());
            assertDenied("dynamodb:PutItem", TABLE_T, () -> ddb.putItem(r -> r.tableName("T").item(key("2"))));
            assertDenied("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:000000000000:table/U", () -> ddb.getItem(r -> r.tableName("U").key(key("1"))));
        }
        assertEquals(1, received.size(), "only the allowed request reaches DynamoDB: " + received);
        assertTrue(received.get(0).startsWith("DynamoDB_20120810.GetItem ") && received.get(0).contains("\"TableName\":\"T\""), received.get(0));
    }
}
