package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;

/** An instance profile associated with an instance ({@code iip-assoc-…}): the role the instance's programs act as. */
public record IamInstanceProfileAssociation(String id, String instanceId, String profileArn, String profileId, Instant associatedAt) implements Resource {
    /** Associations take effect at once here; AWS shows {@code associating} for a moment first. */
    public static final String ASSOCIATED = "associated";
}
