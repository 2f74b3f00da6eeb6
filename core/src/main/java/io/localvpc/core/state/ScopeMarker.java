package io.localvpc.core.state;

/**
 * Written once when a scope is first set up (its default VPC created), so that a scope whose user has
 * since deleted every default resource is not set up again after a restart.
 */
public record ScopeMarker(String id, java.time.Instant createdAt) implements Resource {
    public static final String ID = "scope";
}
