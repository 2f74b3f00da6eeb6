package io.localvpc.dynamodb.sdk;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.localvpc.dynamodb.sdk.TableApiTest.attr;
import static io.localvpc.dynamodb.sdk.TableApiTest.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** BatchGetItem, BatchWriteItem, TransactGetItems and TransactWriteItems through the SDK v2, limits and cancellations included. */
class BatchTransactionApiTest {
    private static TestDynamoDb ddb;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        ddb = TestDynamoDb.inMemory();
        client = ddb.client;
        for (String t : List.of("Accounts", "Ledger")) {
            client.createTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr("id", ScalarAttributeType.S)).keySchema(key("id", KeyType.HASH)));
        }
    }

    @AfterAll
    static void stop() {
        ddb.close();
    }

    private static Map<String, AttributeValue> id(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    @Test
    void batchesWritesAndReadsOverTablesWithinDynamoDbsLimits() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) writes.add(WriteRequest.builder().putRequest(p -> p.item(id("b" + writes.size()))).build());
        List<WriteRequest> ledger = List.of(WriteRequest.builder().putRequest(p -> p.item(id("l1"))).build());
        assertEquals(Map.of(), client.batchWriteItem(b -> b.requestItems(Map.of("Accounts", writes, "Ledger", ledger))).unprocessedItems());

        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) keys.add(id("b" + i));
        keys.add(id("absent"));
        BatchGetItemResponse got = client.batchGetItem(b -> b.requestItems(Map.of("Accounts", KeysAndAttributes.builder().keys(keys).build(),
                "Ledger", KeysAndAttributes.builder().keys(id("l1")).build())));
        assertEquals(20, got.responses().get("Accounts").size());
        assertEquals(1, got.responses().get("Ledger").size());
        assertEquals(Map.of(), got.unprocessedKeys());

        List<WriteRequest> tooMany = new ArrayList<>();
        for (int i = 0; i < 26; i++) tooMany.add(WriteRequest.builder().deleteRequest(d -> d.key(id("x" + tooMany.size()))).build());
        DynamoDbException many = assertThrows(DynamoDbException.class, () -> client.batchWriteItem(b -> b.requestItems(Map.of("Accounts", tooMany))));
        assertEquals("ValidationException", many.awsErrorDetails().errorCode());
        List<WriteRequest> twice = List.of(WriteRequest.builder().putRequest(p -> p.item(id("d"))).build(),
                WriteRequest.builder().deleteRequest(d -> d.key(id("d"))).build());
        DynamoDbException dup = assertThrows(DynamoDbException.class, () -> client.batchWriteItem(b -> b.requestItems(Map.of("Accounts", twice))));
        assertEquals("Provided list of item keys contains duplicates", dup.awsErrorDetails().errorMessage());
        List<Map<String, AttributeValue>> hundredOne = new ArrayList<>();
        for (int i = 0; i < 101; i++) hundredOne.add(id("k" + i));
        DynamoDbException reads = assertThrows(DynamoDbException.class, () -> client.batchGetItem(b -> b.requestItems(Map.of(
                "Accounts", KeysAndAttributes.builder().keys(hundredOne.subList(0, 60)).build(),
                "Ledger", KeysAndAttributes.builder().keys(hundredOne.subList(60, 101)).build()))));
        assertEquals("Too many items requested for the BatchGetItem call", reads.awsErrorDetails().errorMessage());
    }

    @Test
    void transactionsApplyAllOrNothing() {
        client.putItem(b -> b.tableName("Accounts").item(Map.of("id", AttributeValue.fromS("alice"), "balance", AttributeValue.fromN("100"))));
        client.putItem(b -> b.tableName("Accounts").item(Map.of("id", AttributeValue.fromS("bob"), "balance", AttributeValue.fromN("0"))));
        client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName("Accounts").key(id("alice")).updateExpression("SET balance = balance - :a")
                        .conditionExpression("balance >= :a").expressionAttributeValues(Map.of(":a", AttributeValue.fromN("60")))).build(),
                TransactWriteItem.builder().update(u -> u.tableName("Accounts").key(id("bob")).updateExpression("SET balance = balance + :a")
                        .expressionAttributeValues(Map.of(":a", AttributeValue.fromN("60")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("Ledger").item(Map.of("id", AttributeValue.fromS("t1")))).build()));

        TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class, () -> client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName("Accounts").key(id("alice")).updateExpression("SET balance = balance - :a")
                        .conditionExpression("balance >= :a").expressionAttributeValues(Map.of(":a", AttributeValue.fromN("60")))
                        .returnValuesOnConditionCheckFailure("ALL_OLD")).build(),
                TransactWriteItem.builder().put(p -> p.tableName("Ledger").item(Map.of("id", AttributeValue.fromS("t2")))).build())));
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        assertEquals(List.of("ConditionalCheckFailed", "None"), reasons.stream().map(CancellationReason::code).toList());
        assertEquals("40", reasons.get(0).item().get("balance").n());
        assertEquals("Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]",
                cancelled.awsErrorDetails().errorMessage());
        assertFalse(client.getItem(b -> b.tableName("Ledger").key(id("t2"))).hasItem(), "nothing of a cancelled transaction is written");
        assertEquals("40", client.getItem(b -> b.tableName("Accounts").key(id("alice"))).item().get("balance").n());

        var read = client.transactGetItems(b -> b.transactItems(TransactGetItem.builder().get(g -> g.tableName("Accounts").key(id("alice"))).build(),
                TransactGetItem.builder().get(g -> g.tableName("Accounts").key(id("bob")).projectionExpression("balance")).build(),
                TransactGetItem.builder().get(g -> g.tableName("Ledger").key(id("nobody"))).build()));
        assertEquals("40", read.responses().get(0).item().get("balance").n());
        assertEquals(Map.of("balance", AttributeValue.fromN("60")), read.responses().get(1).item());
        assertFalse(read.responses().get(2).hasItem());

        DynamoDbException sameItem = assertThrows(DynamoDbException.class, () -> client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("Accounts").key(id("bob")).conditionExpression("attribute_exists(id)")).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("Accounts").key(id("bob"))).build())));
        assertEquals("Transaction request cannot include multiple operations on one item", sameItem.awsErrorDetails().errorMessage());
    }

    @Test
    void aRepeatedClientTokenDoesNotApplyTwice() {
        client.putItem(b -> b.tableName("Accounts").item(Map.of("id", AttributeValue.fromS("counter"), "n", AttributeValue.fromN("0"))));
        for (int i = 0; i < 3; i++) {
            client.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(TransactWriteItem.builder().update(u -> u.tableName("Accounts")
                    .key(id("counter")).updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build()));
        }
        assertEquals("1", client.getItem(b -> b.tableName("Accounts").key(id("counter"))).item().get("n").n());
        DynamoDbException mismatch = assertThrows(DynamoDbException.class, () -> client.transactWriteItems(b -> b.clientRequestToken("token-1")
                .transactItems(TransactWriteItem.builder().delete(d -> d.tableName("Accounts").key(id("counter"))).build())));
        assertEquals("IdempotentParameterMismatchException", mismatch.awsErrorDetails().errorCode());
    }
}
