package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.store.TableStore;
import io.localvpc.dynamodb.table.KeySchema;
import io.localvpc.dynamodb.table.StoredItem;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.table.TableDefinition;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.AttributeValueJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Every table of every account and region, and the one lock that changes take: a change is checked, written to the
 * {@link TableStore}, and only then made visible, all under the lock, so no reader ever sees a change the store
 * does not have and no two changes interleave. Reads take no lock.
 */
public final class Database {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One item change: put {@code item} under {@code key} in {@code table}, or remove it when {@code item} is null. */
    public record Change(Table table, Map<String, AttributeValue> key, StoredItem item) {
    }

    private record TableRef(String accountId, String region, String name) {
    }

    private final Map<TableRef, Table> tables = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final TableStore store;
    private final Clock clock;

    private Database(TableStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Opens the database with what the store holds. */
    public static Database open(TableStore store, Clock clock) {
        Database db = new Database(store, clock);
        for (TableDefinition d : store.tables()) {
            Table t = new Table(d);
            store.items(d.id(), (key, json) -> {
                try {
                    Map<String, AttributeValue> item = AttributeValueJson.readItem(JSON.readTree(json));
                    t.write(d.keys().keyOf(item), StoredItem.of(item));
                } catch (IOException e) {
                    throw new UncheckedIOException("item " + key + " of table " + d.name() + " cannot be read", e);
                }
            });
            db.tables.put(new TableRef(d.accountId(), d.region(), d.name()), t);
        }
        return db;
    }

    public Clock clock() {
        return clock;
    }

    public Table table(DynamoDbScope scope, String name) {
        return tables.get(new TableRef(scope.accountId(), scope.region(), name));
    }

    /** Table names of an account and region, in DynamoDB's order (by name). */
    public List<String> tableNames(DynamoDbScope scope) {
        TreeSet<String> names = new TreeSet<>();
        for (TableRef r : tables.keySet()) {
            if (r.accountId.equals(scope.accountId()) && r.region.equals(scope.region())) names.add(r.name);
        }
        return new ArrayList<>(names);
    }

    public List<Table> allTables() {
        return new ArrayList<>(tables.values());
    }

    /** Runs a change under the lock. */
    public <T> T change(Supplier<T> change) {
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
        }
    }

    /** Adds a table (under the lock); false when the name is taken. */
    public boolean addTable(TableDefinition d) {
        return change(() -> {
            TableRef ref = new TableRef(d.accountId(), d.region(), d.name());
            if (tables.containsKey(ref)) return false;
            store.saveTable(d);
            tables.put(ref, new Table(d));
            return true;
        });
    }

    /** Saves a changed definition of a table (under the lock the caller holds). */
    public void redefine(Table t, TableDefinition d) {
        requireLock();
        store.saveTable(d);
        t.define(d);
    }

    public void dropTable(Table t) {
        requireLock();
        TableDefinition d = t.definition();
        store.dropTable(d.id());
        tables.remove(new TableRef(d.accountId(), d.region(), d.name()), t);
    }

    /** Writes item changes all or nothing: to the store first, then to the tables (under the lock the caller holds). */
    public void write(List<Change> changes) {
        requireLock();
        if (store.persists()) {
            List<TableStore.ItemWrite> writes = new ArrayList<>(changes.size());
            for (Change c : changes) {
                String json = c.item() == null ? null : AttributeValueJson.writeItem(c.item().attributes()).toString();
                writes.add(new TableStore.ItemWrite(c.table().definition().id(), keyText(c.table().definition().keys(), c.key()), json));
            }
            store.write(writes);
        }
        for (Change c : changes) c.table().write(c.key(), c.item());
    }

    /** Whether this table is still the one registered under its name (a table deleted and made again is another). */
    public boolean isCurrent(Table t) {
        TableDefinition d = t.definition();
        return tables.get(new TableRef(d.accountId(), d.region(), d.name())) == t;
    }

    private void requireLock() {
        if (!lock.isHeldByCurrentThread()) throw new IllegalStateException("changes are made under the database's lock");
    }

    private static String keyText(KeySchema schema, Map<String, AttributeValue> key) {
        StringBuilder sb = new StringBuilder();
        sb.append(AttributeValueJson.write(key.get(schema.hashName())));
        if (schema.hasRange()) sb.append(AttributeValueJson.write(key.get(schema.rangeName())));
        return sb.toString();
    }

    public void close() {
        change(() -> {
            store.close();
            return null;
        });
    }
}
