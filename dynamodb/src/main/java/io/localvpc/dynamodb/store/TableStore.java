package io.localvpc.dynamodb.store;

import io.localvpc.dynamodb.table.TableDefinition;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Where tables and items are kept between runs. The engine writes here before it changes anything in memory, so a
 * change a client saw acknowledged is on disk, and a change that could not be written is not made at all.
 */
public interface TableStore extends AutoCloseable {
    /** One item written ({@code itemJson} in DynamoDB's JSON) or, with {@code itemJson} null, removed; {@code key} identifies it within its table. */
    record ItemWrite(String tableId, String key, String itemJson) {
    }

    List<TableDefinition> tables();

    /** Every stored item of a table: its key text and its JSON. */
    void items(String tableId, BiConsumer<String, String> sink);

    void saveTable(TableDefinition definition);

    /** Forgets a table and all its items. */
    void dropTable(String tableId);

    /** Writes items all or nothing. */
    void write(List<ItemWrite> writes);

    @Override
    void close();

    /** Whether this store keeps anything (when it does not, nothing need be serialised for it). */
    default boolean persists() {
        return true;
    }

    /** Keeps nothing: what {@code --in-memory} uses. */
    static TableStore none() {
        return new TableStore() {
            @Override
            public List<TableDefinition> tables() {
                return List.of();
            }

            @Override
            public void items(String tableId, BiConsumer<String, String> sink) {
            }

            @Override
            public void saveTable(TableDefinition definition) {
            }

            @Override
            public void dropTable(String tableId) {
            }

            @Override
            public void write(List<ItemWrite> writes) {
            }

            @Override
            public void close() {
            }

            @Override
            public boolean persists() {
                return false;
            }
        };
    }
}
