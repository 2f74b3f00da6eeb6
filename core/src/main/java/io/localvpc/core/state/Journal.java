package io.localvpc.core.state;

import java.util.List;

/**
 * Where committed changes go before a mutating call is acknowledged. The store calls {@link #commit}
 * under its writer lock; a commit either lands whole or throws (and the transaction is discarded).
 */
public interface Journal extends AutoCloseable {
    /** Every stored row, for rebuilding the in-memory state at startup. */
    List<Change> load();

    void commit(List<Change> changes);

    /** Drops every row and writes {@code rows} instead, as one transaction (state import; admin reset with none). */
    void replace(List<Change> rows);

    @Override
    void close();

    /** For {@code --in-memory}: nothing is kept. */
    Journal NONE = new Journal() {
        public List<Change> load() { return List.of(); }
        public void commit(List<Change> changes) { }
        public void replace(List<Change> rows) { }
        public void close() { }
    };
}
