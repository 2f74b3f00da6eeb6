package io.localvpc.dataplane.vpc;

import io.localvpc.core.path.Flow;
import io.localvpc.core.path.Target;
import io.localvpc.core.state.Scope;
import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.tls.EndpointFront;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where on this machine a delivered flow's bytes go: the front that plays the AWS service behind an endpoint
 * (or the public path), or straight to a backend that speaks its own protocol. Empty when nothing plays that
 * service here.
 */
public interface ServiceRouter {
    Optional<Destination> route(Scope scope, Flow flow, Target.AwsService target);

    /** How a service is reached. */
    sealed interface Destination {
    }

    /**
     * The endpoint front (TLS or clear-text HTTP, request classification and policies), served in process: on the
     * workload's own connection, or on an in-process connection for absolute-form HTTP requests.
     */
    record Front(EndpointFront front, ServiceBackend backend) implements Destination {
        public Front {
            Objects.requireNonNull(front, "front");
            Objects.requireNonNull(backend, "backend");
        }
    }

    /** Nothing of the service listens on the flow's port (an HTTP service answers on 443 and 80 only). */
    record NotListening(String reason) implements Destination {
        public NotListening {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A service that speaks its own protocol: the workload's bytes go to {@code backend} unchanged. */
    record PassThrough(InetSocketAddress backend) implements Destination {
        public PassThrough {
            Objects.requireNonNull(backend, "backend");
        }
    }
}
