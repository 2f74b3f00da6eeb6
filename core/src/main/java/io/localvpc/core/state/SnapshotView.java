package io.localvpc.core.state;

import java.time.Instant;

/** A read-only view over one immutable version of a scope. */
final class SnapshotView extends ScopeReader {
    private final ScopeState state;

    SnapshotView(Scope scope, ScopeState state, Instant now) {
        super(scope, now);
        this.state = state;
    }

    @Override
    ScopeState state() {
        return state;
    }
}
