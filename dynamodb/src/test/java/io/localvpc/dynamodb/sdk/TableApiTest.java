package io.localvpc.dynamodb.sdk;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table operations through the AWS SDK for Java v2, against the test server. */
class TableApiTest {
    private static TestDynamoDb ddb;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        ddb = TestDynamoDb.inMemory();
        client = ddb.client;
    }

    @AfterAll
    static void stop() {
        ddb.close();
    }

    @Test
    void createsDescribesUpdatesAndDeletesATableWithIndexes() {
        CreateTableResponse created = client.createTable(b -> b.tableName("Orders")
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.N), attr("status", ScalarAttributeType.S),
                        attr("placed", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byPlaced").keySchema(key("pk", KeyType.HASH), key("placed", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byStatus").keySchema(key("status", KeyType.HASH))
                        .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes("total").build())
                        .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(3L).writeCapacityUnits(4L).build()).build())
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(6L).build())
                .tags(Tag.builder().key("team").value("shop").build()));
        assertEquals(TableStatus.CREATING, created.tableDescription().tableStatus());
        assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/Orders", created.tableDescription().tableArn());

        client.waiter().waitUntilTableExists(b -> b.tableName("Orders"));
        DescribeTableResponse d = client.describeTable(b -> b.tableName("Orders"));
        assertEquals(TableStatus.ACTIVE, d.table().tableStatus());
        assertEquals(5L, d.table().provisionedThroughput().readCapacityUnits());
        assertEquals(IndexStatus.ACTIVE, d.table().globalSecondaryIndexes().get(0).indexStatus());
        assertEquals(List.of("total"), d.table().globalSecondaryIndexes().get(0).projection().nonKeyAttributes());
        assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/Orders/index/byPlaced", d.table().localSecondaryIndexes().get(0).indexArn());
        assertEquals("shop", client.listTagsOfResource(b -> b.resourceArn(d.table().tableArn())).tags().get(0).value());

        client.updateTable(b -> b.tableName("Orders").billingMode(BillingMode.PAY_PER_REQUEST));
        assertEquals(BillingMode.PAY_PER_REQUEST, client.describeTable(b -> b.tableName("Orders")).table().billingModeSummary().billingMode());

        client.updateTimeToLive(b -> b.tableName("Orders").timeToLiveSpecification(s -> s.enabled(true).attributeName("expires")));
        assertEquals(TimeToLiveStatus.ENABLED, client.describeTimeToLive(b -> b.tableName("Orders")).timeToLiveDescription().timeToLiveStatus());

        assertThrows(ResourceInUseException.class, () -> client.createTable(b -> b.tableName("Orders").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH))));

        client.deleteTable(b -> b.tableName("Orders"));
        client.waiter().waitUntilTableNotExists(b -> b.tableName("Orders"));
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class, () -> client.describeTable(b -> b.tableName("Orders")));
        assertEquals("Requested resource not found: Table: Orders not found", missing.awsErrorDetails().errorMessage());
    }

    @Test
    void listsTablesPageByPage() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = "list" + i;
            names.add(name);
            client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr("id", ScalarAttributeType.S)).keySchema(key("id", KeyType.HASH)));
        }
        List<String> seen = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListTablesResponse page = client.listTables(b -> b.limit(3).exclusiveStartTableName(from));
            assertTrue(page.tableNames().size() <= 3);
            seen.addAll(page.tableNames().stream().filter(n -> n.startsWith("list")).toList());
            start = page.lastEvaluatedTableName();
        } while (start != null);
        assertEquals(names, seen);
        for (String n : names) client.deleteTable(b -> b.tableName(n));
    }

    @Test
    void refusesBadSchemasWithDynamoDbsMessages() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> client.createTable(b -> b.tableName("bad")
                .attributeDefinitions(attr("b", ScalarAttributeType.S)).keySchema(key("a", KeyType.HASH)).billingMode(BillingMode.PAY_PER_REQUEST)));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [a], "
                + "AttributeDefinitions: [b]", e.awsErrorDetails().errorMessage());
        DynamoDbException shortName = assertThrows(DynamoDbException.class, () -> client.describeTable(b -> b.tableName("ab")));
        assertEquals("TableName must be at least 3 characters long and at most 255 characters long", shortName.awsErrorDetails().errorMessage());
        DynamoDbException provisioned = assertThrows(DynamoDbException.class, () -> client.createTable(b -> b.tableName("noThroughput")
                .attributeDefinitions(attr("a", ScalarAttributeType.S)).keySchema(key("a", KeyType.HASH))));
        assertEquals("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED",
                provisioned.awsErrorDetails().errorMessage());
    }

    static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
