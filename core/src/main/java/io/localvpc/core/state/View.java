package io.localvpc.core.state;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** A consistent read-only picture of one scope. Cheap to take; never blocks a writer or is blocked by one. */
public interface View {
    Scope scope();

    /** The time this view was taken; lifecycle states that depend on time (pending → available) use it. */
    Instant now();

    /**
     * An identity for the version of the scope this view shows: two views with the same version object
     * show exactly the same resources, so derived structures (the path engine's compiled tables) can be
     * cached by it.
     */
    Object version();

    <R extends Resource> Optional<R> find(Class<R> type, String id);

    /** Every resource of a type, in id order (stable, so pagination tokens stay valid). */
    <R extends Resource> Collection<R> all(Class<R> type);

    /** Finds a resource of any type by id, e.g. to check the target of CreateTags. */
    Optional<Resource> findAny(String id);

    default <R extends Resource> R get(Class<R> type, String id, java.util.function.Supplier<? extends RuntimeException> notFound) {
        return find(type, id).orElseThrow(notFound);
    }
}
