package io.localvpc.core.path;

/** The outcome of a path decision: where the flow is delivered, or why it is refused, with the trace. */
public sealed interface Verdict {
    Trace trace();

    /** The one-line reason a person reads first: the refusing hop's sentence, or where the flow went. */
    default String summary() {
        return trace().decisive().describe();
    }

    /** {@code source} is the interface the flow leaves from (an instance's primary interface, say). */
    record Delivered(Target target, Trace trace, Source source) implements Verdict {
    }

    /** The sending side of a delivered flow, as services behind endpoints see it (aws:SourceVpc, aws:VpcSourceIp). */
    record Source(String networkInterfaceId, String privateIp, String vpcId) {
    }

    /**
     * Refused. {@code reason} says how a socket-level client should be told: no route (network
     * unreachable), a filter (not allowed), nothing answering (host unreachable), or a host that the network
     * reached but that has nothing listening on the port (connection refused, a TCP reset on AWS).
     */
    record Refused(Reason reason, Trace trace) implements Verdict {
    }

    enum Reason { NOT_ALLOWED, NETWORK_UNREACHABLE, HOST_UNREACHABLE, UNKNOWN_SOURCE, CONNECTION_REFUSED }
}
