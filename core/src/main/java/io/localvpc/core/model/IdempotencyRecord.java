package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Duration;
import java.time.Instant;

/**
 * What a create returned for a ClientToken, so that a retry with the same token and parameters gets
 * the same answer instead of a second resource. Id: {@code idem:<Action>:<token>}. {@code createdAt} is
 * when the request that first used the token ran; records written before it was kept have none.
 */
public record IdempotencyRecord(String id, String parametersDigest, String resultJson, Instant createdAt) implements Resource {
    /** How long EC2 honours a client token: its documentation promises at least 24 hours after the request. */
    public static final Duration VALIDITY = Duration.ofHours(24);

    public static String idFor(String action, String token) {
        return "idem:" + action + ":" + token;
    }

    /** Whether the token is forgotten at {@code now}; a record of unknown age counts as forgotten. */
    public boolean expiredAt(Instant now) {
        return createdAt == null || !now.isBefore(createdAt.plus(VALIDITY));
    }
}
