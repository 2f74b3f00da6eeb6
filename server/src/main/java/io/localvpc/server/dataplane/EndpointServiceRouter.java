package io.localvpc.server.dataplane;

import io.localvpc.core.path.Flow;
import io.localvpc.core.path.Target;
import io.localvpc.core.state.Scope;
import io.localvpc.dataplane.backend.BackendRouter;
import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.tls.EndpointFront;
import io.localvpc.dataplane.vpc.ServiceRouter;

import java.util.Optional;

/**
 * Delivered flows to AWS services go to the endpoint front in process (TLS terminated with localvpc's CA, or
 * clear-text HTTP, then the backend chosen by host name) when an HTTP backend plays the service the client named, and
 * straight to the backend when it speaks its own protocol ({@code --upstream name=tcp://…}).
 */
final class EndpointServiceRouter implements ServiceRouter {
    private final BackendRouter backends;
    private final EndpointFront front;

    EndpointServiceRouter(BackendRouter backends, EndpointFront front) {
        this.backends = backends;
        this.front = front;
    }

    @Override
    public Optional<Destination> route(Scope scope, Flow flow, Target.AwsService target) {
        return backends.route(target.host()).map(backend -> {
            if (backend.protocol() == ServiceBackend.Protocol.TCP) return new PassThrough(backend.address());
            if (flow.port() == 443 || flow.port() == 80) return new Front(front, backend);
            return new NotListening(target.host() + " answers on ports 443 (HTTPS) and 80 (HTTP) only; nothing listens on port "
                    + flow.port());
        });
    }
}
