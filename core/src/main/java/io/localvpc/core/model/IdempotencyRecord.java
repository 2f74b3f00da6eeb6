package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

/**
 * What a create returned for a ClientToken, so that a retry with the same token and parameters gets
 * the same answer instead of a second resource. Id: {@code idem:<Action>:<token>}.
 */
public record IdempotencyRecord(String id, String parametersDigest, String resultJson) implements Resource {
    public static String idFor(String action, String token) {
        return "idem:" + action + ":" + token;
    }
}
