package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.expr.Condition;
import io.localvpc.dynamodb.expr.ConditionEvaluator;
import io.localvpc.dynamodb.table.KeySchema;
import io.localvpc.dynamodb.table.RowKey;
import io.localvpc.dynamodb.table.SecondaryIndex;
import io.localvpc.dynamodb.table.StoredItem;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.Binary;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** Query: one partition of a table or index, in sort-key order (either way), one page at a time. */
final class QueryOperation implements Operation {
    @Override
    public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
        RequestExpressions.checkParameters(in, List.of("ProjectionExpression", "FilterExpression", "KeyConditionExpression"),
                List.of("AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"));
        LegacyParameters.checkConditions(in.get("QueryFilter"));
        LegacyParameters.checkAttributesToGet(in);
        Map<String, AttributeValue> startKey = ScanOperation.startKey(in);
        if (!Requests.has(in, "KeyConditions") && !Requests.has(in, "KeyConditionExpression")) {
            throw DynamoDbException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        RequestExpressions.Compiled expressions = LegacyParameters.complete(in, RequestExpressions.compile(in));
        Map<String, KeyConditions.Term> terms;
        if (expressions.keyCondition() != null) {
            terms = KeyConditions.fromExpression(expressions.keyCondition());
        } else {
            LegacyParameters.checkConditions(in.get("KeyConditions"));
            terms = KeyConditions.fromLegacy(in.get("KeyConditions"));
        }
        if (terms.size() != 1 && terms.size() != 2) throw DynamoDbException.validation("Conditions can be of length 1 or 2 only");
        String select = ItemPages.select(in, expressions.projection() != null);
        Table t = Requests.table(db, in, "TableName", scope);
        SecondaryIndex index = ScanOperation.index(in, t);
        KeySchema keys = index == null ? t.definition().keys() : index.keys();
        if (startKey != null && startKey.size() != ScanOperation.startKeyNames(t, index).size()) {
            throw DynamoDbException.validation("The provided starting key is invalid");
        }
        for (String k : keys.names()) {
            if (startKey != null) {
                if (!startKey.containsKey(k)) throw DynamoDbException.validation("The provided starting key is invalid");
                if (!startKey.get(k).type().equals(keys.typeOf(k))) throw DynamoDbException.validation(ItemKeys.SCHEMA_MISMATCH);
            }
            KeyConditions.check(terms, keys, k);
        }
        if (startKey != null) {
            ScanOperation.checkTableKey(t, startKey);
            AttributeValue partition = terms.get(keys.hashName()).values().get(0);
            KeyConditions.Term sort = keys.hasRange() ? terms.get(keys.rangeName()) : null;
            if (sort == null) {
                if (!partition.equals(startKey.get(keys.hashName()))) {
                    throw DynamoDbException.validation("The provided starting key is outside query boundaries based on provided conditions");
                }
            } else {
                if (!inRange(startKey.get(keys.rangeName()), sort)) {
                    throw DynamoDbException.validation("The provided starting key does not match the range key predicate");
                }
                if (!partition.equals(startKey.get(keys.hashName()))) {
                    throw DynamoDbException.validation("The query can return at most one row and cannot be restarted");
                }
            }
        }
        ScanOperation.checkKeyPaths(t.definition(), expressions.projection(), null);
        if (expressions.filter() != null) {
            for (String k : keys.names()) {
                if (mentions(in, expressions.filter(), k)) {
                    throw DynamoDbException.validation((Requests.has(in, "QueryFilter") ? "QueryFilter" : "Filter Expression")
                            + " can only contain non-primary key attributes: Primary key attribute: " + k);
                }
            }
        }
        ScanOperation.checkSelect(select, index);
        ScanOperation.checkKeyPaths(t.definition(), null, expressions.filter());
        AttributeValue partition = terms.get(keys.hashName()).values().get(0);
        KeyConditions.Term sort = keys.hasRange() ? terms.get(keys.rangeName()) : null;
        NavigableMap<RowKey, StoredItem> rows = range(t.rows(index == null ? null : index.name()), partition, sort);
        boolean forward = Requests.bool(in, "ScanIndexForward", true);
        if (startKey != null) {
            RowKey start = index == null ? t.rowKey(startKey) : t.indexKey(index, startKey);
            rows = forward ? rows.tailMap(start, false) : rows.headMap(start, false);
        }
        if (!forward) rows = rows.descendingMap();
        Integer limit = in.has("Limit") && !in.get("Limit").isNull() ? in.get("Limit").asInt() : null;
        boolean consistent = Requests.bool(in, "ConsistentRead", false);
        return ItemPages.read(rows.values().iterator(), limit, expressions.filter(),
                new ItemPages.View(t, index, select, expressions.projection()), in, consistent);
    }

    /** The rows of one partition whose sort key meets the term. */
    private static NavigableMap<RowKey, StoredItem> range(NavigableMap<RowKey, StoredItem> rows, AttributeValue p, KeyConditions.Term sort) {
        if (sort == null) return rows.subMap(RowKey.before(p), true, RowKey.after(p), true);
        AttributeValue v = sort.values().get(0);
        return switch (sort.op()) {
            case "EQ" -> rows.subMap(RowKey.before(p, v), true, RowKey.after(p, v), true);
            case "LT" -> rows.subMap(RowKey.before(p), true, RowKey.before(p, v), false);
            case "LE" -> rows.subMap(RowKey.before(p), true, RowKey.after(p, v), true);
            case "GT" -> rows.subMap(RowKey.after(p, v), false, RowKey.after(p), true);
            case "GE" -> rows.subMap(RowKey.before(p, v), true, RowKey.after(p), true);
            case "BETWEEN" -> rows.subMap(RowKey.before(p, v), true, RowKey.after(p, sort.values().get(1)), true);
            default -> {
                AttributeValue next = successor(v);
                yield rows.subMap(RowKey.before(p, v), true, next == null ? RowKey.after(p) : RowKey.before(p, next), false);
            }
        };
    }

    private static boolean inRange(AttributeValue v, KeyConditions.Term sort) {
        List<AttributeValue> values = sort.values();
        return switch (sort.op()) {
            case "EQ" -> ConditionEvaluator.compare(v, Condition.Comparator.EQ, values.get(0));
            case "LT" -> ConditionEvaluator.compare(v, Condition.Comparator.LT, values.get(0));
            case "LE" -> ConditionEvaluator.compare(v, Condition.Comparator.LE, values.get(0));
            case "GT" -> ConditionEvaluator.compare(v, Condition.Comparator.GT, values.get(0));
            case "GE" -> ConditionEvaluator.compare(v, Condition.Comparator.GE, values.get(0));
            case "BETWEEN" -> ConditionEvaluator.compare(v, Condition.Comparator.GE, values.get(0))
                    && ConditionEvaluator.compare(v, Condition.Comparator.LE, values.get(1));
            default -> ConditionEvaluator.beginsWith(v, values.get(0));
        };
    }

    /** The first value after every value that begins with {@code prefix}, or null when there is none. */
    static AttributeValue successor(AttributeValue prefix) {
        if (prefix instanceof AttributeValue.S s) {
            String str = s.value();
            while (!str.isEmpty()) {
                int cp = str.codePointBefore(str.length());
                String head = str.substring(0, str.length() - Character.charCount(cp));
                if (cp < Character.MAX_CODE_POINT) {
                    int next = cp + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : cp + 1;
                    return new AttributeValue.S(head + new String(Character.toChars(next)));
                }
                str = head;
            }
            return null;
        }
        byte[] b = ((AttributeValue.B) prefix).value().toByteArray();
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] != (byte) 0xff) {
                byte[] next = java.util.Arrays.copyOf(b, i + 1);
                next[i]++;
                return new AttributeValue.B(Binary.of(next));
            }
        }
        return null;
    }

    /** Whether the filter names this top-level attribute (DynamoDB refuses filters on key attributes in a Query). */
    private static boolean mentions(JsonNode in, Condition filter, String attribute) {
        if (Requests.has(in, "QueryFilter")) return in.get("QueryFilter").has(attribute);
        return ConditionPaths.mentions(filter, attribute);
    }
}
