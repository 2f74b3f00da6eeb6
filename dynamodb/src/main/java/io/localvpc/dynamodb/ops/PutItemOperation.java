package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.table.StoredItem;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.AttributeValueJson;
import io.localvpc.dynamodb.value.ItemSizes;

import java.util.List;
import java.util.Map;

/** PutItem: replaces the whole item with the given key, if the condition holds. */
final class PutItemOperation implements Operation {
    @Override
    public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
        RequestExpressions.checkParameters(in, List.of("ConditionExpression"), List.of("Expected"));
        Map<String, AttributeValue> item = Requests.item(in.get("Item"));
        String returnValues = ConditionalWrites.allOldOrNone(in);
        StoredItem stored = StoredItem.of(item);
        if (stored.size() > ItemSizes.MAX_ITEM) throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
        LegacyParameters.checkExpected(in);
        RequestExpressions.Compiled expressions = LegacyParameters.complete(in, RequestExpressions.compile(in));
        Table t = Requests.table(db, in, "TableName", scope);
        Map<String, AttributeValue> key = ItemKeys.itemKey(t.definition(), item);
        StoredItem old = db.change(() -> {
            ConditionalWrites.requireCurrent(db, t);
            StoredItem before = t.get(key);
            ConditionalWrites.check(expressions.condition(), before, in);
            db.write(List.of(new Database.Change(t, key, stored)));
            return before;
        });
        ObjectNode out = Requests.object();
        if ("ALL_OLD".equals(returnValues) && old != null) out.set("Attributes", AttributeValueJson.writeItem(old.attributes()));
        Capacity.attach(out, in, t.definition().name(), Capacity.write(Math.max(stored.size(), old == null ? 0 : old.size())));
        ConditionalWrites.itemCollectionMetrics(out, in, t, key);
        return out;
    }
}
