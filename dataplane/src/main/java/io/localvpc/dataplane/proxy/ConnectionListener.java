package io.localvpc.dataplane.proxy;

/**
 * Told about every connection the proxy handles, so meters and flow logs can hook in. All methods are called on
 * a Netty event loop and must not block; an exception thrown by a listener is logged and otherwise ignored.
 */
public interface ConnectionListener {

    ConnectionListener NONE = new ConnectionListener() {
    };

    /** The target accepted the TCP connection; bytes may flow now. */
    default void opened(ProxiedConnection connection) {
    }

    /** Bytes moved: {@code fromWorkload} were written towards the target, {@code toWorkload} read from it. */
    default void bytes(ProxiedConnection connection, long fromWorkload, long toWorkload) {
    }

    /** The connection to the target is closed; the totals are for its whole life. */
    default void closed(ProxiedConnection connection, long totalFromWorkload, long totalToWorkload) {
    }

    /** The path was open but connecting to the target failed (nothing listening, timeout). */
    default void failed(ProxiedConnection connection, Throwable cause) {
    }

    /** The connection was refused before any connect: by the policy, or for a missing or malformed identity. */
    default void refused(ConnectRequest request, ConnectionDecision.Refuse refusal) {
    }
}
