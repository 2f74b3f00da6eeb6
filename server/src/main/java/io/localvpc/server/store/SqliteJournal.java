package io.localvpc.server.store;

import io.localvpc.core.state.Change;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Scope;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps resources as JSON rows in SQLite (WAL mode). Each transaction of the store is one SQLite
 * transaction, so a crash leaves either all of it or none of it. With {@link Durability#PROCESS}
 * (synchronous=NORMAL) a commit survives the localvpc process being killed; {@link Durability#POWER}
 * (synchronous=FULL) also survives the machine losing power, at the cost of an fsync per commit.
 */
public final class SqliteJournal implements Journal {
    public enum Durability { PROCESS, POWER }

    private final Connection db;
    private final PreparedStatement upsert;
    private final PreparedStatement delete;

    public SqliteJournal(Path file, Durability durability) {
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + (durability == Durability.POWER ? "FULL" : "NORMAL"));
                s.execute("PRAGMA busy_timeout=5000");
            }
            c.setAutoCommit(false);
            SqliteSchema.prepare(c, file.toString());
            upsert = c.prepareStatement("INSERT OR REPLACE INTO resources (scope, type, id, json) VALUES (?, ?, ?, ?)");
            delete = c.prepareStatement("DELETE FROM resources WHERE scope = ? AND type = ? AND id = ?");
            db = c;
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the failure to open is what the caller needs to see
                }
            }
            if (e instanceof IllegalStateException refused) throw refused;
            throw new IllegalStateException("cannot open the state database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Change> load() {
        List<Change> rows = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT scope, type, id, json FROM resources")) {
            while (rs.next()) rows.add(new Change(Scope.parse(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4)));
            db.commit();
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the state database: " + e.getMessage(), e);
        }
    }

    /**
     * Writes one transaction. Every row is serialised before the database is touched, and whatever fails, the
     * SQLite transaction is rolled back and both statement batches are emptied, so nothing of a failed
     * transaction is left for the next commit to write.
     */
    @Override
    public void commit(List<Change> changes) {
        List<String> json = new ArrayList<>(changes.size());
        for (Change c : changes) json.add(c.isRemoval() ? null : c.json());
        try {
            for (int i = 0; i < changes.size(); i++) {
                Change c = changes.get(i);
                bind(c.isRemoval() ? delete : upsert, c, json.get(i));
            }
            upsert.executeBatch();
            delete.executeBatch();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw new IllegalStateException("could not persist the change: " + e.getMessage(), e);
        } finally {
            clearBatches();
        }
    }

    /** Adds a row to a statement's batch: its key, and its JSON unless it is a removal. */
    private static void bind(PreparedStatement st, Change c, String json) throws SQLException {
        st.setString(1, c.scope().key());
        st.setString(2, c.type());
        st.setString(3, c.id());
        if (json != null) st.setString(4, json);
        st.addBatch();
    }

    private void clearBatches() {
        try {
            upsert.clearBatch();
            delete.clearBatch();
        } catch (SQLException ignored) {
            // clearing a batch only drops Java-side parameter lists; sqlite-jdbc does not fail here
        }
    }

    @Override
    public void replace(List<Change> rows) {
        List<String> json = new ArrayList<>(rows.size());
        for (Change c : rows) json.add(c.json());
        try (Statement s = db.createStatement();
             PreparedStatement insert = db.prepareStatement("INSERT INTO resources (scope, type, id, json) VALUES (?, ?, ?, ?)")) {
            s.execute("DELETE FROM resources");
            for (int i = 0; i < rows.size(); i++) {
                bind(insert, rows.get(i), json.get(i));
            }
            insert.executeBatch();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw new IllegalStateException("could not replace the stored state (it is unchanged): " + e.getMessage(), e);
        }
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing at shutdown: nothing useful to do with a failure
        }
    }
}
