package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.table.StoredItem;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.ItemSizes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchWriteItem: up to 25 puts and deletes over several tables, unconditional. All are checked before any is
 * made, then made together (localvpc never throttles, so UnprocessedItems is always empty).
 */
final class BatchWriteItemOperation implements Operation {
    static final int MAX_WRITES = 25;

    private record Write(String tableName, boolean put, Map<String, AttributeValue> attributes) {
    }

    @Override
    public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
        List<Write> writes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = in.get("RequestItems").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (JsonNode r : e.getValue()) {
                boolean put = Requests.has(r, "PutRequest");
                boolean delete = Requests.has(r, "DeleteRequest");
                if (put == delete) {
                    throw DynamoDbException.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
                }
                Map<String, AttributeValue> attributes = put ? Requests.item(r.get("PutRequest").get("Item")) : Requests.item(r.get("DeleteRequest").get("Key"));
                if (put && ItemSizes.item(attributes) > ItemSizes.MAX_ITEM) throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
                writes.add(new Write(e.getKey(), put, attributes));
            }
        }
        if (writes.size() > MAX_WRITES) throw DynamoDbException.validation("Too many items requested for the BatchWriteItem call");
        Map<String, Table> tables = new LinkedHashMap<>();
        for (Write w : writes) {
            if (tables.containsKey(w.tableName())) continue;
            Requests.TableName name = Requests.tableName(w.tableName(), scope);
            Table t = db.table(name.scope(), name.name());
            if (t == null) throw DynamoDbException.resourceNotFound("Requested resource not found");
            tables.put(w.tableName(), t);
        }
        List<Database.Change> changes = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        Map<String, Double> units = new LinkedHashMap<>();
        for (Write w : writes) {
            Table t = tables.get(w.tableName());
            Map<String, AttributeValue> key;
            try {
                key = w.put() ? ItemKeys.itemKey(t.definition(), w.attributes()) : ItemKeys.key(t.definition(), w.attributes());
            } catch (DynamoDbException e) {
                String m = e.getMessage();
                if (m.contains("Missing the key") || m.contains("Type mismatch for key")) throw DynamoDbException.validation(ItemKeys.SCHEMA_MISMATCH);
                throw e;
            }
            if (!seen.add(List.of(t, key))) throw DynamoDbException.validation("Provided list of item keys contains duplicates");
            StoredItem item = w.put() ? StoredItem.of(w.attributes()) : null;
            changes.add(new Database.Change(t, key, item));
            StoredItem old = t.get(key);
            units.merge(t.definition().name(), Capacity.write(Math.max(item == null ? 0 : item.size(), old == null ? 0 : old.size())), Double::sum);
        }
        db.change(() -> {
            for (Table t : tables.values()) ConditionalWrites.requireCurrent(db, t);
            db.write(changes);
            return null;
        });
        ObjectNode out = Requests.object();
        out.putObject("UnprocessedItems");
        Capacity.attachPerTable(out, in, units);
        return out;
    }
}
