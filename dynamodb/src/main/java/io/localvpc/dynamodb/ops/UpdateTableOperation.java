package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.table.SecondaryIndex;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.table.TableDefinition;
import io.localvpc.dynamodb.table.Throughput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UpdateTable: billing mode and throughput, global secondary indexes (one created or deleted per call, as DynamoDB
 * allows; a new index is filled at once), streams, deletion protection and table class. The answer says UPDATING as
 * DynamoDB's does; the change has already taken effect.
 */
final class UpdateTableOperation implements Operation {
    private static final String INVALID = "One or more parameter values were invalid: ";

    @Override
    public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
        boolean anything = false;
        for (String m : List.of("ProvisionedThroughput", "BillingMode", "StreamSpecification", "SSESpecification", "ReplicaUpdates",
                "DeletionProtectionEnabled", "TableClass", "OnDemandThroughput", "WarmThroughput")) {
            anything |= Requests.has(in, m);
        }
        JsonNode indexUpdates = in.get("GlobalSecondaryIndexUpdates");
        anything |= indexUpdates != null && !indexUpdates.isNull() && indexUpdates.size() > 0;
        if (!anything) {
            throw DynamoDbException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates "
                    + "or SSESpecification or ReplicaUpdates is required");
        }
        JsonNode pt = in.get("ProvisionedThroughput");
        if (pt != null && !pt.isNull()) CreateTableOperation.capacityBounds(pt.path("ReadCapacityUnits").asLong(), pt.path("WriteCapacityUnits").asLong());
        if (indexUpdates != null && !indexUpdates.isNull()) {
            java.util.Set<String> named = new java.util.HashSet<>();
            int onlineChanges = 0;
            for (JsonNode u : indexUpdates) {
                int kinds = (Requests.has(u, "Create") ? 1 : 0) + (Requests.has(u, "Update") ? 1 : 0) + (Requests.has(u, "Delete") ? 1 : 0);
                if (kinds != 1) {
                    throw DynamoDbException.validation(INVALID + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                            + "GlobalSecondaryIndexUpdate.Delete must not be null");
                }
                JsonNode action = Requests.has(u, "Create") ? u.get("Create") : Requests.has(u, "Update") ? u.get("Update") : u.get("Delete");
                String indexName = Requests.text(action, "IndexName");
                if (!named.add(indexName)) {
                    throw DynamoDbException.validation(INVALID + "Only one global secondary index update per index is allowed simultaneously. Index: " + indexName);
                }
                if (!Requests.has(u, "Update")) onlineChanges++;
            }
            if (onlineChanges > 1) {
                throw DynamoDbException.limitExceeded("Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table");
            }
        }
        Table t = TableOperations.table(in, scope, db);
        String[] newIndex = new String[1];
        Throughput[] before = new Throughput[1];
        ObjectNode description = db.change(() -> {
            if (!db.isCurrent(t)) throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + t.definition().name() + " not found");
            TableDefinition d = t.definition();
            before[0] = d.throughput();
            long now = db.clock().millis();
            TableDefinition.Builder b = d.toBuilder();
            String mode = Requests.has(in, "BillingMode") ? Requests.text(in, "BillingMode") : d.billingMode();
            boolean payPerRequest = mode.equals("PAY_PER_REQUEST");
            boolean ptGiven = pt != null && !pt.isNull();
            if (payPerRequest && ptGiven) {
                throw DynamoDbException.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            if (!payPerRequest && d.payPerRequest() && !ptGiven) {
                throw DynamoDbException.validation(INVALID + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
            }
            if (ptGiven) {
                long read = pt.path("ReadCapacityUnits").asLong();
                long write = pt.path("WriteCapacityUnits").asLong();
                CreateTableOperation.capacityBounds(read, write);
                Throughput cur = d.throughput();
                if (!d.payPerRequest() && read == cur.read() && write == cur.write() && !Requests.has(in, "GlobalSecondaryIndexUpdates")) {
                    throw DynamoDbException.validation("The provisioned throughput for the table will not change. The requested value equals the current value. "
                            + "Current ReadCapacityUnits provisioned for the table: " + cur.read() + ". Requested ReadCapacityUnits: " + read + ". "
                            + "Current WriteCapacityUnits provisioned for the table: " + cur.write() + ". Requested WriteCapacityUnits: " + write + ". "
                            + "Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
                }
                b.billing(mode, cur.changedTo(read, write, now), mode.equals(d.billingMode()) ? d.billingModeChanged() : now);
            } else if (!mode.equals(d.billingMode())) {
                b.billing(mode, payPerRequest ? Throughput.ON_DEMAND : d.throughput(), now);
            }
            Map<String, String> definitions = new LinkedHashMap<>(d.attributeTypes());
            if (Requests.has(in, "AttributeDefinitions")) {
                for (JsonNode a : in.get("AttributeDefinitions")) definitions.put(Requests.text(a, "AttributeName"), Requests.text(a, "AttributeType"));
            }
            List<SecondaryIndex> globals = new ArrayList<>(d.globalIndexes());
            SecondaryIndex created = null;
            String deleted = null;
            if (Requests.has(in, "GlobalSecondaryIndexUpdates")) {
                for (JsonNode u : in.get("GlobalSecondaryIndexUpdates")) {
                    if (Requests.has(u, "Create")) {
                        created = createIndex(u.get("Create"), d, definitions, payPerRequest, now);
                        globals.add(created);
                    } else if (Requests.has(u, "Delete")) {
                        deleted = Requests.text(u.get("Delete"), "IndexName");
                        String name = deleted;
                        if (!globals.removeIf(g -> g.name().equals(name))) {
                            throw DynamoDbException.resourceNotFound("Requested resource not found: Index: " + name + " not found");
                        }
                    } else {
                        String name = Requests.text(u.get("Update"), "IndexName");
                        JsonNode gpt = u.get("Update").get("ProvisionedThroughput");
                        int at = -1;
                        for (int i = 0; i < globals.size(); i++) if (globals.get(i).name().equals(name)) at = i;
                        if (at < 0) {
                            throw DynamoDbException.validation("This operation cannot be performed with given input values. Please contact DynamoDB service "
                                    + "team for more info: Action Blocked: IndexUpdate");
                        }
                        if (gpt != null && !gpt.isNull()) {
                            SecondaryIndex g = globals.get(at);
                            Throughput cur = g.throughput() == null ? Throughput.ON_DEMAND : g.throughput();
                            globals.set(at, g.withThroughput(cur.changedTo(gpt.path("ReadCapacityUnits").asLong(), gpt.path("WriteCapacityUnits").asLong(), now)));
                        }
                    }
                }
            }
            b.globalIndexes(globals).attributeTypes(usedDefinitions(definitions, d, globals));
            JsonNode stream = in.get("StreamSpecification");
            if (stream != null && !stream.isNull()) {
                boolean enabled = Requests.bool(stream, "StreamEnabled", false);
                if (enabled && d.streamViewType() != null) throw DynamoDbException.validation("Table already has an enabled stream: " + d.arn());
                if (!enabled && d.streamViewType() == null) throw DynamoDbException.validation("Table already has no stream enabled");
                b.stream(enabled ? Requests.text(stream, "StreamViewType") : null, now);
            }
            if (Requests.has(in, "DeletionProtectionEnabled")) b.deletionProtection(Requests.bool(in, "DeletionProtectionEnabled", false));
            if (Requests.has(in, "TableClass")) b.tableClass(Requests.text(in, "TableClass"));
            TableDefinition updated = b.build();
            if (deleted != null) t.dropIndex(deleted);
            db.redefine(t, updated);
            if (created != null) {
                t.addIndex(created);
                newIndex[0] = created.name();
            }
            return TableDescriptions.describe(t);
        });
        description.put("TableStatus", "UPDATING");
        // DynamoDB answers UpdateTable with the capacity being replaced (the new one shows once the table is ACTIVE again)
        if (before[0] != null && description.get("ProvisionedThroughput") instanceof ObjectNode tp) {
            tp.put("ReadCapacityUnits", before[0].read()).put("WriteCapacityUnits", before[0].write()).put("NumberOfDecreasesToday", before[0].decreasesToday());
        }
        if (newIndex[0] != null) {
            for (JsonNode g : description.get("GlobalSecondaryIndexes")) {
                if (g.get("IndexName").asText().equals(newIndex[0])) ((ObjectNode) g).put("IndexStatus", "CREATING");
            }
        }
        ObjectNode out = Requests.object();
        out.set("TableDescription", description);
        return out;
    }

    private static SecondaryIndex createIndex(JsonNode c, TableDefinition d, Map<String, String> definitions, boolean payPerRequest, long now) {
        String name = Requests.text(c, "IndexName");
        if (d.index(name) != null) throw DynamoDbException.validation(INVALID + "Index with name: " + name + " already exists");
        List<String> names = KeySchemas.names(c.get("KeySchema"));
        for (String n : names) {
            if (!definitions.containsKey(n)) {
                throw DynamoDbException.validation(INVALID + "Global Secondary Index KeySchema attribute " + n + " is not defined in AttributeDefinitions");
            }
        }
        KeySchemas.checkShape(c.get("KeySchema"));
        String projection = CreateTableOperation.projection(c.get("Projection"));
        Throughput t = CreateTableOperation.indexThroughput(c, name, payPerRequest, now);
        if (d.globalIndexes().size() >= 20) throw DynamoDbException.limitExceeded("GlobalSecondaryIndex count exceeds the per-table limit of 20");
        return new SecondaryIndex(name, true, KeySchemas.typed(c.get("KeySchema"), definitions), projection,
                CreateTableOperation.nonKeyAttributes(c.get("Projection")), t, "ACTIVE");
    }

    /** DynamoDB keeps definitions only for attributes some key uses. */
    private static Map<String, String> usedDefinitions(Map<String, String> definitions, TableDefinition d, List<SecondaryIndex> globals) {
        java.util.Set<String> used = new java.util.HashSet<>(d.keys().names());
        for (SecondaryIndex i : d.localIndexes()) used.addAll(i.keys().names());
        for (SecondaryIndex i : globals) used.addAll(i.keys().names());
        Map<String, String> out = new LinkedHashMap<>();
        definitions.forEach((k, v) -> {
            if (used.contains(k)) out.put(k, v);
        });
        return out;
    }
}
