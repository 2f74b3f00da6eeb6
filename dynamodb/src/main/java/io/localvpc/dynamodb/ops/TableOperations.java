package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.table.TableDefinition;

import java.util.List;

/** DescribeTable, ListTables, DeleteTable, the TTL settings and the few account-level questions SDKs and Terraform ask. */
final class TableOperations {
    private TableOperations() {
    }

    /** The table a table-level operation names; DynamoDB's answer for a missing one names it. */
    static Table table(JsonNode in, DynamoDbScope scope, Database db) {
        Requests.TableName name = Requests.tableName(Requests.text(in, "TableName"), scope);
        Table t = db.table(name.scope(), name.name());
        if (t == null) throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + name.name() + " not found");
        return t;
    }

    static final class DescribeTable implements Operation {
        @Override
        public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
            ObjectNode out = Requests.object();
            out.set("Table", TableDescriptions.describe(table(in, scope, db)));
            return out;
        }
    }

    static final class ListTables implements Operation {
        @Override
        public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
            int limit = in.has("Limit") && !in.get("Limit").isNull() ? in.get("Limit").asInt() : 100;
            String start = Requests.text(in, "ExclusiveStartTableName");
            List<String> names = db.tableNames(scope);
            ObjectNode out = Requests.object();
            ArrayNode page = out.putArray("TableNames");
            int i = 0;
            if (start != null) {
                while (i < names.size() && names.get(i).compareTo(start) <= 0) i++;
            }
            int end = Math.min(names.size(), i + limit);
            for (int j = i; j < end; j++) page.add(names.get(j));
            if (end < names.size()) out.put("LastEvaluatedTableName", names.get(end - 1));
            return out;
        }
    }

    static final class DeleteTable implements Operation {
        @Override
        public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
            Table t = table(in, scope, db);
            ObjectNode description = db.change(() -> {
                if (!db.isCurrent(t)) throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + t.definition().name() + " not found");
                if (t.definition().deletionProtection()) {
                    throw DynamoDbException.validation("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
                }
                ObjectNode d = TableDescriptions.describe(t);
                db.dropTable(t);
                return d;
            });
            description.put("TableStatus", "DELETING");
            ObjectNode out = Requests.object();
            out.set("TableDescription", description);
            return out;
        }
    }

    static final class DescribeTimeToLive implements Operation {
        @Override
        public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
            TableDefinition d = table(in, scope, db).definition();
            ObjectNode out = Requests.object();
            ObjectNode ttl = out.putObject("TimeToLiveDescription");
            ttl.put("TimeToLiveStatus", d.ttlEnabled() ? "ENABLED" : "DISABLED");
            if (d.ttlEnabled()) ttl.put("AttributeName", d.ttlAttribute());
            return out;
        }
    }

    static final class UpdateTimeToLive implements Operation {
        @Override
        public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
            Table t = table(in, scope, db);
            JsonNode spec = in.get("TimeToLiveSpecification");
            boolean enable = Requests.bool(spec, "Enabled", false);
            String attribute = Requests.text(spec, "AttributeName");
            db.change(() -> {
                TableDefinition d = t.definition();
                if (enable && d.ttlEnabled()) throw DynamoDbException.validation("TimeToLive is already enabled");
                if (!enable && !d.ttlEnabled()) throw DynamoDbException.validation("TimeToLive is already disabled");
                if (!enable && !attribute.equals(d.ttlAttribute())) {
                    throw DynamoDbException.validation("Attribute name provided does not match the existing TimeToLive attribute name");
                }
                db.redefine(t, d.toBuilder().ttl(enable ? attribute : null, enable).build());
                return null;
            });
            ObjectNode out = Requests.object();
            out.putObject("TimeToLiveSpecification").put("Enabled", enable).put("AttributeName", attribute);
            return out;
        }
    }

    static final class DescribeContinuousBackups implements Operation {
        @Override
        public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
            Requests.TableName name = Requests.tableName(Requests.text(in, "TableName"), scope);
            if (db.table(name.scope(), name.name()) == null) throw DynamoDbException.tableNotFound("Table not found: " + name.name());
            ObjectNode out = Requests.object();
            out.putObject("ContinuousBackupsDescription").put("ContinuousBackupsStatus", "ENABLED")
                    .putObject("PointInTimeRecoveryDescription").put("PointInTimeRecoveryStatus", "DISABLED");
            return out;
        }
    }

    static final class DescribeLimits implements Operation {
        @Override
        public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
            return Requests.object().put("AccountMaxReadCapacityUnits", 80000).put("AccountMaxWriteCapacityUnits", 80000)
                    .put("TableMaxReadCapacityUnits", 40000).put("TableMaxWriteCapacityUnits", 40000);
        }
    }

    static final class DescribeEndpoints implements Operation {
        @Override
        public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
            ObjectNode out = Requests.object();
            out.putArray("Endpoints").addObject().put("Address", "dynamodb." + scope.region() + ".amazonaws.com").put("CachePeriodInMinutes", 1440);
            return out;
        }
    }
}
