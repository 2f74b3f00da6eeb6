package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.table.StoredItem;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.AttributeValueJson;

import java.util.List;
import java.util.Map;

/** DeleteItem: removes the item with the given key, if the condition holds (deleting what is not there is no error). */
final class DeleteItemOperation implements Operation {
    @Override
    public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
        RequestExpressions.checkParameters(in, List.of("ConditionExpression"), List.of("Expected"));
        Map<String, AttributeValue> given = Requests.item(in.get("Key"));
        String returnValues = ConditionalWrites.allOldOrNone(in);
        LegacyParameters.checkExpected(in);
        RequestExpressions.Compiled expressions = LegacyParameters.complete(in, RequestExpressions.compile(in));
        Table t = Requests.table(db, in, "TableName", scope);
        Map<String, AttributeValue> key = ItemKeys.key(t.definition(), given);
        StoredItem old = db.change(() -> {
            ConditionalWrites.requireCurrent(db, t);
            StoredItem before = t.get(key);
            ConditionalWrites.check(expressions.condition(), before, in);
            if (before != null) db.write(List.of(new Database.Change(t, key, null)));
            return before;
        });
        ObjectNode out = Requests.object();
        if ("ALL_OLD".equals(returnValues) && old != null) out.set("Attributes", AttributeValueJson.writeItem(old.attributes()));
        Capacity.attach(out, in, t.definition().name(), Capacity.write(old == null ? 0 : old.size()));
        ConditionalWrites.itemCollectionMetrics(out, in, t, key);
        return out;
    }
}
