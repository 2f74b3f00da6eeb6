package io.localvpc.dynamodb.sdk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static io.localvpc.dynamodb.sdk.TableApiTest.attr;
import static io.localvpc.dynamodb.sdk.TableApiTest.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tables and items kept in the data directory survive a restart; expired items are deleted by the TTL sweep and no others. */
class DurabilityAndTtlTest {
    private static Map<String, AttributeValue> item(String id, String kind) {
        return Map.of("id", AttributeValue.fromS(id), "kind", AttributeValue.fromS(kind));
    }

    @Test
    void tablesAndItemsSurviveARestart(@TempDir Path dir) {
        try (TestDynamoDb first = TestDynamoDb.durable(dir)) {
            first.client.createTable(b -> b.tableName("Kept").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr("id", ScalarAttributeType.S), attr("kind", ScalarAttributeType.S)).keySchema(key("id", KeyType.HASH))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byKind").keySchema(key("kind", KeyType.HASH))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
            for (int i = 0; i < 10; i++) first.client.putItem(b -> b.tableName("Kept").item(item("i" + System.nanoTime(), "k")));
            first.client.putItem(b -> b.tableName("Kept").item(item("changed", "k")));
            first.client.updateItem(b -> b.tableName("Kept").key(Map.of("id", AttributeValue.fromS("changed")))
                    .updateExpression("SET kind = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("other"))));
            first.client.putItem(b -> b.tableName("Kept").item(item("gone", "k")));
            first.client.deleteItem(b -> b.tableName("Kept").key(Map.of("id", AttributeValue.fromS("gone"))));
            first.client.updateTimeToLive(b -> b.tableName("Kept").timeToLiveSpecification(s -> s.enabled(true).attributeName("expires")));
        }
        try (TestDynamoDb second = TestDynamoDb.durable(dir)) {
            var table = second.client.describeTable(b -> b.tableName("Kept")).table();
            assertEquals(11L, table.itemCount());
            assertEquals("byKind", table.globalSecondaryIndexes().get(0).indexName());
            assertEquals("expires", second.client.describeTimeToLive(b -> b.tableName("Kept")).timeToLiveDescription().attributeName());
            assertEquals(10, second.client.query(b -> b.tableName("Kept").indexName("byKind").keyConditionExpression("kind = :k")
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("k")))).count());
            assertEquals("other", second.client.getItem(b -> b.tableName("Kept").key(Map.of("id", AttributeValue.fromS("changed")))).item().get("kind").s());
            assertFalse(second.client.getItem(b -> b.tableName("Kept").key(Map.of("id", AttributeValue.fromS("gone")))).hasItem());
        }
    }

    @Test
    void theTtlSweepDeletesOnlyExpiredItems() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        try (TestDynamoDb ddb = TestDynamoDb.inMemory(Clock.fixed(now, ZoneId.of("UTC")))) {
            ddb.client.createTable(b -> b.tableName("Sessions").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr("id", ScalarAttributeType.S)).keySchema(key("id", KeyType.HASH)));
            ddb.client.updateTimeToLive(b -> b.tableName("Sessions").timeToLiveSpecification(s -> s.enabled(true).attributeName("ttl")));
            long t = now.getEpochSecond();
            put(ddb, "expired", AttributeValue.fromN(String.valueOf(t - 1)));
            put(ddb, "future", AttributeValue.fromN(String.valueOf(t + 60)));
            put(ddb, "ancient", AttributeValue.fromN(String.valueOf(t - 6L * 365 * 24 * 3600)));
            put(ddb, "text", AttributeValue.fromS(String.valueOf(t - 1)));
            assertTrue(ddb.client.getItem(b -> b.tableName("Sessions").key(Map.of("id", AttributeValue.fromS("expired")))).hasItem(),
                    "an expired item is still read until the sweep deletes it, as on DynamoDB");
            assertEquals(1, ddb.dynamoDb.expireItems());
            assertFalse(ddb.client.getItem(b -> b.tableName("Sessions").key(Map.of("id", AttributeValue.fromS("expired")))).hasItem());
            assertEquals(3, ddb.client.scan(b -> b.tableName("Sessions")).count(), "future, more than five years old, and non-number TTLs stay");
        }
    }

    private static void put(TestDynamoDb ddb, String id, AttributeValue ttl) {
        ddb.client.putItem(b -> b.tableName("Sessions").item(Map.of("id", AttributeValue.fromS(id), "ttl", ttl)));
    }
}
