package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.table.KeySchema;
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
 * Scan: every item of a table or index in partition-hash order, one page at a time; with Segment and TotalSegments,
 * only the items whose partition hash falls in that segment's share of the hash range, so parallel scans split the
 * table between them without overlap.
 */
final class ScanOperation implements Operation {
    private static final Pattern UNPREFIXED = Pattern.compile(".*(contains duplicates|number set|numeric value|significant digits|number with magnitude).*");

    @Override
    public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
        RequestExpressions.checkParameters(in, List.of("ProjectionExpression", "FilterExpression"), List.of("AttributesToGet", "ScanFilter", "ConditionalOperator"));
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
        checkSelect(select, index);
        NavigableMap<RowKey, StoredItem> rows = t.rows(index == null ? null : index.name());
        long low = 0;
        long high = 1L << 32;
        if (total != null && total > 1) {
            low = ceilDiv((1L << 32) * segment, total);
            high = ceilDiv((1L << 32) * (segment + 1), total);
            rows = high >= (1L << 32) ? rows.tailMap(RowKey.atHash(low), true) : rows.subMap(RowKey.atHash(low), true, RowKey.atHash(high), false);
        }
        if (startKey != null) {
            RowKey start = startRow(t, index, startKey);
            if (start.hash() < low || start.hash() >= high) {
                throw DynamoDbException.validation("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. "
                        + "TotalSegments: " + total + " Segment: " + segment);
            }
            rows = rows.tailMap(start, false);
        }
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

    /** Where the page after ExclusiveStartKey starts; the key must hold the table's key (and the index's) and nothing else. */
    static RowKey startRow(Table t, SecondaryIndex index, Map<String, AttributeValue> startKey) {
        KeySchema tk = t.definition().keys();
        java.util.Set<String> names = new java.util.LinkedHashSet<>(tk.names());
        if (index != null) names.addAll(index.keys().names());
        if (startKey.size() != names.size() || !startKey.keySet().containsAll(names)) {
            throw DynamoDbException.validation(index == null ? "The provided starting key is invalid: " + ItemKeys.SCHEMA_MISMATCH
                    : "The provided starting key is invalid");
        }
        for (String n : names) {
            String type = tk.isKey(n) ? tk.typeOf(n) : index.keys().typeOf(n);
            if (!startKey.get(n).type().equals(type)) {
                throw DynamoDbException.validation(index == null ? "The provided starting key is invalid: " + ItemKeys.SCHEMA_MISMATCH : ItemKeys.SCHEMA_MISMATCH);
            }
        }
        return index == null ? t.rowKey(startKey) : t.indexKey(index, startKey);
    }
}
