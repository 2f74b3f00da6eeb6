package io.localvpc.core.path;

/** The outcome of a path decision: where the flow is delivered, or why it is refused, with the trace. */
public sealed interface Verdict {
    Trace trace();

    /** The one-line reason a person reads first: the refusing hop's sentence, or where the flow went. */
    default String summary() {
        return trace().decisive().describe();
    }

    record Delivered(Target target, Trace trace) implements Verdict {
    }

    /**
     * Refused. {@code reason} says how a socket-level client should be told: no route (network
     * unreachable), a filter (not allowed), or nothing answering (host unreachable).
     */
    record Refused(Reason reason, Trace trace) implements Verdict {
    }

    enum Reason { NOT_ALLOWED, NETWORK_UNREACHABLE, HOST_UNREACHABLE, UNKNOWN_SOURCE }
}
