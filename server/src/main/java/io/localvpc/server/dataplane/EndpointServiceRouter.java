package io.localvpc.server.dataplane;

import io.localvpc.core.path.Flow;
import io.localvpc.core.path.Target;
import io.localvpc.core.state.Scope;
import io.localvpc.dataplane.backend.BackendRouter;
import io.localvpc.dataplane.vpc.ServiceRouter;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Delivered flows to AWS services go to the endpoint listener (TLS terminated with localvpc's CA, then
 * the backend chosen by host name), when some backend plays the service the client named.
 */
final class EndpointServiceRouter implements ServiceRouter {
    private final BackendRouter backends;
    private final InetSocketAddress listener;

    EndpointServiceRouter(BackendRouter backends, InetSocketAddress listener) {
        this.backends = backends;
        this.listener = listener;
    }

    @Override
    public Optional<InetSocketAddress> route(Scope scope, Flow flow, Target.AwsService target) {
        return backends.route(target.host()).isPresent() ? Optional.of(listener) : Optional.empty();
    }
}
