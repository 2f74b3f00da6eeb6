package io.localvpc.dataplane.proxy;

import io.netty.channel.Channel;

/**
 * A destination served inside this process, such as the endpoint front. The proxy hands the workload's connection
 * over once the SOCKS5 or CONNECT reply is written, instead of opening a connection to a listener of its own
 * process: that would take two more sockets per connection, copy every byte twice more, and need a port that
 * other local programs could reach without a path decision.
 */
@FunctionalInterface
public interface InProcessTarget {
    /**
     * Installs the handlers that serve {@code workload} from now on, right after {@code afterHandler} (the proxy
     * removes its own handlers afterwards; bytes they still hold reach the new ones). Called on the channel's
     * event loop; must not block.
     */
    void attach(Channel workload, String afterHandler);

    /**
     * The first message the proxy writes on an in-process (Netty local) connection to the target, before any
     * byte of the workload's: it tells the target what the path engine decided about the flow. It is an object,
     * not bytes, so nothing a workload sends can stand in for it. Null sends nothing.
     */
    default Object greeting() {
        return null;
    }
}
