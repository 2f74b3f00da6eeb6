package io.localvpc.dataplane.tls;

/**
 * Where the body of the request being read goes, one state per request: on to the backend (or the service in
 * process), nowhere (the request was answered here), gathered for an answer made here, or held for its guard.
 */
sealed interface BodyDestination {

    /** On to the backend; also the state between requests. */
    BodyDestination FORWARD = new Forward();
    /** Read and dropped: the request was answered here and the connection carries on. */
    BodyDestination DISCARD = new Discard();

    record Forward() implements BodyDestination {
    }

    record Discard() implements BodyDestination {
    }

    /** Gathered whole for the front's own answer ({@link RequestVerdict.Serve}). */
    record Gathered(ServedBody body) implements BodyDestination {
    }

    /** Its first parts held until the guard has seen enough ({@link RequestVerdict.Inspect}). */
    record Held(InspectedBody body) implements BodyDestination {
    }

    /** Whether the front still holds this request's body (so the connection cannot close yet). */
    default boolean keptHere() {
        return this instanceof Gathered || this instanceof Held;
    }

    /** Releases a body gathered or held here (the request ended some other way). */
    default void release() {
        if (this instanceof Gathered g) g.body().release();
        if (this instanceof Held h) h.body().release();
    }
}
