package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.expr.Projector;
import io.localvpc.dynamodb.table.StoredItem;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.AttributeValueJson;

import java.util.List;
import java.util.Map;

/** GetItem: the item with the given key, or nothing; reads never wait for writes. */
final class GetItemOperation implements Operation {
    @Override
    public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
        RequestExpressions.checkParameters(in, List.of("ProjectionExpression"), List.of("AttributesToGet"));
        Map<String, AttributeValue> given = Requests.item(in.get("Key"));
        LegacyParameters.checkAttributesToGet(in);
        RequestExpressions.Compiled expressions = LegacyParameters.complete(in, RequestExpressions.compile(in));
        Table t = Requests.table(db, in, "TableName", scope);
        Map<String, AttributeValue> key = ItemKeys.key(t.definition(), given);
        ScanOperation.checkKeyPaths(t.definition(), expressions.projection(), null);
        StoredItem item = t.get(key);
        ObjectNode out = Requests.object();
        if (item != null) {
            Map<String, AttributeValue> attributes = expressions.projection() == null ? item.attributes()
                    : Projector.project(item.attributes(), expressions.projection());
            out.set("Item", AttributeValueJson.writeItem(attributes));
        }
        Capacity.attach(out, in, t.definition().name(), Capacity.read(item == null ? 0 : item.size(), Requests.bool(in, "ConsistentRead", false)));
        return out;
    }
}
