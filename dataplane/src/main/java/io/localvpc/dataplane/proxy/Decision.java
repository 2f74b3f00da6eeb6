package io.localvpc.dataplane.proxy;

import java.net.InetSocketAddress;
import java.util.Objects;

/** What the path engine decided for one {@link ConnectRequest}. */
public sealed interface Decision {

    /**
     * Connect the workload to {@code target}.
     *
     * @param target    where localvpc serves the destination (an endpoint listener, an embedded service, a test
     *                  server); it must be a resolved loopback address or the proxy refuses the connection, because
     *                  localvpc never sends traffic off the machine
     * @param summary   the trace in one line, for the log ("rtb-… local → sg-… allow 443 → vpce-…")
     * @param context   what the policy wants to know about the connection later (e.g. the zone it goes
     *                  through, so a zone fault can cut it); carried on {@link ProxiedConnection#context()}
     * @param preamble  bytes the target must receive before the workload's first byte (e.g. a PROXY protocol
     *                  header naming the flow's origin), or null
     * @param inProcess when not null, the target is served inside this process: SOCKS5 and HTTP CONNECT
     *                  connections are handed to it on the workload's own socket instead of a second connection
     *                  to {@code target} (one socket per connection instead of three, and no extra copy);
     *                  absolute-form HTTP requests still connect to {@code target}
     */
    record Deliver(InetSocketAddress target, String summary, Object context, TargetPreamble preamble,
                   InProcessTarget inProcess) implements Decision {
        public Deliver {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(summary, "summary");
        }

        public Deliver(InetSocketAddress target, String summary, Object context) {
            this(target, summary, context, null, null);
        }

        public Deliver(InetSocketAddress target, String summary) {
            this(target, summary, null, null, null);
        }

        /** The same delivery, announced to the target by {@code preamble} when it is reached over a socket. */
        public Deliver withPreamble(TargetPreamble preamble) {
            return new Deliver(target, summary, context, preamble, inProcess);
        }

        /** The same delivery, served in this process where the workload's protocol allows it. */
        public Deliver servedInProcess(InProcessTarget inProcess) {
            return new Deliver(target, summary, context, preamble, inProcess);
        }
    }

    /**
     * Refuse the connection.
     *
     * @param kind   which refusal the workload sees (SOCKS5 reply code, HTTP status)
     * @param reason the trace summary a person can act on ("no route to 52.216.8.1 in rtb-0abc…")
     */
    record Refuse(Refusal kind, String reason) implements Decision {
        public Refuse {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        /** A refusal by a rule ({@link Refusal#NOT_ALLOWED}). */
        public Refuse(String reason) {
            this(Refusal.NOT_ALLOWED, reason);
        }
    }
}
