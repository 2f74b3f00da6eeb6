package io.localvpc.core.state;

import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The state of every account and region. One writer at a time: a write transaction builds the next
 * immutable version of its scope, the journal persists the changed rows, and only then is the new
 * version published. Readers take the current version from a volatile field and never wait.
 *
 * <p>A scope is set up on first use by the {@code scopeSetup} hook (the default VPC and its
 * companions), in a transaction of its own.
 */
public final class Store implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("localvpc.state");

    private final Journal journal;
    private final Clock clock;
    private final Consumer<Tx> scopeSetup;
    private final Object writeLock = new Object();
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private volatile PMap<Scope, ScopeState> world = HashTreePMap.empty();

    public Store(Journal journal, Clock clock, Consumer<Tx> scopeSetup) {
        this.journal = journal;
        this.clock = clock;
        this.scopeSetup = scopeSetup;
        load(journal.load());
    }

    public Clock clock() {
        return clock;
    }

    /** A consistent snapshot of the scope, set up first if this is its first use. */
    public View view(Scope scope) {
        ScopeState state = world.get(scope);
        if (state == null) {
            synchronized (writeLock) {
                state = ensureScope(scope);
            }
        }
        return new SnapshotView(scope, state, clock.instant());
    }

    /**
     * A snapshot of the scope if it has been used; unlike {@link #view} it never sets a scope up, so it never
     * waits for the writer (for listeners and for code that a listener may wait on).
     */
    public Optional<View> viewIfPresent(Scope scope) {
        ScopeState state = world.get(scope);
        return state == null ? Optional.empty() : Optional.of(new SnapshotView(scope, state, clock.instant()));
    }

    /** From now on, {@code listener} is told of every published change. */
    public void addListener(StoreListener listener) {
        listeners.add(listener);
    }

    /** Runs {@code work} as one transaction; its changes are persisted and published when it returns. */
    public <T> T write(Scope scope, Function<Tx, T> work) {
        return run(scope, work, true);
    }

    /** Runs {@code work} exactly as {@link #write} would, then throws its changes away (DryRun). */
    public <T> T rehearse(Scope scope, Function<Tx, T> work) {
        return run(scope, work, false);
    }

    private <T> T run(Scope scope, Function<Tx, T> work, boolean commit) {
        synchronized (writeLock) {
            ScopeState base = ensureScope(scope);
            StoreTx tx = new StoreTx(scope, base, clock.instant());
            T result = work.apply(tx);
            if (commit && tx.hasChanges()) {
                List<Change> changes = tx.changes();
                journal.commit(changes);
                world = world.plus(scope, tx.state());
                tell(l -> l.committed(scope, changes));
            }
            return result;
        }
    }

    private ScopeState ensureScope(Scope scope) {
        ScopeState state = world.get(scope);
        if (state != null) return state;
        StoreTx tx = new StoreTx(scope, ScopeState.EMPTY, clock.instant());
        tx.put(new ScopeMarker(ScopeMarker.ID, clock.instant()));
        scopeSetup.accept(tx);
        List<Change> changes = tx.changes();
        journal.commit(changes);
        world = world.plus(scope, tx.state());
        tell(l -> l.committed(scope, changes));
        return tx.state();
    }

    /** The scopes that have been used, in key order. */
    public Set<Scope> scopes() {
        return new TreeSet<>(world.keySet());
    }

    /** Every row of every scope, for state export. */
    public List<Change> export() {
        PMap<Scope, ScopeState> snapshot = world;
        List<Change> rows = new ArrayList<>();
        for (Scope scope : new TreeSet<>(snapshot.keySet())) {
            for (Map.Entry<String, PSortedMap<String, Resource>> type : snapshot.get(scope).byType().entrySet()) {
                for (Resource r : type.getValue().values()) {
                    rows.add(Change.written(scope, type.getKey(), r));
                }
            }
        }
        return rows;
    }

    /**
     * Replaces everything with the given rows (state import, after {@link StateDocument#read} checked them). The
     * new state is built first, then persisted in one journal transaction, and published only once that committed:
     * a failure anywhere leaves the old state, in memory and on disk.
     */
    public void replaceAll(List<Change> rows) {
        synchronized (writeLock) {
            PMap<Scope, ScopeState> next = build(rows);
            journal.replace(rows);
            world = next;
            tell(StoreListener::replaced);
        }
    }

    /** Forgets every account and region; each is set up afresh on next use. */
    public void reset() {
        synchronized (writeLock) {
            journal.replace(List.of());
            world = HashTreePMap.empty();
            tell(StoreListener::replaced);
        }
    }

    /** The change is already persisted and published: a listener's failure must not make it look undone. */
    private void tell(Consumer<StoreListener> event) {
        for (StoreListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "a state listener failed; the change stands", e);
            }
        }
    }

    private void load(List<Change> rows) {
        world = build(rows);
    }

    private static PMap<Scope, ScopeState> build(List<Change> rows) {
        PMap<Scope, ScopeState> w = HashTreePMap.empty();
        for (Change row : rows) {
            if (row.isRemoval()) continue;
            Resource r = row.resource() != null ? row.resource() : ResourceCodec.fromJson(row.type(), row.json());
            ScopeState s = w.getOrDefault(row.scope(), ScopeState.EMPTY);
            w = w.plus(row.scope(), s.with(row.type(), r));
        }
        return w;
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            journal.close();
        }
    }
}
