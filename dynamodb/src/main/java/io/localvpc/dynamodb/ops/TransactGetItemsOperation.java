package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.expr.Projector;
import io.localvpc.dynamodb.table.StoredItem;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.AttributeValueJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TransactGetItems: up to 100 items read as of one moment (under the database's lock, so no write falls between them). */
final class TransactGetItemsOperation implements Operation {
    private record Get(Table table, Map<String, AttributeValue> key, RequestExpressions.Compiled expressions) {
    }

    @Override
    public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
        List<JsonNode> nodes = new ArrayList<>();
        List<RequestExpressions.Compiled> compiled = new ArrayList<>();
        for (JsonNode ti : in.get("TransactItems")) {
            JsonNode g = ti.get("Get");
            if (g == null || g.isNull()) throw DynamoDbException.validation("TransactItems can only contain Get");
            Requests.item(g.get("Key"));
            nodes.add(g);
            compiled.add(RequestExpressions.compile(g));
        }
        List<Get> gets = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Table t = Requests.table(db, nodes.get(i), "TableName", scope);
            gets.add(new Get(t, ItemKeys.key(t.definition(), Requests.item(nodes.get(i).get("Key"))), compiled.get(i)));
        }
        List<StoredItem> items = db.change(() -> {
            List<StoredItem> found = new ArrayList<>();
            for (Get g : gets) found.add(g.table().get(g.key()));
            return found;
        });
        ObjectNode out = Requests.object();
        ArrayNode responses = out.putArray("Responses");
        Map<String, Double> units = new LinkedHashMap<>();
        for (int i = 0; i < gets.size(); i++) {
            ObjectNode r = responses.addObject();
            StoredItem item = items.get(i);
            Get g = gets.get(i);
            units.merge(g.table().definition().name(), 2 * Capacity.read(item == null ? 0 : item.size(), true), Double::sum);
            if (item == null) continue;
            r.set("Item", AttributeValueJson.writeItem(g.expressions().projection() == null ? item.attributes()
                    : Projector.project(item.attributes(), g.expressions().projection())));
        }
        Capacity.attachPerTable(out, in, units);
        return out;
    }
}
