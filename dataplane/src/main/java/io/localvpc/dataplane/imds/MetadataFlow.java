package io.localvpc.dataplane.imds;

import io.localvpc.core.state.Scope;
import io.netty.util.AttributeKey;

import java.util.Objects;

/**
 * Whose metadata service a connection reached, as the path engine decided it: the instance, and the account and
 * region it lives in. It travels with the connection (an attribute, or the first message of an in-process
 * connection), never as bytes a workload could write.
 */
public record MetadataFlow(String instanceId, Scope scope) {
    static final AttributeKey<MetadataFlow> KEY = AttributeKey.valueOf("localvpc.metadata-flow");

    public MetadataFlow {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(scope, "scope");
    }
}
