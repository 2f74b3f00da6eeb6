package io.localvpc.dynamodb;

import io.localvpc.dynamodb.server.StandaloneDynamoDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DynamoDB's JSON 1.0 protocol as bytes on a socket: targets, content types, error bodies, request ids and CRC32 headers. */
class WireProtocolTest {
    private static DynamoDb dynamoDb;
    private static StandaloneDynamoDbServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20250101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00";

    @BeforeAll
    static void start() {
        dynamoDb = DynamoDb.inMemory(Clock.systemUTC(), Duration.ofHours(1));
        server = StandaloneDynamoDbServer.start(dynamoDb, 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        dynamoDb.close();
    }

    private static HttpResponse<String> post(String target, String contentType, String body, boolean signed) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) b.header("X-Amz-Target", target);
        if (contentType != null) b.header("Content-Type", contentType);
        if (signed) b.header("Authorization", AUTH).header("X-Amz-Date", "20250101T000000Z");
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertDynamoDbHeaders(HttpResponse<String> r) {
        assertTrue(r.headers().firstValue("x-amzn-RequestId").orElse("").matches("[0-9A-Z]{52}"));
        CRC32 crc = new CRC32();
        crc.update(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(String.valueOf(crc.getValue()), r.headers().firstValue("x-amz-crc32").orElse(""));
    }

    @Test
    void answersAnOperationWithDynamoDbsHeaders() throws Exception {
        HttpResponse<String> r = post("DynamoDB_20120810.ListTables", "application/x-amz-json-1.0", "{}", true);
        assertEquals(200, r.statusCode());
        assertEquals("{\"TableNames\":[]}", r.body());
        assertEquals("application/x-amz-json-1.0", r.headers().firstValue("Content-Type").orElse(""));
        assertDynamoDbHeaders(r);
        HttpResponse<String> json = post("DynamoDB_20120810.ListTables", "application/json; charset=utf-8", "{}", true);
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void refusesWhatDynamoDbRefusesWithItsErrorBodies() throws Exception {
        HttpResponse<String> unknown = post("DynamoDB_20120810.ListTable", "application/x-amz-json-1.0", "{}", true);
        assertEquals(400, unknown.statusCode());
        assertEquals("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}", unknown.body());
        assertDynamoDbHeaders(unknown);
        HttpResponse<String> notJson = post("DynamoDB_20120810.ListTables", "application/x-amz-json-1.0", "hi", true);
        assertEquals("{\"__type\":\"com.amazon.coral.service#SerializationException\"}", notJson.body());
        HttpResponse<String> unsigned = post("DynamoDB_20120810.ListTables", "application/x-amz-json-1.0", "{}", false);
        assertEquals("{\"__type\":\"com.amazon.coral.service#MissingAuthenticationTokenException\",\"message\":\"Request is missing Authentication Token\"}",
                unsigned.body());
        HttpResponse<String> wrongType = post("DynamoDB_20120810.DescribeTable", "application/x-amz-json-1.0", "{\"TableName\":true}", true);
        assertEquals("{\"__type\":\"com.amazon.coral.service#SerializationException\",\"Message\":\"TRUE_VALUE cannot be converted to String\"}",
                wrongType.body());
        HttpResponse<String> constraints = post("DynamoDB_20120810.Scan", "application/x-amz-json-1.0", "{\"TableName\":\"a;\",\"Limit\":0}", true);
        assertEquals(400, constraints.statusCode());
        assertTrue(constraints.body().startsWith("{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"3 validation errors detected: "),
                constraints.body());
        assertTrue(constraints.body().contains("Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"));
        HttpResponse<String> wrongContentType = post("DynamoDB_20120810.ListTables", "text/plain", "{}", true);
        assertEquals(404, wrongContentType.statusCode());
        assertEquals("<UnknownOperationException/>\n", wrongContentType.body());
    }

    @Test
    void tablesLiveInTheRegionAndAccountOfTheCaller() throws Exception {
        String create = "{\"TableName\":\"Regional\",\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]}";
        HttpResponse<String> r = post("DynamoDB_20120810.CreateTable", "application/x-amz-json-1.0", create, true);
        assertTrue(r.body().contains("\"TableArn\":\"arn:aws:dynamodb:eu-west-1:000000000000:table/Regional\""), r.body());
        HttpRequest other = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Content-Type", "application/x-amz-json-1.0").header("Authorization", AUTH.replace("eu-west-1", "us-west-2"))
                .header("X-Amz-Date", "20250101T000000Z").build();
        assertEquals("{\"TableNames\":[]}", HTTP.send(other, HttpResponse.BodyHandlers.ofString()).body());
    }
}
