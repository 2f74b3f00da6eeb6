package io.localvpc.dynamodb.table;

import io.localvpc.dynamodb.value.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A table's items, ordered by {@link RowKey}, and one ordered view per secondary index (holding only the items that
 * have the index's key attributes, as DynamoDB's sparse indexes do). Changes are made by one writer at a time (the
 * {@link io.localvpc.dynamodb.ops.Database}'s lock); reads never wait.
 */
public final class Table {
    private volatile TableDefinition definition;
    private final ConcurrentSkipListMap<RowKey, StoredItem> rows = new ConcurrentSkipListMap<>();
    /** The same items by exact key, so GetItem is one hash lookup rather than a walk down the ordered map. */
    private final ConcurrentHashMap<RowKey, StoredItem> byKey = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<RowKey, StoredItem>> indexes = new ConcurrentHashMap<>();
    private volatile long itemCount;
    private volatile long sizeBytes;

    public Table(TableDefinition definition) {
        this.definition = definition;
        for (SecondaryIndex i : definition.localIndexes()) indexes.put(i.name(), new ConcurrentSkipListMap<>());
        for (SecondaryIndex i : definition.globalIndexes()) indexes.put(i.name(), new ConcurrentSkipListMap<>());
    }

    public TableDefinition definition() {
        return definition;
    }

    public void define(TableDefinition d) {
        this.definition = d;
    }

    public long itemCount() {
        return itemCount;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /** The items of the table in key order (or of an index, by its name), for reading only. */
    public NavigableMap<RowKey, StoredItem> rows(String indexName) {
        return indexName == null ? rows : indexes.get(indexName);
    }

    public long indexItemCount(String indexName) {
        NavigableMap<RowKey, StoredItem> m = indexes.get(indexName);
        return m == null ? 0 : m.size();
    }

    public long indexSizeBytes(String indexName) {
        NavigableMap<RowKey, StoredItem> m = indexes.get(indexName);
        long size = 0;
        if (m != null) for (StoredItem i : m.values()) size += i.size();
        return size;
    }

    /** The table's row key of a key (or whole item); the key must be complete and of the schema's types. */
    public RowKey rowKey(Map<String, AttributeValue> key) {
        KeySchema k = definition.keys();
        return k.hasRange() ? RowKey.of(key.get(k.hashName()), key.get(k.rangeName())) : RowKey.of(key.get(k.hashName()));
    }

    public StoredItem get(Map<String, AttributeValue> key) {
        return byKey.get(rowKey(key));
    }

    /** Puts (or, with {@code item} null, removes) the item with this key, keeping every index in step. */
    public void write(Map<String, AttributeValue> key, StoredItem item) {
        RowKey rk = rowKey(key);
        StoredItem old = item == null ? rows.remove(rk) : rows.put(rk, item);
        if (item == null) {
            byKey.remove(rk);
        } else {
            byKey.put(rk, item);
        }
        if (old != null) {
            itemCount--;
            sizeBytes -= old.size();
            for (SecondaryIndex i : indexList()) {
                RowKey ik = indexKey(i, old.attributes());
                if (ik != null) indexes.get(i.name()).remove(ik);
            }
        }
        if (item != null) {
            itemCount++;
            sizeBytes += item.size();
            for (SecondaryIndex i : indexList()) {
                RowKey ik = indexKey(i, item.attributes());
                if (ik != null) indexes.get(i.name()).put(ik, item);
            }
        }
    }

    /** Adds an index and fills it from the items already there (DynamoDB's backfill, done at once). */
    public void addIndex(SecondaryIndex index) {
        ConcurrentSkipListMap<RowKey, StoredItem> m = new ConcurrentSkipListMap<>();
        for (StoredItem item : rows.values()) {
            RowKey ik = indexKey(index, item.attributes());
            if (ik != null) m.put(ik, item);
        }
        indexes.put(index.name(), m);
    }

    public void dropIndex(String name) {
        indexes.remove(name);
    }

    private List<SecondaryIndex> indexList() {
        TableDefinition d = definition;
        if (d.localIndexes().isEmpty() && d.globalIndexes().isEmpty()) return List.of();
        List<SecondaryIndex> all = new ArrayList<>(d.localIndexes());
        for (SecondaryIndex g : d.globalIndexes()) if (indexes.containsKey(g.name())) all.add(g);
        return all;
    }

    /** Where an item sits in an index: the index key, then the table key; null when the item lacks the index key. */
    public RowKey indexKey(SecondaryIndex index, Map<String, AttributeValue> item) {
        KeySchema ik = index.keys();
        KeySchema tk = definition.keys();
        AttributeValue h = item.get(ik.hashName());
        if (h == null || !h.type().equals(ik.hashType())) return null;
        List<AttributeValue> rest = new ArrayList<>(3);
        if (ik.hasRange()) {
            AttributeValue r = item.get(ik.rangeName());
            if (r == null || !r.type().equals(ik.rangeType())) return null;
            rest.add(r);
        }
        // entries sharing an index key follow the placement of their table key, as DynamoDB returns them
        AttributeValue tableHash = item.get(tk.hashName());
        AttributeValue tableRange = tk.hasRange() ? item.get(tk.rangeName()) : null;
        rest.add(RowKey.placement(tableHash, tableRange));
        rest.add(tableHash);
        if (tableRange != null) rest.add(tableRange);
        return RowKey.of(h, rest.toArray(new AttributeValue[0]));
    }
}
