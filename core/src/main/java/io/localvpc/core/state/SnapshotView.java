package io.localvpc.core.state;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** A read-only view over one immutable version of a scope. */
final class SnapshotView implements View {
    private final Scope scope;
    private final ScopeState state;
    private final Instant now;

    SnapshotView(Scope scope, ScopeState state, Instant now) {
        this.scope = scope;
        this.state = state;
        this.now = now;
    }

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public Object version() {
        return state;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public <R extends Resource> Optional<R> find(Class<R> type, String id) {
        return state.find(type, id);
    }

    @Override
    public <R extends Resource> Collection<R> all(Class<R> type) {
        return state.all(type);
    }

    @Override
    public Optional<Resource> findAny(String id) {
        return state.findAny(id);
    }
}
