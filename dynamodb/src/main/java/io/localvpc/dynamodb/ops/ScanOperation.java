package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.table.RowKey;
import io.localvpc.dynamodb.table.SecondaryIndex;
import io.localvpc.dynamodb.table.StoredItem;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.AttributeValueJson;
import io.localvpc.dynamodb.value.AttributeValueProblem;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.regex.Pattern;

/**
 * Scan: every item of a table or index in the order of its partition key's placement (DynamoDB's order), one page at a
 * time; with Segment and TotalSegments, only the items whose placement falls in that segment's share, so parallel
 * scans split the table between them without overlap.
 */
final class ScanOperation implements Operation {
    private static final Pattern UNPREFIXED = Pattern.compile(".*(contains duplicates|number set|numeric value|significant digits|number with magnitude).*");

    @Override
    public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
        RequestExpressions.checkParameters(in, List.of("ProjectionExpression", "FilterExpression"), List.of("AttributesToGet", "ScanFilter", "ConditionalOperator"));
        LegacyParameters.checkAttributesToGet(in);
        LegacyParameters.checkConditions(in.get("ScanFilter"));
        Map<String, AttributeValue> startKey = startKey(in);
        Integer segment = in.has("Segment") && !in.get("Segment").isNull() ? in.get("Segment").asInt() : null;
        Integer total = in.has("TotalSegments") && !in.get("TotalSegments").isNull() ? in.get("TotalSegments").asInt() : null;
        if (segment != null && total == null) {
            throw DynamoDbException.validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
        }
        if (total != null) {
            if (segment == null) {
                throw DynamoDbException.validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
            }
            if (segment >= total) {
                throw DynamoDbException.validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: " + segment
                        + " is not less than TotalSegments: " + total);
            }
        }
        RequestExpressions.Compiled expressions = LegacyParameters.complete(in, RequestExpressions.compile(in));
        String select = ItemPages.select(in, expressions.projection() != null);
        Table t = Requests.table(db, in, "TableName", scope);
        SecondaryIndex index = index(in, t);
        if (startKey != null) {
            if (startKey.size() != startKeyNames(t, index).size()) {
                throw DynamoDbException.validation(index == null ? "The provided starting key is invalid: " + ItemKeys.SCHEMA_MISMATCH
                        : "The provided starting key is invalid");
            }
            if (index != null) {
                for (String k : index.keys().names()) {
                    if (!startKey.containsKey(k)) throw DynamoDbException.validation("The provided starting key is invalid");
                    if (!startKey.get(k).type().equals(index.keys().typeOf(k))) throw DynamoDbException.validation(ItemKeys.SCHEMA_MISMATCH);
                }
            }
        }
        checkSelect(select, index);
        if (startKey != null) checkTableKey(t, startKey);
        NavigableMap<RowKey, StoredItem> rows = t.rows(index == null ? null : index.name());
        long low = 0;
        long high = RowKey.PLACEMENTS;
        if (total != null && total > 1) {
            low = ceilDiv(RowKey.PLACEMENTS * segment, total);
            high = ceilDiv(RowKey.PLACEMENTS * (segment + 1), total);
            rows = high >= RowKey.PLACEMENTS ? rows.tailMap(RowKey.atHash(low), true) : rows.subMap(RowKey.atHash(low), true, RowKey.atHash(high), false);
        }
        if (startKey != null) {
            RowKey start = index == null ? t.rowKey(startKey) : t.indexKey(index, startKey);
            if (start.hash() < low || start.hash() >= high) {
                throw DynamoDbException.validation("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. "
                        + "TotalSegments: " + total + " Segment: " + segment);
            }
            rows = rows.tailMap(start, false);
        }
        checkKeyPaths(t.definition(), expressions.projection(), expressions.filter());
        Integer limit = in.has("Limit") && !in.get("Limit").isNull() ? in.get("Limit").asInt() : null;
        Iterator<StoredItem> items = rows.values().iterator();
        return ItemPages.read(items, limit, expressions.filter(), new ItemPages.View(t, index, select, expressions.projection()), in,
                Requests.bool(in, "ConsistentRead", false));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** ExclusiveStartKey's values, checked as DynamoDB checks them (some of its messages say the starting key is invalid, some do not). */
    static Map<String, AttributeValue> startKey(JsonNode in) {
        JsonNode esk = in.get("ExclusiveStartKey");
        if (esk == null || esk.isNull()) return null;
        try {
            return AttributeValueJson.readItem(esk);
        } catch (AttributeValueProblem e) {
            String m = e.getMessage();
            throw DynamoDbException.validation(UNPREFIXED.matcher(m).matches() ? m : "The provided starting key is invalid: " + m);
        }
    }

    static SecondaryIndex index(JsonNode in, Table t) {
        String name = Requests.text(in, "IndexName");
        if (name == null) return null;
        SecondaryIndex index = t.definition().index(name);
        if (index == null) throw DynamoDbException.validation("The table does not have the specified index: " + name);
        if (index.global() && Requests.bool(in, "ConsistentRead", false)) {
            throw DynamoDbException.validation("Consistent reads are not supported on global secondary indexes");
        }
        return index;
    }

    static void checkSelect(String select, SecondaryIndex index) {
        if (index != null && index.global() && "ALL_ATTRIBUTES".equals(select) && !index.projectionType().equals("ALL")) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index "
                    + index.name() + " because its projection type is not ALL");
        }
    }

    /** The attributes an ExclusiveStartKey holds: the table's key, and the index's when reading an index. */
    static java.util.Set<String> startKeyNames(Table t, SecondaryIndex index) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(t.definition().keys().names());
        if (index != null) names.addAll(index.keys().names());
        return names;
    }

    /** The table's key within ExclusiveStartKey, held to the rules of a Key. */
    static void checkTableKey(Table t, Map<String, AttributeValue> startKey) {
        Map<String, AttributeValue> tableKey = new java.util.LinkedHashMap<>();
        for (String n : t.definition().keys().names()) if (startKey.containsKey(n)) tableKey.put(n, startKey.get(n));
        try {
            ItemKeys.key(t.definition(), tableKey);
        } catch (DynamoDbException e) {
            throw DynamoDbException.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }

    /** A projection or filter may not look inside a key attribute of the table or of an index (keys are scalars). */
    static void checkKeyPaths(io.localvpc.dynamodb.table.TableDefinition d, List<io.localvpc.dynamodb.expr.DocumentPath> projection,
                              io.localvpc.dynamodb.expr.Condition filter) {
        List<io.localvpc.dynamodb.expr.DocumentPath> paths = new java.util.ArrayList<>();
        if (projection != null) paths.addAll(projection);
        if (filter != null) ConditionPaths.collect(filter, paths);
        for (io.localvpc.dynamodb.expr.DocumentPath p : paths) ItemKeys.scalarKey(d, p);
    }
}
