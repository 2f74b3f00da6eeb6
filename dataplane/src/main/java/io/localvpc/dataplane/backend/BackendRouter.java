package io.localvpc.dataplane.backend;

import java.util.Optional;

/** Chooses the service backend for a host name (the TLS SNI name, or the HTTP {@code Host} without port). */
@FunctionalInterface
public interface BackendRouter {

    /** The backend serving {@code host} (lower case, no port), or empty when no service answers there. */
    Optional<ServiceBackend> route(String host);
}
