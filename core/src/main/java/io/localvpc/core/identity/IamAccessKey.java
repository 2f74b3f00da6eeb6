package io.localvpc.core.identity;

import io.localvpc.core.state.Resource;

import java.time.Instant;

/** A user's long-term access key, kept under the key's id ({@code AKIA…}). */
public record IamAccessKey(String id, String userId, String userName, String secretAccessKey, String status, Instant createdAt) implements Resource {
    public static final String ACTIVE = "Active";
    public static final String INACTIVE = "Inactive";

    public IamAccessKey withStatus(String newStatus) {
        return new IamAccessKey(id, userId, userName, secretAccessKey, newStatus, createdAt);
    }
}
