package io.localvpc.dataplane.proxy;

/**
 * Decides every connection the workload proxy is asked for; the path engine implements it.
 *
 * <p>Called on a Netty event loop for each new connection, so it must answer from memory without blocking.
 * An exception counts as a {@link Refusal#GENERAL_FAILURE} refusal.
 */
@FunctionalInterface
public interface ConnectionPolicy {
    ConnectionDecision decide(ConnectRequest request);
}
