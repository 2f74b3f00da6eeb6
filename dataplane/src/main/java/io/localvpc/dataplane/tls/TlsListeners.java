package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.TcpBackend;
import io.localvpc.dataplane.proxy.InProcessTarget;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;

/**
 * The TLS listeners of Network Load Balancers: TLS from the workload ends here, with a certificate from localvpc's CA
 * for the name the client asked for (the load balancer's DNS name, an endpoint's names, or the address it connected
 * to), and the decrypted stream goes on to the target's program, in plain TCP for a TCP target group and in TLS again
 * for a TLS one. As on AWS, the load balancer does not check the target's certificate. Served on the workload's own
 * connection, as the endpoint front is: no port of its own.
 */
public final class TlsListeners {
    private final SniContexts contexts;
    private final SslContext toTargets;

    public TlsListeners(LocalCa ca) {
        this.contexts = new SniContexts(ca);
        try {
            this.toTargets = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS client context for load balancer targets", e);
        }
    }

    /**
     * Terminates TLS on the workload's connection and relays to {@code program}.
     *
     * @param asked       the host the workload connected to, whose certificate a client that sends no SNI gets
     * @param reencrypt   whether the target group speaks TLS
     */
    public InProcessTarget terminate(InetSocketAddress program, String asked, boolean reencrypt) {
        TcpBackend backend = TcpBackend.loopback(program.getHostString(), program.getPort());
        return (workload, afterHandler) -> {
            workload.pipeline().addAfter(afterHandler, "nlb-tls", contexts.newHandler(asked));
            workload.pipeline().addAfter("nlb-tls", "nlb-target", new TcpRelay(backend, reencrypt ? toTargets : null));
        };
    }
}
