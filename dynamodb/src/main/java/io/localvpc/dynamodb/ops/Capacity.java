package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Capacity units as DynamoDB counts them (a write unit per 1 KB written, a read unit per 4 KB read strongly
 * consistently, half that eventually consistently; transactions twice), reported when ReturnConsumedCapacity asks.
 * localvpc never throttles; the numbers only tell a program what the same calls would cost on AWS.
 */
final class Capacity {
    private Capacity() {
    }

    static double write(int bytes) {
        return Math.max(1, Math.ceil(bytes / 1024.0));
    }

    static double read(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? units : units / 2;
    }

    /** The ConsumedCapacity member for one table, or null when the request did not ask for it. */
    static ObjectNode of(JsonNode request, String tableName, double units) {
        String mode = Requests.text(request, "ReturnConsumedCapacity");
        if (mode == null || mode.equals("NONE")) return null;
        ObjectNode c = Requests.object();
        c.put("TableName", tableName);
        c.put("CapacityUnits", units);
        if (mode.equals("INDEXES")) c.putObject("Table").put("CapacityUnits", units);
        return c;
    }

    /** For a read of an index: with INDEXES the units are the index's and the table's are 0, as DynamoDB reports them. */
    static ObjectNode ofIndex(JsonNode request, String tableName, io.localvpc.dynamodb.table.SecondaryIndex index, double units) {
        ObjectNode c = of(request, tableName, units);
        if (c == null || index == null || !c.has("Table")) return c;
        c.putObject("Table").put("CapacityUnits", 0.0);
        c.putObject(index.global() ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes").putObject(index.name()).put("CapacityUnits", units);
        return c;
    }

    /** ConsumedCapacity as a list, one entry per table (batches and transactions), when the request asked for it. */
    static void attachPerTable(ObjectNode response, JsonNode request, java.util.Map<String, Double> unitsByTable) {
        com.fasterxml.jackson.databind.node.ArrayNode list = Requests.JSON.arrayNode();
        unitsByTable.forEach((table, units) -> {
            ObjectNode c = of(request, table, units);
            if (c != null) list.add(c);
        });
        if (!list.isEmpty()) response.set("ConsumedCapacity", list);
    }

    static void attach(ObjectNode response, JsonNode request, String tableName, double units) {
        ObjectNode c = of(request, tableName, units);
        if (c != null) response.set("ConsumedCapacity", c);
    }
}
