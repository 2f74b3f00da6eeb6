package io.localvpc.core.identity;

import io.localvpc.core.state.Resource;

import java.time.Instant;

/** An instance profile ({@code AIPA…}): the container that hands a role to instances; it holds at most one role. */
public record IamInstanceProfile(String id, String account, String name, String path, String roleName, Instant createdAt) implements Resource {
    public String arn() {
        return IamArns.of(account, "instance-profile", path, name);
    }

    public IamInstanceProfile withRole(String role) {
        return new IamInstanceProfile(id, account, name, path, role, createdAt);
    }
}
