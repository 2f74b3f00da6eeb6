package io.localvpc.dataplane.proxy;

import java.net.SocketAddress;
import java.time.Instant;

/**
 * One delivered connection, as reported to a {@link ConnectionListener}.
 *
 * @param id       proxy-local sequence number, for correlating log lines and listener events
 * @param request  what the workload asked for
 * @param workload the program's socket address (on loopback)
 * @param target   where the bytes go (a loopback socket address, or an in-process local address)
 * @param summary  the path engine's one-line trace of the accepted path
 * @param started  when the proxy started connecting to the target
 */
public record ProxiedConnection(long id, ConnectRequest request, SocketAddress workload, SocketAddress target,
                                String summary, Instant started, Object context) {
}
