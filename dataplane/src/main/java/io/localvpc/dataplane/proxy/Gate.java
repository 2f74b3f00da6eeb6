package io.localvpc.dataplane.proxy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place every connection request passes: identity check, the policy, the loopback-only rule. Refusals
 * are logged here in one line and reported to the listener, so the protocol handlers only translate the
 * decision into their wire format.
 */
final class Gate {
    private static final System.Logger LOG = System.getLogger("localvpc.proxy");

    private final ConnectionPolicy policy;
    private final ConnectionListener listener;
    private final AtomicLong ids = new AtomicLong();

    Gate(ConnectionPolicy policy, ConnectionListener listener) {
        this.policy = policy;
        this.listener = listener;
    }

    private final OpenConnections open = new OpenConnections();

    OpenConnections open() {
        return open;
    }

    ConnectionListener listener() {
        return listener;
    }

    /** Decides one request; a {@link ConnectionDecision.Deliver} returned from here always has a loopback target. */
    ConnectionDecision decide(String identity, String host, int port, ProxyProtocol protocol, SocketAddress workload) {
        ConnectRequest request = new ConnectRequest(identity, host, port, protocol);
        String identityProblem = WorkloadIdentity.problem(identity);
        if (identityProblem != null) return refuse(request, new ConnectionDecision.Refuse(identityProblem), workload);
        ConnectionDecision decision;
        try {
            decision = policy.decide(request);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "connection policy failed for " + describe(request, workload), e);
            decision = new ConnectionDecision.Refuse(Refusal.GENERAL_FAILURE, "localvpc failed to decide this connection: " + e);
        }
        if (decision == null) {
            decision = new ConnectionDecision.Refuse(Refusal.GENERAL_FAILURE, "localvpc failed to decide this connection: no decision");
        }
        if (decision instanceof ConnectionDecision.Refuse refuse) return refuse(request, refuse, workload);
        ConnectionDecision.Deliver deliver = (ConnectionDecision.Deliver) decision;
        String offMachine = offMachine(deliver.target());
        // the policy's account of the flow goes with the refusal, so a flow record shows the open path and why it was cut
        if (offMachine != null) return refuse(request, new ConnectionDecision.Refuse(Refusal.NOT_ALLOWED, offMachine, deliver.context()), workload);
        return deliver;
    }

    /** Starts the record of a delivered connection. */
    ProxiedConnection open(ConnectRequest request, ConnectionDecision.Deliver deliver, SocketAddress workload) {
        return new ProxiedConnection(ids.incrementAndGet(), request, workload, deliver.target(), deliver.summary(),
                java.time.Instant.now(), deliver.context());
    }

    private ConnectionDecision.Refuse refuse(ConnectRequest request, ConnectionDecision.Refuse refuse, SocketAddress workload) {
        LOG.log(System.Logger.Level.INFO, "refused " + describe(request, workload) + ": " + refuse.kind() + ": "
                + refuse.reason());
        try {
            listener.refused(request, refuse);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connection listener failed on a refusal", e);
        }
        return refuse;
    }

    /** Why {@code target} may not be used, or null: localvpc never sends a workload's traffic off the machine. */
    private static String offMachine(SocketAddress address) {
        if (address instanceof io.netty.channel.local.LocalAddress) return null; // inside this process
        if (!(address instanceof InetSocketAddress target)) {
            return "localvpc delivers only to loopback addresses, and the path engine gave " + address;
        }
        if (target.isUnresolved()) {
            return "localvpc delivers only to loopback addresses, and the path engine gave the unresolved name "
                    + target.getHostString();
        }
        if (!target.getAddress().isLoopbackAddress()) {
            return "localvpc never sends traffic off this machine, and the path engine delivered to "
                    + target.getAddress().getHostAddress() + ":" + target.getPort() + ", which is not a loopback address";
        }
        return null;
    }

    static String describe(ConnectRequest request, SocketAddress workload) {
        return request.protocol().label() + " " + (request.identity() == null ? "(no identity)" : request.identity())
                + " -> " + request.destination() + " from " + workload;
    }
}
