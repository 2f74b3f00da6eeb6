package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.expr.Condition;
import io.localvpc.dynamodb.expr.ConditionEvaluator;
import io.localvpc.dynamodb.table.StoredItem;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.AttributeValueJson;

import java.util.Map;

/** What PutItem, UpdateItem and DeleteItem share: the table being still there, the condition, and the answer's extras. */
final class ConditionalWrites {
    private ConditionalWrites() {
    }

    /** PutItem and DeleteItem can answer the old item or nothing. */
    static String allOldOrNone(JsonNode request) {
        String returnValues = Requests.text(request, "ReturnValues");
        if (returnValues != null && !returnValues.equals("ALL_OLD") && !returnValues.equals("NONE")) {
            throw DynamoDbException.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        return returnValues;
    }

    /** Called under the lock: the table may have been deleted since the request found it. */
    static void requireCurrent(Database db, Table t) {
        if (!db.isCurrent(t)) throw DynamoDbException.resourceNotFound("Requested resource not found");
    }

    /** Refuses the write when its condition does not hold for the item as it is (absent items have no attributes). */
    static void check(Condition condition, StoredItem old, JsonNode request) {
        if (condition == null) return;
        Map<String, AttributeValue> current = old == null ? Map.of() : old.attributes();
        if (ConditionEvaluator.test(condition, current)) return;
        boolean returnOld = "ALL_OLD".equals(Requests.text(request, "ReturnValuesOnConditionCheckFailure"));
        throw DynamoDbException.conditionalCheckFailed(returnOld && old != null ? AttributeValueJson.writeItem(old.attributes()) : null);
    }

    /** ItemCollectionMetrics, for a table with local indexes when the request asks for SIZE. */
    static void itemCollectionMetrics(ObjectNode out, JsonNode request, Table t, Map<String, AttributeValue> key) {
        if (!"SIZE".equals(Requests.text(request, "ReturnItemCollectionMetrics")) || t.definition().localIndexes().isEmpty()) return;
        String hash = t.definition().keys().hashName();
        ObjectNode m = out.putObject("ItemCollectionMetrics");
        m.putObject("ItemCollectionKey").set(hash, AttributeValueJson.write(key.get(hash)));
        m.putArray("SizeEstimateRangeGB").add(0.0).add(1.0);
    }
}
