package io.localvpc.dynamodb.sdk;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.localvpc.dynamodb.sdk.TableApiTest.attr;
import static io.localvpc.dynamodb.sdk.TableApiTest.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Query and Scan through the SDK v2: key conditions, filters, order, pages, indexes, segments, Select, the 1 MB page. */
class QueryScanApiTest {
    private static final int USERS = 5;
    private static final int EVENTS = 40;
    private static TestDynamoDb ddb;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        ddb = TestDynamoDb.inMemory();
        client = ddb.client;
        client.createTable(b -> b.tableName("Events").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("user", ScalarAttributeType.S), attr("at", ScalarAttributeType.N), attr("kind", ScalarAttributeType.S))
                .keySchema(key("user", KeyType.HASH), key("at", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byKind").keySchema(key("kind", KeyType.HASH), key("at", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build()));
        List<WriteRequest> batch = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (int e = 0; e < EVENTS; e++) {
                Map<String, AttributeValue> item = Map.of("user", AttributeValue.fromS("u" + u), "at", AttributeValue.fromN(String.valueOf(e)),
                        "kind", AttributeValue.fromS(e % 2 == 0 ? "even" : "odd"), "payload", AttributeValue.fromS("p" + e));
                batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                if (batch.size() == 25) {
                    List<WriteRequest> page = List.copyOf(batch);
                    assertTrue(client.batchWriteItem(b -> b.requestItems(Map.of("Events", page))).unprocessedItems().isEmpty());
                    batch.clear();
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        ddb.close();
    }

    private static Map<String, AttributeValue> values(Object... kv) {
        Map<String, AttributeValue> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1] instanceof Integer n ? AttributeValue.fromN(n.toString()) : AttributeValue.fromS((String) kv[i + 1]));
        }
        return m;
    }

    @Test
    void queriesARangeInOrderEitherWay() {
        QueryResponse r = client.query(b -> b.tableName("Events").keyConditionExpression("#u = :u AND #at BETWEEN :lo AND :hi")
                .expressionAttributeNames(Map.of("#u", "user", "#at", "at")).expressionAttributeValues(values(":u", "u1", ":lo", 5, ":hi", 9)));
        assertEquals(List.of("5", "6", "7", "8", "9"), r.items().stream().map(i -> i.get("at").n()).toList());
        QueryResponse back = client.query(b -> b.tableName("Events").keyConditionExpression("#u = :u AND #at < :hi").scanIndexForward(false)
                .expressionAttributeNames(Map.of("#u", "user", "#at", "at")).expressionAttributeValues(values(":u", "u1", ":hi", 3)));
        assertEquals(List.of("2", "1", "0"), back.items().stream().map(i -> i.get("at").n()).toList());
    }

    @Test
    void pagesThroughAPartitionWithLimitAndFilter() {
        assertEquals(6, pages(7), "40 items, 7 a page: five full pages and one of 5, which ends the query");
        assertEquals(6, pages(8), "40 items, 8 a page: the fifth page is full, so it still answers a LastEvaluatedKey and a sixth, empty, page ends");
    }

    private static int pages(int limit) {
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = client.query(b -> b.tableName("Events").keyConditionExpression("#u = :u").filterExpression("kind = :k")
                    .expressionAttributeNames(Map.of("#u", "user")).expressionAttributeValues(values(":u", "u2", ":k", "odd"))
                    .limit(limit).exclusiveStartKey(from));
            assertTrue(page.scannedCount() <= limit);
            page.items().forEach(i -> seen.add(i.get("at").n()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertEquals(EVENTS / 2, seen.size());
        return pages;
    }

    @Test
    void queriesAGlobalIndexWithItsProjection() {
        QueryResponse r = client.query(b -> b.tableName("Events").indexName("byKind").keyConditionExpression("kind = :k AND #at >= :at")
                .expressionAttributeNames(Map.of("#at", "at")).expressionAttributeValues(values(":k", "even", ":at", 38)));
        assertEquals(USERS, r.count());
        for (Map<String, AttributeValue> item : r.items()) assertEquals(Set.of("user", "at", "kind"), item.keySet(), "KEYS_ONLY");
        DynamoDbException all = assertThrows(DynamoDbException.class, () -> client.query(b -> b.tableName("Events").indexName("byKind")
                .select(Select.ALL_ATTRIBUTES).keyConditionExpression("kind = :k").expressionAttributeValues(values(":k", "even"))));
        assertEquals("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byKind "
                + "because its projection type is not ALL", all.awsErrorDetails().errorMessage());
        QueryResponse count = client.query(b -> b.tableName("Events").indexName("byKind").select(Select.COUNT).keyConditionExpression("kind = :k")
                .expressionAttributeValues(values(":k", "odd")));
        assertEquals(USERS * EVENTS / 2, count.count());
        assertTrue(count.items().isEmpty());
    }

    @Test
    void scansInSegmentsThatTogetherHoldEveryItemOnce() {
        Set<String> all = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 4; segment++) {
            int seg = segment;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse page = client.scan(b -> b.tableName("Events").segment(seg).totalSegments(4).limit(13).exclusiveStartKey(from));
                for (Map<String, AttributeValue> i : page.items()) {
                    all.add(i.get("user").s() + "/" + i.get("at").n());
                    total++;
                }
                start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
            } while (start != null);
        }
        assertEquals(USERS * EVENTS, total);
        assertEquals(USERS * EVENTS, all.size());
    }

    @Test
    void refusesKeyConditionsDynamoDbRefuses() {
        DynamoDbException noHash = assertThrows(DynamoDbException.class, () -> client.query(b -> b.tableName("Events").keyConditionExpression("#at = :a")
                .expressionAttributeNames(Map.of("#at", "at")).expressionAttributeValues(values(":a", 1))));
        assertEquals("Query condition missed key schema element: user", noHash.awsErrorDetails().errorMessage());
        DynamoDbException or = assertThrows(DynamoDbException.class, () -> client.query(b -> b.tableName("Events")
                .keyConditionExpression("#u = :u OR #u = :v").expressionAttributeNames(Map.of("#u", "user")).expressionAttributeValues(values(":u", "a", ":v", "b"))));
        assertEquals("Invalid operator used in KeyConditionExpression: OR", or.awsErrorDetails().errorMessage());
        DynamoDbException filterOnKey = assertThrows(DynamoDbException.class, () -> client.query(b -> b.tableName("Events")
                .keyConditionExpression("#u = :u").filterExpression("#at > :a").expressionAttributeNames(Map.of("#u", "user", "#at", "at"))
                .expressionAttributeValues(values(":u", "u1", ":a", 1))));
        assertEquals("Filter Expression can only contain non-primary key attributes: Primary key attribute: at", filterOnKey.awsErrorDetails().errorMessage());
    }

    @Test
    void stopsAPageAtOneMegabyte() {
        client.createTable(b -> b.tableName("Big").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("id", ScalarAttributeType.N)).keySchema(key("id", KeyType.HASH)));
        String blob = "x".repeat(300 * 1024);
        for (int i = 0; i < 8; i++) {
            int id = i;
            client.putItem(b -> b.tableName("Big").item(Map.of("id", AttributeValue.fromN(String.valueOf(id)), "blob", AttributeValue.fromS(blob))));
        }
        ScanResponse first = client.scan(b -> b.tableName("Big"));
        assertEquals(4, first.count(), "the page ends with the item that takes it past 1 MB");
        ScanResponse rest = client.scan(b -> b.tableName("Big").exclusiveStartKey(first.lastEvaluatedKey()));
        assertEquals(4, rest.count());
        assertTrue(rest.lastEvaluatedKey().isEmpty());
        assertNull(rest.consumedCapacity());
    }
}
