package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.expr.Condition;
import io.localvpc.dynamodb.expr.ConditionEvaluator;
import io.localvpc.dynamodb.expr.DocumentPath;
import io.localvpc.dynamodb.expr.Projector;
import io.localvpc.dynamodb.table.SecondaryIndex;
import io.localvpc.dynamodb.table.StoredItem;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.AttributeValueJson;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a Query or Scan: items are read in order until Limit items were evaluated or 1 MB was read, the filter
 * keeps some of them, and the key of the last one read is where the next page starts (LastEvaluatedKey).
 */
final class ItemPages {
    static final long PAGE_BYTES = 1024 * 1024;

    /** Which attributes of each item the caller gets (Select, the index's projection, a ProjectionExpression or AttributesToGet). */
    record View(Table table, SecondaryIndex index, String select, List<DocumentPath> projection) {
        Map<String, AttributeValue> render(StoredItem item) {
            Map<String, AttributeValue> attributes = item.attributes();
            boolean fetchFromTable = index != null && !index.global() && "ALL_ATTRIBUTES".equals(select);
            if (index != null && !index.projectionType().equals("ALL") && !fetchFromTable) attributes = projectIndex(attributes);
            return projection == null ? attributes : Projector.project(attributes, projection);
        }

        private Map<String, AttributeValue> projectIndex(Map<String, AttributeValue> all) {
            Map<String, AttributeValue> out = new LinkedHashMap<>();
            for (Map.Entry<String, AttributeValue> e : all.entrySet()) {
                String n = e.getKey();
                if (table.definition().keys().isKey(n) || index.keys().isKey(n) || index.nonKeyAttributes().contains(n)) out.put(n, e.getValue());
            }
            return out;
        }
    }

    private ItemPages() {
    }

    /**
     * Checks Select against the other parameters as DynamoDB does and answers the Select in effect (its default is
     * ALL_ATTRIBUTES for a table, ALL_PROJECTED_ATTRIBUTES for an index, SPECIFIC_ATTRIBUTES with a projection).
     */
    static String select(JsonNode in, boolean projected) {
        String select = Requests.text(in, "Select");
        boolean index = Requests.has(in, "IndexName");
        if (select == null) return projected ? "SPECIFIC_ATTRIBUTES" : index ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
        if (projected && !select.equals("SPECIFIC_ATTRIBUTES")) {
            String which = Requests.has(in, "ProjectionExpression") ? "ProjectionExpression" : "AttributesToGet";
            throw DynamoDbException.validation("Cannot specify the " + which + " when choosing to get " + select);
        }
        if (select.equals("ALL_PROJECTED_ATTRIBUTES") && !index) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES is supported only for index queries");
        }
        if (select.equals("SPECIFIC_ATTRIBUTES") && !projected) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Select type SPECIFIC_ATTRIBUTES requires either AttributesToGet or ProjectionExpression");
        }
        return select;
    }

    static ObjectNode read(Iterator<StoredItem> entries, Integer limit, Condition filter, View view, JsonNode in, boolean consistent) {
        ObjectNode out = Requests.object();
        boolean count = "COUNT".equals(view.select());
        ArrayNode items = count ? null : out.putArray("Items");
        int matched = 0;
        int scanned = 0;
        long bytes = 0;
        StoredItem last = null;
        boolean more = false;
        while (entries.hasNext()) {
            if ((limit != null && scanned >= limit) || bytes >= PAGE_BYTES) {
                more = true;
                break;
            }
            StoredItem item = entries.next();
            scanned++;
            bytes += item.size();
            last = item;
            if (filter != null && !ConditionEvaluator.test(filter, item.attributes())) continue;
            matched++;
            if (!count) items.add(AttributeValueJson.writeItem(view.render(item)));
        }
        // DynamoDB also answers a LastEvaluatedKey when the page ended exactly at Limit, without looking further
        if (!more && limit != null && scanned >= limit) more = true;
        if (items != null) out.set("Items", items);
        out.put("Count", matched);
        out.put("ScannedCount", scanned);
        if (more && last != null) out.set("LastEvaluatedKey", AttributeValueJson.writeItem(lastKey(view, last)));
        ObjectNode capacity = Capacity.ofIndex(in, view.table().definition().name(), view.index(), Capacity.read(bytes, consistent));
        if (capacity != null) out.set("ConsumedCapacity", capacity);
        return out;
    }

    private static Map<String, AttributeValue> lastKey(View view, StoredItem item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String n : view.table().definition().keys().names()) key.put(n, item.attributes().get(n));
        if (view.index() != null) for (String n : view.index().keys().names()) key.put(n, item.attributes().get(n));
        return key;
    }
}
