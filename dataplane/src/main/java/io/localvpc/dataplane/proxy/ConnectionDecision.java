package io.localvpc.dataplane.proxy;

import io.netty.channel.local.LocalAddress;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

/** What the path engine decided for one {@link ConnectRequest}. */
public sealed interface ConnectionDecision {

    /**
     * Connect the workload to {@code target}.
     *
     * @param target    where localvpc serves the destination: a loopback socket address (a {@code tcp://} upstream,
     *                  a test server), or, for a service served in this process, the {@link LocalAddress} of its
     *                  in-process listener (no socket: nothing outside this process can connect to it). A socket
     *                  address that is not loopback is refused by the proxy, because localvpc never sends traffic off
     *                  the machine
     * @param summary   the trace in one line, for the log ("rtb-… local → sg-… allow 443 → vpce-…")
     * @param context   what the policy wants to know about the connection later (e.g. the zone it goes
     *                  through, so a zone fault can cut it); carried on {@link ProxiedConnection#context()}
     * @param inProcess when not null, the target is served inside this process: SOCKS5 and HTTP CONNECT
     *                  connections are handed to it on the workload's own socket (one socket per connection, no
     *                  extra copy); absolute-form HTTP requests reach it at {@code target}, a {@link LocalAddress},
     *                  announced by its {@link InProcessTarget#greeting()}
     */
    record Deliver(SocketAddress target, String summary, Object context, InProcessTarget inProcess) implements ConnectionDecision {
        public Deliver {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(summary, "summary");
        }

        public Deliver(InetSocketAddress target, String summary, Object context) {
            this(target, summary, context, null);
        }

        public Deliver(InetSocketAddress target, String summary) {
            this(target, summary, null, null);
        }

        /** The same delivery, served in this process where the workload's protocol allows it. */
        public Deliver servedInProcess(InProcessTarget inProcess) {
            return new Deliver(target, summary, context, inProcess);
        }
    }

    /**
     * Refuse the connection.
     *
     * @param kind    which refusal the workload sees (SOCKS5 reply code, HTTP status)
     * @param reason  the trace summary a person can act on ("no route to 52.216.8.1 in rtb-0abc…")
     * @param context what the policy knows about the refused connection (its source, the deciding hop), for
     *                {@link ConnectionListener#refused}; may be null
     */
    record Refuse(Refusal kind, String reason, Object context) implements ConnectionDecision {
        public Refuse {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        public Refuse(Refusal kind, String reason) {
            this(kind, reason, null);
        }

        /** A refusal by a rule ({@link Refusal#NOT_ALLOWED}). */
        public Refuse(String reason) {
            this(Refusal.NOT_ALLOWED, reason, null);
        }
    }
}
