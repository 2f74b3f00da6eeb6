package io.localvpc.dataplane.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Amazon DynamoDB and DynamoDB Streams (JSON protocol). Tables are named by {@code TableName} (a name, or since 2024
 * also an ARN) and become {@code arn:aws:dynamodb:<region>:<account>:table/<name>}; a {@code Query} or {@code Scan}
 * of an index is checked on {@code table/<name>/index/<index>}. Transactions are checked action by action, as AWS
 * does ({@code TransactWriteItems} has no IAM action of its own).
 */
final class DynamoDb {

    static final String SERVICE = "dynamodb";

    /** Operations without a resource type: checked on {@code *}. */
    private static final Set<String> ACCOUNT_WIDE = Set.of("ListTables", "DescribeLimits", "DescribeEndpoints",
            "ListBackups", "ListGlobalTables", "ListExports", "ListImports", "ListStreams",
            "ListContributorInsights", "DescribeReservedCapacity", "DescribeReservedCapacityOfferings",
            "PurchaseReservedCapacityOfferings");
    private static final Set<String> PARTIQL = Set.of("ExecuteStatement", "BatchExecuteStatement",
            "ExecuteTransaction");
    private static final Map<String, String> TRANSACT_WRITE_ACTIONS = Map.of(
            "Put", "PutItem", "Update", "UpdateItem", "Delete", "DeleteItem", "ConditionCheck", "ConditionCheckItem");

    private DynamoDb() {
    }

    static Classification classify(Context c, String operation, Members m) {
        String action = "dynamodb:" + operation;
        ConditionKeys keys = new ConditionKeys()
                .put("dynamodb:Select", m.string("Select"))
                .put("dynamodb:ReturnValues", m.string("ReturnValues"))
                .put("dynamodb:ReturnConsumedCapacity", m.string("ReturnConsumedCapacity"));
        if (ACCOUNT_WIDE.contains(operation)) {
            return c.classified(SERVICE, operation, action, List.of("*"), keys);
        }
        if (PARTIQL.contains(operation)) {
            return new Unclassifiable(SERVICE, operation + " runs PartiQL, whose action (dynamodb:PartiQLSelect, …) "
                    + "and table depend on the statement text, which is not parsed");
        }
        switch (operation) {
            case "BatchGetItem", "BatchWriteItem" -> {
                JsonNode items = m.node("RequestItems");
                if (items == null || !items.isObject() || items.isEmpty()) {
                    return new Unclassifiable(SERVICE, m.whyMissing(operation, "RequestItems"));
                }
                // Each table is judged with its own keys and items: the request is denied if any table's part is.
                List<RequiredPermission> checks = new ArrayList<>();
                items.fields().forEachRemaining(t -> checks.add(new RequiredPermission(action, List.of(tableArn(c, t.getKey())),
                        new ConditionKeys().putAll(keys).putAll(DynamoDbItemConditions.ofBatchEntry(partitionKey(c, t.getKey(), null),
                                t.getValue())).toMap())));
                return c.classified(SERVICE, operation, action, checks.get(0).resourceArns(), conditions(checks.get(0)),
                        checks.subList(1, checks.size()));
            }
            case "TransactWriteItems", "TransactGetItems" -> {
                return transaction(c, operation, m, keys);
            }
            case "GetRecords" -> {
                // a DynamoDB Streams shard iterator begins with the stream ARN: "<stream arn>|<shard>|<token>"
                String iterator = m.string("ShardIterator");
                if (iterator == null || !iterator.startsWith("arn:") || iterator.indexOf('|') < 0) {
                    return new Unclassifiable(SERVICE, iterator == null ? m.whyMissing(operation, "ShardIterator")
                            : "the ShardIterator does not begin with a stream ARN");
                }
                return c.classified(SERVICE, operation, action, List.of(iterator.substring(0, iterator.indexOf('|'))),
                        keys);
            }
            default -> {
                String table = m.string("TableName");
                if (table != null) {
                    String arn = tableArn(c, table);
                    String index = m.string("IndexName");
                    boolean ofIndex = index != null && (operation.equals("Query") || operation.equals("Scan"));
                    if (ofIndex) {
                        arn = arn + "/index/" + index;
                    }
                    keys.putAll(DynamoDbItemConditions.of(partitionKey(c, table, ofIndex ? index : null), m.jsonObject(), operation));
                    return c.classified(SERVICE, operation, action, List.of(arn), keys);
                }
                for (String member : List.of("TableArn", "ResourceArn", "StreamArn", "BackupArn", "ExportArn",
                        "ImportArn")) {
                    String arn = m.string(member);
                    if (arn != null) {
                        return c.classified(SERVICE, operation, action, List.of(arn), keys);
                    }
                }
                String global = m.string("GlobalTableName");
                if (global != null) {
                    return c.classified(SERVICE, operation, action,
                            List.of("arn:" + ResourceArns.partition(c.region()) + ":dynamodb::" + c.resourceAccount()
                                    + ":global-table/" + global), keys);
                }
                return new Unclassifiable(SERVICE, m.whyMissing(operation, "TableName"));
            }
        }
    }

    private static Classification transaction(Context c, String operation, Members m, ConditionKeys keys) {
        JsonNode items = m.node("TransactItems");
        if (items == null || !items.isArray() || items.isEmpty()) {
            return new Unclassifiable(SERVICE, m.whyMissing(operation, "TransactItems"));
        }
        List<RequiredPermission> checks = new ArrayList<>();
        for (JsonNode item : items) {
            Iterator<Map.Entry<String, JsonNode>> kinds = item.fields();
            if (!kinds.hasNext()) {
                return new Unclassifiable(SERVICE, operation + " has an empty entry in TransactItems");
            }
            Map.Entry<String, JsonNode> kind = kinds.next();
            String itemAction = operation.equals("TransactGetItems") ? (kind.getKey().equals("Get") ? "GetItem" : null)
                    : TRANSACT_WRITE_ACTIONS.get(kind.getKey());
            JsonNode table = kind.getValue().get("TableName");
            if (itemAction == null || table == null || !table.isTextual()) {
                return new Unclassifiable(SERVICE, operation + " has a TransactItems entry '" + kind.getKey()
                        + "' without a TableName this classifier understands");
            }
            ConditionKeys itemKeys = new ConditionKeys().putAll(keys)
                    .putAll(DynamoDbItemConditions.of(partitionKey(c, table.asText(), null), kind.getValue(), itemAction));
            checks.add(new RequiredPermission("dynamodb:" + itemAction, List.of(tableArn(c, table.asText())),
                    itemKeys.toMap()));
        }
        RequiredPermission first = checks.get(0);
        return c.classified(SERVICE, operation, first.action(), first.resourceArns(), conditions(first),
                checks.subList(1, checks.size()));
    }

    /** A permission's condition keys, as the classified request's own (the first check's). */
    private static ConditionKeys conditions(RequiredPermission p) {
        ConditionKeys keys = new ConditionKeys();
        p.conditionKeys().forEach(keys::put);
        return keys;
    }

    /**
     * The partition key of a table (a name or an ARN) or of its index, as the lookup knows it: in the ARN's account
     * and region, else the request's resource account and region.
     */
    private static java.util.Optional<String> partitionKey(Context c, String table, String index) {
        String account = c.resourceAccount();
        String region = c.region();
        String name = table;
        if (table.startsWith("arn:")) {
            String[] parts = table.split(":", 6);
            if (parts.length < 6 || !parts[5].startsWith("table/")) return java.util.Optional.empty();
            region = parts[3];
            account = parts[4];
            name = parts[5].substring("table/".length());
            int slash = name.indexOf('/');
            if (slash >= 0) name = name.substring(0, slash);
        }
        return c.partitionKeys().partitionKey(account, region, name, index);
    }

    /** A table name or ARN → its ARN (in the resource account and the request's region). */
    private static String tableArn(Context c, String table) {
        return table.startsWith("arn:") ? table : ResourceArns.of(SERVICE, c.region(), c.resourceAccount(), "table/" + table);
    }
}
