package io.localvpc.core.identity;

import io.localvpc.core.state.Resource;

import java.time.Instant;

/** A customer managed policy, kept under its unique id ({@code ANPA…}); one version, {@code v1}. */
public record IamPolicy(String id, String account, String name, String path, String document, String description,
                        Instant createdAt) implements Resource {
    public static final String VERSION = "v1";

    public String arn() {
        return IamArns.of(account, "policy", path, name);
    }
}
