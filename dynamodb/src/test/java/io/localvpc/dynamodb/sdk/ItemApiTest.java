package io.localvpc.dynamodb.sdk;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;
import java.util.Map;

import static io.localvpc.dynamodb.sdk.TableApiTest.attr;
import static io.localvpc.dynamodb.sdk.TableApiTest.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PutItem, GetItem, UpdateItem and DeleteItem through the SDK v2: conditions, update expressions, projections, return values, numbers, limits. */
class ItemApiTest {
    private static TestDynamoDb ddb;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        ddb = TestDynamoDb.inMemory();
        client = ddb.client;
        client.createTable(b -> b.tableName("Items").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("id", ScalarAttributeType.S)).keySchema(key("id", KeyType.HASH)));
    }

    @AfterAll
    static void stop() {
        ddb.close();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private static Map<String, AttributeValue> get(String id) {
        return client.getItem(b -> b.tableName("Items").key(Map.of("id", s(id))).consistentRead(true)).item();
    }

    @Test
    void putsGetsAndDeletesWithConditions() {
        client.putItem(b -> b.tableName("Items").item(Map.of("id", s("a"), "n", n("1.50"), "tags", AttributeValue.fromSs(List.of("x", "y")),
                "bin", AttributeValue.fromB(SdkBytes.fromUtf8String("hi")), "flag", AttributeValue.fromBool(true), "nil", AttributeValue.fromNul(true),
                "doc", AttributeValue.fromM(Map.of("list", AttributeValue.fromL(List.of(n("1"), s("two"))))))));
        Map<String, AttributeValue> item = get("a");
        assertEquals("1.5", item.get("n").n(), "numbers come back normalised");
        assertEquals("hi", item.get("bin").b().asUtf8String());
        assertEquals("two", item.get("doc").m().get("list").l().get(1).s());

        ConditionalCheckFailedException failed = assertThrows(ConditionalCheckFailedException.class, () -> client.putItem(b -> b.tableName("Items")
                .item(Map.of("id", s("a"))).conditionExpression("attribute_not_exists(id)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertEquals("The conditional request failed", failed.awsErrorDetails().errorMessage());
        assertEquals("1.5", failed.item().get("n").n());

        var old = client.putItem(b -> b.tableName("Items").item(Map.of("id", s("a"), "v", n("2"))).conditionExpression("n = :n")
                .expressionAttributeValues(Map.of(":n", n("1.5"))).returnValues(ReturnValue.ALL_OLD));
        assertEquals("1.5", old.attributes().get("n").n());
        assertEquals(Map.of("id", s("a"), "v", n("2")), get("a"));

        var deleted = client.deleteItem(b -> b.tableName("Items").key(Map.of("id", s("a"))).conditionExpression("v > :one")
                .expressionAttributeValues(Map.of(":one", n("1"))).returnValues(ReturnValue.ALL_OLD));
        assertEquals("2", deleted.attributes().get("v").n());
        assertTrue(client.getItem(b -> b.tableName("Items").key(Map.of("id", s("a")))).item().isEmpty());
        assertFalse(client.getItem(b -> b.tableName("Items").key(Map.of("id", s("a")))).hasItem());
    }

    @Test
    void updatesWithExpressionsAndAnswersTheChosenValues() {
        client.putItem(b -> b.tableName("Items").item(Map.of("id", s("u"), "count", n("10"), "list", AttributeValue.fromL(List.of(s("a"))),
                "set", AttributeValue.fromNs(List.of("1", "2")), "doc", AttributeValue.fromM(Map.of("x", n("1"))))));
        UpdateItemResponse r = client.updateItem(b -> b.tableName("Items").key(Map.of("id", s("u")))
                .updateExpression("SET #c = #c + :inc, #l = list_append(#l, :more), doc.y = if_not_exists(doc.y, :zero), fresh = :s "
                        + "REMOVE doc.x ADD #set :three")
                .expressionAttributeNames(Map.of("#c", "count", "#set", "set", "#l", "list"))
                .expressionAttributeValues(Map.of(":inc", n("5"), ":more", AttributeValue.fromL(List.of(s("b"))), ":zero", n("0"), ":s", s("new"),
                        ":three", AttributeValue.fromNs(List.of("3"))))
                .returnValues(ReturnValue.UPDATED_NEW));
        client.updateItem(b -> b.tableName("Items").key(Map.of("id", s("u"))).updateExpression("DELETE #set :one")
                .expressionAttributeNames(Map.of("#set", "set")).expressionAttributeValues(Map.of(":one", AttributeValue.fromNs(List.of("1")))));
        assertEquals("15", r.attributes().get("count").n());
        assertEquals(List.of(s("a"), s("b")), r.attributes().get("list").l());
        assertEquals(Map.of("y", n("0")), r.attributes().get("doc").m());
        Map<String, AttributeValue> item = get("u");
        assertEquals(List.of("2", "3"), item.get("set").ns().stream().sorted().toList());
        assertEquals(Map.of("y", n("0")), item.get("doc").m());

        UpdateItemResponse created = client.updateItem(b -> b.tableName("Items").key(Map.of("id", s("counter")))
                .updateExpression("ADD hits :one").expressionAttributeValues(Map.of(":one", n("1"))).returnValues(ReturnValue.ALL_NEW));
        assertEquals(Map.of("id", s("counter"), "hits", n("1")), created.attributes());

        DynamoDbException wrongType = assertThrows(DynamoDbException.class, () -> client.updateItem(b -> b.tableName("Items")
                .key(Map.of("id", s("u"))).updateExpression("SET fresh = fresh + :one").expressionAttributeValues(Map.of(":one", n("1")))));
        assertEquals("An operand in the update expression has an incorrect data type", wrongType.awsErrorDetails().errorMessage());
        DynamoDbException keyChange = assertThrows(DynamoDbException.class, () -> client.updateItem(b -> b.tableName("Items")
                .key(Map.of("id", s("u"))).updateExpression("SET id = :s").expressionAttributeValues(Map.of(":s", s("x")))));
        assertEquals("One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key",
                keyChange.awsErrorDetails().errorMessage());
    }

    @Test
    void projectsNestedPathsAndListIndexes() {
        client.putItem(b -> b.tableName("Items").item(Map.of("id", s("p"), "a", AttributeValue.fromM(Map.of("b", s("x"), "c", s("y"))),
                "l", AttributeValue.fromL(List.of(n("0"), n("1"), n("2"))), "other", s("z"))));
        GetItemResponse r = client.getItem(b -> b.tableName("Items").key(Map.of("id", s("p"))).projectionExpression("a.b, l[2], #o")
                .expressionAttributeNames(Map.of("#o", "other")));
        assertEquals(Map.of("a", AttributeValue.fromM(Map.of("b", s("x"))), "l", AttributeValue.fromL(List.of(n("2"))), "other", s("z")), r.item());
    }

    @Test
    void keepsDynamoDbsNumberRulesAndLimits() {
        String digits38 = "12345678901234567890123456789012345678";
        client.putItem(b -> b.tableName("Items").item(Map.of("id", s("num"), "big", n(digits38), "exp", n("1E+125"), "tiny", n("-1e-130"))));
        Map<String, AttributeValue> item = get("num");
        assertEquals(digits38, item.get("big").n());
        assertEquals("1" + "0".repeat(125), item.get("exp").n());
        DynamoDbException tooPrecise = assertThrows(DynamoDbException.class, () -> client.putItem(b -> b.tableName("Items")
                .item(Map.of("id", s("num"), "big", n(digits38 + "9")))));
        assertEquals("Attempting to store more than 38 significant digits in a Number", tooPrecise.awsErrorDetails().errorMessage());
        DynamoDbException overflow = assertThrows(DynamoDbException.class, () -> client.updateItem(b -> b.tableName("Items")
                .key(Map.of("id", s("num"))).updateExpression("SET exp = exp * :ten").expressionAttributeValues(Map.of(":ten", n("10")))));
        assertTrue(overflow.awsErrorDetails().errorMessage().startsWith("Invalid UpdateExpression: Syntax error; token: \"*\""));
        DynamoDbException bigItem = assertThrows(DynamoDbException.class, () -> client.putItem(b -> b.tableName("Items")
                .item(Map.of("id", s("big"), "data", s("x".repeat(400 * 1024))))));
        assertEquals("Item size has exceeded the maximum allowed size", bigItem.awsErrorDetails().errorMessage());
        DynamoDbException emptyKey = assertThrows(DynamoDbException.class, () -> client.putItem(b -> b.tableName("Items").item(Map.of("id", s("")))));
        assertEquals("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id",
                emptyKey.awsErrorDetails().errorMessage());
        DynamoDbException wrongKey = assertThrows(DynamoDbException.class, () -> client.getItem(b -> b.tableName("Items").key(Map.of("id", n("1")))));
        assertEquals("The provided key element does not match the schema", wrongKey.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class, () -> client.getItem(b -> b.tableName("NoSuchTable").key(Map.of("id", s("1")))));
        var capacity = client.putItem(b -> b.tableName("Items").item(Map.of("id", s("cap"), "data", s("x".repeat(3000))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertEquals(3.0, capacity.capacityUnits());
        assertNull(client.putItem(b -> b.tableName("Items").item(Map.of("id", s("cap")))).consumedCapacity());
    }

    @Test
    void refusesBadExpressionsWithDynamoDbsMessages() {
        DynamoDbException unused = assertThrows(DynamoDbException.class, () -> client.putItem(b -> b.tableName("Items").item(Map.of("id", s("e")))
                .conditionExpression("attribute_not_exists(id)").expressionAttributeValues(Map.of(":unused", s("x")))));
        assertEquals("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}", unused.awsErrorDetails().errorMessage());
        DynamoDbException reserved = assertThrows(DynamoDbException.class, () -> client.updateItem(b -> b.tableName("Items").key(Map.of("id", s("e")))
                .updateExpression("SET name = :v").expressionAttributeValues(Map.of(":v", s("x")))));
        assertEquals("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name", reserved.awsErrorDetails().errorMessage());
        DynamoDbException syntax = assertThrows(DynamoDbException.class, () -> client.deleteItem(b -> b.tableName("Items").key(Map.of("id", s("e")))
                .conditionExpression("a = ")));
        assertEquals("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"", syntax.awsErrorDetails().errorMessage());
    }
}
