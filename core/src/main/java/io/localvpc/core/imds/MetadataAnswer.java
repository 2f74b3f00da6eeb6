package io.localvpc.core.imds;

/** What one metadata path holds. */
public sealed interface MetadataAnswer {

    /** A value or a listing ({@code text/plain}), or a JSON document. */
    record Text(String body, boolean json) implements MetadataAnswer {
    }

    /** The temporary credentials of the instance profile's role: issued by the caller, which can write to the store. */
    record RoleCredentials(String account, String roleName, String instanceId, String vpcId, String privateIp) implements MetadataAnswer {
    }

    /** Nothing at that path. */
    record NotFound() implements MetadataAnswer {
    }
}
