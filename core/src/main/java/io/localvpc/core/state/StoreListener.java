package io.localvpc.core.state;

import java.util.List;

/**
 * Told of each change once it is persisted and published, so that what the data plane runs (per-VPC resolvers)
 * can follow the state. Called on the writing thread while the store still holds its writer lock, in commit
 * order: a listener must be quick, must not write to the store and must not wait for anything that may wait for
 * the store's writer. A listener's failure is logged and does not undo the change.
 */
public interface StoreListener {
    /** One transaction on {@code scope} committed these rows. */
    void committed(Scope scope, List<Change> changes);

    /** Every scope was replaced (state import) or forgotten (reset). */
    void replaced();
}
