package io.localvpc.dynamodb.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.dynamodb.table.TableDefinition;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Tables and items in one SQLite file (WAL mode): a row per table definition (JSON) and a row per item (its key and
 * its DynamoDB JSON). Each {@link #write} is one SQLite transaction. With {@code fsyncEachCommit} (synchronous=FULL) a
 * commit survives the machine losing power; without it (synchronous=NORMAL) it survives the process being killed.
 */
public final class SqliteTableStore implements TableStore {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Connection db;
    private final PreparedStatement putItem;
    private final PreparedStatement deleteItem;
    private final PreparedStatement putTable;

    public SqliteTableStore(Path file, boolean fsyncEachCommit) {
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + (fsyncEachCommit ? "FULL" : "NORMAL"));
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS ddb_tables (id TEXT PRIMARY KEY, json TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS ddb_items (table_id TEXT NOT NULL, item_key TEXT NOT NULL, item TEXT NOT NULL, "
                        + "PRIMARY KEY (table_id, item_key)) WITHOUT ROWID");
            }
            c.setAutoCommit(false);
            c.commit();
            putItem = c.prepareStatement("INSERT OR REPLACE INTO ddb_items (table_id, item_key, item) VALUES (?, ?, ?)");
            deleteItem = c.prepareStatement("DELETE FROM ddb_items WHERE table_id = ? AND item_key = ?");
            putTable = c.prepareStatement("INSERT OR REPLACE INTO ddb_tables (id, json) VALUES (?, ?)");
            db = c;
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the failure to open is what the caller needs to see
                }
            }
            throw new IllegalStateException("cannot open the DynamoDB database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<TableDefinition> tables() {
        List<TableDefinition> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT json FROM ddb_tables")) {
            while (rs.next()) out.add(JSON.readValue(rs.getString(1), TableDefinition.class));
            db.commit();
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the DynamoDB tables: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void items(String tableId, BiConsumer<String, String> sink) {
        try (PreparedStatement s = db.prepareStatement("SELECT item_key, item FROM ddb_items WHERE table_id = ?")) {
            s.setString(1, tableId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) sink.accept(rs.getString(1), rs.getString(2));
            }
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the items of table " + tableId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void saveTable(TableDefinition definition) {
        try {
            putTable.setString(1, definition.id());
            putTable.setString(2, JSON.writeValueAsString(definition));
            putTable.executeUpdate();
            db.commit();
        } catch (SQLException | JsonProcessingException e) {
            rollback();
            throw new IllegalStateException("cannot save table " + definition.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void dropTable(String tableId) {
        try (PreparedStatement items = db.prepareStatement("DELETE FROM ddb_items WHERE table_id = ?");
             PreparedStatement table = db.prepareStatement("DELETE FROM ddb_tables WHERE id = ?")) {
            items.setString(1, tableId);
            items.executeUpdate();
            table.setString(1, tableId);
            table.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("cannot delete table " + tableId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void write(List<ItemWrite> writes) {
        try {
            for (ItemWrite w : writes) {
                if (w.itemJson() == null) {
                    deleteItem.setString(1, w.tableId());
                    deleteItem.setString(2, w.key());
                    deleteItem.executeUpdate();
                } else {
                    putItem.setString(1, w.tableId());
                    putItem.setString(2, w.key());
                    putItem.setString(3, w.itemJson());
                    putItem.executeUpdate();
                }
            }
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("cannot write items: " + e.getMessage(), e);
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the write's own failure is reported; a failed rollback leaves SQLite to discard the transaction
        }
    }

    @Override
    public synchronized void close() {
        try {
            putItem.close();
            deleteItem.close();
            putTable.close();
            db.close();
        } catch (SQLException ignored) {
            // closing at shutdown: nothing left to save
        }
    }
}
