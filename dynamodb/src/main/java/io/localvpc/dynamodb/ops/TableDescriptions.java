package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.table.KeySchema;
import io.localvpc.dynamodb.table.SecondaryIndex;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.table.TableDefinition;
import io.localvpc.dynamodb.table.Throughput;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** A table as DescribeTable (and CreateTable, UpdateTable, DeleteTable) describe it. */
final class TableDescriptions {
    private static final DateTimeFormatter STREAM_LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private TableDescriptions() {
    }

    static ObjectNode describe(Table table) {
        return describe(table.definition(), table);
    }

    /** {@code table} null: a definition without items (a table being created or deleted). */
    static ObjectNode describe(TableDefinition d, Table table) {
        ObjectNode t = Requests.object();
        ArrayNode defs = t.putArray("AttributeDefinitions");
        for (Map.Entry<String, String> a : d.attributeTypes().entrySet()) {
            defs.addObject().put("AttributeName", a.getKey()).put("AttributeType", a.getValue());
        }
        t.put("TableName", d.name());
        t.set("KeySchema", keySchema(d.keys()));
        t.put("TableStatus", d.status());
        t.put("CreationDateTime", d.created() / 1000.0);
        t.set("ProvisionedThroughput", throughput(d.throughput()));
        t.put("TableSizeBytes", table == null ? 0 : table.sizeBytes());
        t.put("ItemCount", table == null ? 0 : table.itemCount());
        t.put("TableArn", d.arn());
        t.put("TableId", d.id());
        if (d.payPerRequest() || d.billingModeChanged() != 0) {
            ObjectNode b = t.putObject("BillingModeSummary").put("BillingMode", d.billingMode());
            b.put("LastUpdateToPayPerRequestDateTime", (d.billingModeChanged() != 0 ? d.billingModeChanged() : d.created()) / 1000.0);
        }
        if (!d.localIndexes().isEmpty()) {
            ArrayNode lsis = t.putArray("LocalSecondaryIndexes");
            for (SecondaryIndex i : d.localIndexes()) lsis.add(index(d, i, table));
        }
        if (!d.globalIndexes().isEmpty()) {
            ArrayNode gsis = t.putArray("GlobalSecondaryIndexes");
            for (SecondaryIndex i : d.globalIndexes()) gsis.add(index(d, i, table));
        }
        if (d.streamViewType() != null) {
            t.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", d.streamViewType());
            String label = STREAM_LABEL.format(Instant.ofEpochMilli(d.streamCreated()));
            t.put("LatestStreamLabel", label);
            t.put("LatestStreamArn", d.arn() + "/stream/" + label);
        }
        if (d.tableClass() != null && !d.tableClass().equals("STANDARD")) t.putObject("TableClassSummary").put("TableClass", d.tableClass());
        t.put("DeletionProtectionEnabled", d.deletionProtection());
        return t;
    }

    private static ObjectNode index(TableDefinition d, SecondaryIndex i, Table table) {
        ObjectNode o = Requests.object();
        o.put("IndexName", i.name());
        o.set("KeySchema", keySchema(i.keys()));
        ObjectNode p = o.putObject("Projection").put("ProjectionType", i.projectionType());
        if (!i.nonKeyAttributes().isEmpty()) {
            ArrayNode nk = p.putArray("NonKeyAttributes");
            i.nonKeyAttributes().forEach(nk::add);
        }
        if (i.global()) {
            o.put("IndexStatus", i.status());
            o.set("ProvisionedThroughput", throughput(i.throughput() == null ? Throughput.ON_DEMAND : i.throughput()));
        }
        o.put("IndexSizeBytes", table == null ? 0 : table.indexSizeBytes(i.name()));
        o.put("ItemCount", table == null ? 0 : table.indexItemCount(i.name()));
        o.put("IndexArn", d.arn() + "/index/" + i.name());
        return o;
    }

    static ArrayNode keySchema(KeySchema k) {
        ArrayNode a = Requests.JSON.arrayNode();
        a.addObject().put("AttributeName", k.hashName()).put("KeyType", "HASH");
        if (k.hasRange()) a.addObject().put("AttributeName", k.rangeName()).put("KeyType", "RANGE");
        return a;
    }

    private static ObjectNode throughput(Throughput tp) {
        ObjectNode o = Requests.object();
        if (tp.lastIncrease() != 0) o.put("LastIncreaseDateTime", tp.lastIncrease() / 1000.0);
        if (tp.lastDecrease() != 0) o.put("LastDecreaseDateTime", tp.lastDecrease() / 1000.0);
        o.put("NumberOfDecreasesToday", tp.decreasesToday());
        o.put("ReadCapacityUnits", tp.read());
        o.put("WriteCapacityUnits", tp.write());
        return o;
    }
}
