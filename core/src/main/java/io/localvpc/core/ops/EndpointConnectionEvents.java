package io.localvpc.core.ops;

/** Where committed endpoint connection events go: the server records them and delivers them to an SNS upstream. */
@FunctionalInterface
public interface EndpointConnectionEvents {
    EndpointConnectionEvents NONE = e -> {
    };

    void happened(EndpointConnectionEvent event);
}
