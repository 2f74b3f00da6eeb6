package io.localvpc.dataplane.proxy;

import io.netty.channel.Channel;

/**
 * A destination served inside this process, such as the endpoint listener's TLS front. The proxy hands the
 * workload's connection over once the SOCKS5 or CONNECT reply is written, instead of opening a loopback
 * connection to a listener of its own process: that would take two more sockets per connection and copy every
 * byte twice more.
 */
@FunctionalInterface
public interface InProcessTarget {
    /**
     * Installs the handlers that serve {@code workload} from now on, right after {@code afterHandler} (the proxy
     * removes its own handlers afterwards; bytes they still hold reach the new ones). Called on the channel's
     * event loop; must not block.
     */
    void attach(Channel workload, String afterHandler);
}
