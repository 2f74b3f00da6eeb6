package io.localvpc.server.store;

import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transaction whose commit fails leaves nothing behind: not in the database, not in memory, and nothing queued
 * that a later commit would write (issue 10). Each case writes again after the failure and then reopens the
 * database, because a left-over row only shows after the next commit and a restart.
 */
class SqliteJournalFailureTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    @TempDir
    Path dir;

    @Test
    void aResourceThatCannotBeSerialisedFailsItsWholeTransactionAndNothingOfItLandsLater() {
        Map<String, String> unserialisable = new HashMap<>();
        unserialisable.put(null, "JSON has no null keys");
        try (Store store = open()) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> store.write(SCOPE, tx -> {
                tx.put(gateway("igw-half"));
                tx.put(new ResourceTags("igw-half", unserialisable));
                return null;
            }));
            assertTrue(e.getMessage().contains("igw-half"), e.getMessage());
            assertFalse(exists(store, "igw-half"), "a failed transaction is not published");
            store.write(SCOPE, tx -> tx.put(gateway("igw-next")));
        }
        try (Store reopened = open()) {
            assertTrue(exists(reopened, "igw-next"));
            assertFalse(exists(reopened, "igw-half"), "the failed transaction's first row was written by the next commit");
        }
    }

    @Test
    void whenTheWritesOfATransactionFailItsRemovalsAreNotLeftForTheNextCommit() throws Exception {
        try (Store store = open()) {
            store.write(SCOPE, tx -> tx.put(gateway("igw-keep")));
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
                 Statement s = other.createStatement()) {
                s.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON resources WHEN NEW.id = 'igw-poison' "
                        + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
                assertThrows(RuntimeException.class, () -> store.write(SCOPE, tx -> {
                    tx.remove(InternetGateway.class, "igw-keep");
                    tx.put(gateway("igw-poison"));
                    return null;
                }));
                s.execute("DROP TRIGGER refuse_poison");
            }
            assertTrue(exists(store, "igw-keep"), "a failed transaction is not published");
            store.write(SCOPE, tx -> tx.put(gateway("igw-next")));
            assertTrue(exists(store, "igw-keep"));
        }
        try (Store reopened = open()) {
            assertTrue(exists(reopened, "igw-next"));
            assertTrue(exists(reopened, "igw-keep"), "the failed transaction's removal was carried out by the next commit");
            assertFalse(exists(reopened, "igw-poison"));
        }
    }

    private Store open() {
        return new Store(new SqliteJournal(dir.resolve("state.db"), SqliteJournal.Durability.PROCESS), Clock.systemUTC(), tx -> { });
    }

    private static InternetGateway gateway(String id) {
        return new InternetGateway(id, SCOPE.account(), null);
    }

    private static boolean exists(Store store, String id) {
        return store.view(SCOPE).find(InternetGateway.class, id).isPresent();
    }
}
