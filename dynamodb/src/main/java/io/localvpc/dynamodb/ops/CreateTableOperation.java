package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.table.KeySchema;
import io.localvpc.dynamodb.table.SecondaryIndex;
import io.localvpc.dynamodb.table.TableDefinition;
import io.localvpc.dynamodb.table.Throughput;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * CreateTable: checks the key schema, attribute definitions, indexes and billing as DynamoDB does (its checks in its
 * order, its messages), then adds the table. The answer says CREATING, as DynamoDB's does; the table is usable at
 * once, so a waiter's first DescribeTable already finds it ACTIVE.
 */
final class CreateTableOperation implements Operation {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final long MAX_CAPACITY = 1_000_000_000_000L;
    private static final int MAX_LOCAL_INDEXES = 5;
    private static final int MAX_GLOBAL_INDEXES = 20;

    @Override
    public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
        Requests.TableName name = Requests.tableName(Requests.text(in, "TableName"), scope);
        boolean payPerRequest = "PAY_PER_REQUEST".equals(Requests.text(in, "BillingMode"));
        Throughput throughput = tableThroughput(in, payPerRequest, db.clock().millis());
        Map<String, String> definitions = new LinkedHashMap<>();
        for (JsonNode d : in.get("AttributeDefinitions")) definitions.put(Requests.text(d, "AttributeName"), Requests.text(d, "AttributeType"));
        KeySchema keys = KeySchemas.read(in.get("KeySchema"));
        List<String> keyNames = KeySchemas.names(in.get("KeySchema"));
        if (keyNames.size() > definitions.size()) throw DynamoDbException.validation("Invalid KeySchema: Some index key attribute have no definition");
        requireDefined(keyNames, definitions);
        KeySchemas.checkShape(in.get("KeySchema"));
        boolean hasIndexes = Requests.has(in, "LocalSecondaryIndexes") || Requests.has(in, "GlobalSecondaryIndexes");
        if (!hasIndexes && keyNames.size() != definitions.size()) {
            throw DynamoDbException.validation(INVALID + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
        Set<String> indexNames = new HashSet<>();
        Set<String> used = new LinkedHashSet<>(keyNames);
        List<SecondaryIndex> locals = new ArrayList<>();
        if (Requests.has(in, "LocalSecondaryIndexes")) {
            JsonNode lsis = in.get("LocalSecondaryIndexes");
            if (lsis.size() == 0) throw DynamoDbException.validation(INVALID + "List of LocalSecondaryIndexes is empty");
            if (!keys.hasRange()) {
                throw DynamoDbException.validation(INVALID + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            for (JsonNode lsi : lsis) {
                String indexName = Requests.text(lsi, "IndexName");
                List<String> names = KeySchemas.names(lsi.get("KeySchema"));
                requireDefined(names, definitions);
                KeySchemas.checkShape(lsi.get("KeySchema"));
                if (names.size() != 2) throw DynamoDbException.validation(INVALID + "Index KeySchema does not have a range key for index: " + indexName);
                if (!names.get(0).equals(keys.hashName())) {
                    throw DynamoDbException.validation(INVALID + "Index KeySchema does not have the same leading hash key as table KeySchema for index: "
                            + indexName + ". index hash key: " + names.get(0) + ", table hash key: " + keys.hashName());
                }
                String projection = projection(lsi.get("Projection"));
                if (!indexNames.add(indexName)) throw DynamoDbException.validation(INVALID + "Duplicate index name: " + indexName);
                used.addAll(names);
                locals.add(new SecondaryIndex(indexName, false, KeySchemas.typed(lsi.get("KeySchema"), definitions), projection,
                        nonKeyAttributes(lsi.get("Projection")), null, "ACTIVE"));
            }
            if (lsis.size() > MAX_LOCAL_INDEXES) {
                throw DynamoDbException.validation(INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of " + MAX_LOCAL_INDEXES);
            }
        }
        List<SecondaryIndex> globals = new ArrayList<>();
        if (Requests.has(in, "GlobalSecondaryIndexes")) {
            JsonNode gsis = in.get("GlobalSecondaryIndexes");
            if (gsis.size() == 0) throw DynamoDbException.validation(INVALID + "List of GlobalSecondaryIndexes is empty");
            for (JsonNode gsi : gsis) {
                String indexName = Requests.text(gsi, "IndexName");
                List<String> names = KeySchemas.names(gsi.get("KeySchema"));
                requireDefined(names, definitions);
                KeySchemas.checkShape(gsi.get("KeySchema"));
                projection(gsi.get("Projection"));
                Throughput gt = indexThroughput(gsi, indexName, payPerRequest, db.clock().millis());
                if (!indexNames.add(indexName)) throw DynamoDbException.validation(INVALID + "Duplicate index name: " + indexName);
                used.addAll(names);
                globals.add(new SecondaryIndex(indexName, true, KeySchemas.typed(gsi.get("KeySchema"), definitions),
                        Requests.text(gsi.get("Projection"), "ProjectionType"), nonKeyAttributes(gsi.get("Projection")), gt, "ACTIVE"));
            }
            if (gsis.size() > MAX_GLOBAL_INDEXES) {
                throw DynamoDbException.validation(INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of " + MAX_GLOBAL_INDEXES);
            }
        }
        if (hasIndexes && !used.containsAll(definitions.keySet())) {
            throw DynamoDbException.validation(INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: "
                    + new ArrayList<>(definitions.keySet()) + ", keys used: " + new ArrayList<>(used));
        }
        long now = db.clock().millis();
        String streamViewType = null;
        JsonNode stream = in.get("StreamSpecification");
        if (stream != null && Requests.bool(stream, "StreamEnabled", false)) {
            streamViewType = Requests.text(stream, "StreamViewType");
            if (streamViewType == null) throw DynamoDbException.validation(INVALID + "StreamViewType is required when stream is enabled");
        }
        Map<String, String> tags = Tagging.read(in.get("Tags"));
        TableDefinition d = new TableDefinition(UUID.randomUUID().toString(), name.scope().accountId(), name.scope().region(), name.name(),
                KeySchemas.typed(in.get("KeySchema"), definitions), definitions, locals, globals, payPerRequest ? "PAY_PER_REQUEST" : "PROVISIONED",
                throughput, now, 0, null, false, streamViewType, now, tags, "ACTIVE", Requests.bool(in, "DeletionProtectionEnabled", false),
                Requests.text(in, "TableClass"));
        if (!db.addTable(d)) throw DynamoDbException.resourceInUse("Table already exists: " + name.name());
        ObjectNode description = TableDescriptions.describe(d, null);
        description.put("TableStatus", "CREATING");
        if (description.get("BillingModeSummary") instanceof ObjectNode billing) billing.remove("LastUpdateToPayPerRequestDateTime");
        if (description.has("GlobalSecondaryIndexes")) {
            for (JsonNode g : description.get("GlobalSecondaryIndexes")) ((ObjectNode) g).put("IndexStatus", "CREATING");
        }
        ObjectNode out = Requests.object();
        out.set("TableDescription", description);
        return out;
    }

    private static Throughput tableThroughput(JsonNode in, boolean payPerRequest, long now) {
        JsonNode pt = in.get("ProvisionedThroughput");
        if (payPerRequest) {
            if (pt != null && !pt.isNull()) {
                throw DynamoDbException.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            return Throughput.ON_DEMAND;
        }
        long read = pt == null ? 0 : pt.path("ReadCapacityUnits").asLong(0);
        long write = pt == null ? 0 : pt.path("WriteCapacityUnits").asLong(0);
        if (read == 0 || write == 0) {
            throw DynamoDbException.validation(INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        capacityBounds(read, write);
        return new Throughput(read, write, 0, 0, 0);
    }

    static void capacityBounds(long read, long write) {
        if (read > MAX_CAPACITY) throw DynamoDbException.validation("Given value " + read + " for ReadCapacityUnits is out of bounds");
        if (write > MAX_CAPACITY) throw DynamoDbException.validation("Given value " + write + " for WriteCapacityUnits is out of bounds");
    }

    static Throughput indexThroughput(JsonNode gsi, String indexName, boolean payPerRequest, long now) {
        JsonNode pt = gsi.get("ProvisionedThroughput");
        boolean given = pt != null && !pt.isNull();
        if (payPerRequest) {
            if (given) {
                throw DynamoDbException.validation(INVALID + "ProvisionedThroughput should not be specified for index: " + indexName
                        + " when BillingMode is PAY_PER_REQUEST");
            }
            return Throughput.ON_DEMAND;
        }
        if (!given) throw DynamoDbException.validation(INVALID + "ProvisionedThroughput must be specified for index: " + indexName);
        long read = pt.path("ReadCapacityUnits").asLong();
        long write = pt.path("WriteCapacityUnits").asLong();
        capacityBounds(read, write);
        return new Throughput(read, write, 0, 0, 0);
    }

    private static void requireDefined(List<String> names, Map<String, String> definitions) {
        for (String n : names) {
            if (!definitions.containsKey(n)) {
                throw DynamoDbException.validation(INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: " + names
                        + ", AttributeDefinitions: " + new ArrayList<>(definitions.keySet()));
            }
        }
    }

    /** The projection type, checked: it must be given, and only INCLUDE names non-key attributes. */
    static String projection(JsonNode p) {
        String type = Requests.text(p, "ProjectionType");
        if (type == null) throw DynamoDbException.validation(INVALID + "Unknown ProjectionType: null");
        if (Requests.has(p, "NonKeyAttributes") && !type.equals("INCLUDE")) {
            throw DynamoDbException.validation(INVALID + "ProjectionType is " + type + ", but NonKeyAttributes is specified");
        }
        return type;
    }

    static List<String> nonKeyAttributes(JsonNode p) {
        List<String> out = new ArrayList<>();
        JsonNode n = p.get("NonKeyAttributes");
        if (n != null) n.forEach(a -> out.add(a.asText()));
        return out;
    }
}
