package io.localvpc.core.state;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** The read side shared by a snapshot view and a write transaction: both read one version of a scope. */
abstract class ScopeReader implements View {
    private final Scope scope;
    private final Instant now;

    ScopeReader(Scope scope, Instant now) {
        this.scope = scope;
        this.now = now;
    }

    /** The version being read (for a transaction: its own, changes included). */
    abstract ScopeState state();

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public Object version() {
        return state();
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public <R extends Resource> Optional<R> find(Class<R> type, String id) {
        return state().find(type, id);
    }

    @Override
    public <R extends Resource> Collection<R> all(Class<R> type) {
        return state().all(type);
    }

    @Override
    public Optional<Resource> findAny(String id) {
        return state().findAny(id);
    }
}
