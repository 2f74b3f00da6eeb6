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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchGetItem: up to 100 keys over several tables. Items found are answered per table; once the answer passes
 * DynamoDB's 16 MB, the keys not yet read are answered as UnprocessedKeys for the caller to ask again.
 */
final class BatchGetItemOperation implements Operation {
    static final int MAX_KEYS = 100;
    private static final long MAX_RESPONSE = 16L * 1024 * 1024;

    private record TableRequest(String name, JsonNode request, Table table, RequestExpressions.Compiled expressions, List<Map<String, AttributeValue>> keys) {
    }

    @Override
    public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
        int count = 0;
        List<TableRequest> requests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = in.get("RequestItems").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = e.getValue();
            RequestExpressions.checkParameters(r, List.of("ProjectionExpression"), List.of("AttributesToGet"));
            RequestExpressions.Compiled expressions = LegacyParameters.complete(r, RequestExpressions.compile(r));
            Set<Map<String, AttributeValue>> seen = new HashSet<>();
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (JsonNode k : r.get("Keys")) {
                Map<String, AttributeValue> key = Requests.item(k);
                if (!seen.add(key)) throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                keys.add(key);
                if (++count > MAX_KEYS) throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
            }
            requests.add(new TableRequest(e.getKey(), r, null, expressions, keys));
        }
        List<TableRequest> resolved = new ArrayList<>();
        for (TableRequest r : requests) {
            Requests.TableName name = Requests.tableName(r.name(), scope);
            Table t = db.table(name.scope(), name.name());
            if (t == null) throw DynamoDbException.resourceNotFound("Requested resource not found");
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (Map<String, AttributeValue> k : r.keys()) keys.add(ItemKeys.key(t.definition(), k));
            resolved.add(new TableRequest(r.name(), r.request(), t, r.expressions(), keys));
        }
        ObjectNode out = Requests.object();
        ObjectNode responses = out.putObject("Responses");
        ObjectNode unprocessed = out.putObject("UnprocessedKeys");
        Map<String, Double> units = new java.util.LinkedHashMap<>();
        long size = 0;
        for (TableRequest r : resolved) {
            ArrayNode items = responses.putArray(r.name());
            ArrayNode left = null;
            boolean consistent = Requests.bool(r.request(), "ConsistentRead", false);
            double tableUnits = 0;
            for (Map<String, AttributeValue> key : r.keys()) {
                if (size >= MAX_RESPONSE) {
                    if (left == null) {
                        ObjectNode rest = unprocessed.putObject(r.name());
                        rest.setAll((ObjectNode) r.request().deepCopy());
                        left = rest.putArray("Keys");
                    }
                    left.add(AttributeValueJson.writeItem(key));
                    continue;
                }
                StoredItem item = r.table().get(key);
                tableUnits += Capacity.read(item == null ? 0 : item.size(), consistent);
                if (item == null) continue;
                size += item.size();
                items.add(AttributeValueJson.writeItem(r.expressions().projection() == null ? item.attributes()
                        : Projector.project(item.attributes(), r.expressions().projection())));
            }
            units.merge(r.table().definition().name(), tableUnits, Double::sum);
        }
        Capacity.attachPerTable(out, in, units);
        return out;
    }

}
