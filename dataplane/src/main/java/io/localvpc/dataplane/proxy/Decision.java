package io.localvpc.dataplane.proxy;

import java.net.InetSocketAddress;
import java.util.Objects;

/** What the path engine decided for one {@link ConnectRequest}. */
public sealed interface Decision {

    /**
     * Connect the workload to {@code target}.
     *
     * @param target  where localvpc serves the destination (an endpoint listener, an embedded service, a test
     *                server); it must be a resolved loopback address or the proxy refuses the connection, because
     *                localvpc never sends traffic off the machine
     * @param summary the trace in one line, for the log ("rtb-… local → sg-… allow 443 → vpce-…")
     * @param context what the policy wants to know about the connection later (e.g. the zone it goes
     *                through, so a zone fault can cut it); carried on {@link ProxiedConnection#context()}
     */
    record Deliver(InetSocketAddress target, String summary, Object context) implements Decision {
        public Deliver {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(summary, "summary");
        }

        public Deliver(InetSocketAddress target, String summary) {
            this(target, summary, null);
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
