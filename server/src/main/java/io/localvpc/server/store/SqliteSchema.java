package io.localvpc.server.store;

import io.localvpc.core.state.ResourceTypes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The layout of the state database and its version, kept in SQLite's {@code user_version} header field.
 * Opening a database brings it to the current version in one SQLite transaction: a new file gets the
 * current layout; a file from an older release is migrated step by step (a crash part-way leaves it as it
 * was); a file from a newer release is refused rather than misread.
 *
 * <p>Versions: 0 — releases before the version was kept; rows' {@code type} held Java class names.
 * 1 — {@code type} holds the names of {@link ResourceTypes}.
 */
final class SqliteSchema {
    static final int CURRENT = 1;

    private SqliteSchema() {
    }

    /** Creates or migrates the schema and commits; {@code db} must not be in auto-commit mode. */
    static void prepare(Connection db, String file) throws SQLException {
        try {
            int version = userVersion(db);
            boolean existing = hasResourcesTable(db);
            if (!existing) {
                create(db);
            } else if (version > CURRENT) {
                throw new IllegalStateException("the state database " + file + " was written by a newer localvpc (state schema "
                        + version + "; this localvpc reads schemas up to " + CURRENT + "). Run that newer localvpc, or start this one with "
                        + "another --data-dir (or --in-memory).");
            } else {
                for (int v = version; v < CURRENT; v++) migrateFrom(v, db, file);
            }
            if (!existing || version != CURRENT) {
                try (Statement s = db.createStatement()) {
                    s.execute("PRAGMA user_version = " + CURRENT);
                }
            }
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        }
    }

    private static void create(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE resources (scope TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL, "
                    + "json TEXT NOT NULL, PRIMARY KEY (scope, type, id)) WITHOUT ROWID");
        }
    }

    private static void migrateFrom(int version, Connection db, String file) throws SQLException {
        switch (version) {
            case 0 -> typeNamesFromClassNames(db, file);
            default -> throw new IllegalStateException("no migration from state schema " + version);
        }
    }

    /** 0 → 1: rows named by Java class name are renamed to their stable type name. */
    private static void typeNamesFromClassNames(Connection db, String file) throws SQLException {
        try (PreparedStatement rename = db.prepareStatement("UPDATE resources SET type = ? WHERE type = ?")) {
            for (Map.Entry<String, String> e : ResourceTypes.schema0Names().entrySet()) {
                rename.setString(1, e.getValue());
                rename.setString(2, e.getKey());
                rename.executeUpdate();
            }
        }
        List<String> unknown = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT type FROM resources")) {
            while (rs.next()) {
                if (ResourceTypes.classOf(rs.getString(1)).isEmpty()) unknown.add(rs.getString(1));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("the state database " + file + " holds rows of types no localvpc release stored: "
                    + String.join(", ", unknown) + "; it was left unchanged");
        }
    }

    private static int userVersion(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static boolean hasResourcesTable(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'resources'")) {
            return rs.next();
        }
    }
}
