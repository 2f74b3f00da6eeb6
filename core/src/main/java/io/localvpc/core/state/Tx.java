package io.localvpc.core.state;

/**
 * A write transaction on one scope. Changes are visible to this transaction at once, to everyone else
 * only after the whole transaction is persisted; an exception anywhere discards all of it.
 */
public interface Tx extends View {
    <R extends Resource> R put(R resource);

    /** Removes a resource (and the tags kept for its id). Removing what is not there is a no-op. */
    void remove(Class<? extends Resource> type, String id);

    /** A fresh AWS-style id with this prefix ({@code vpc} → {@code vpc-0a1b2c…}), unused in this scope. */
    String newId(String prefix);
}
