package io.localvpc.core.iam;

/** The outcome of evaluating policies for one request, in AWS's three-valued logic. */
public enum Decision {
    /** At least one applicable Allow statement, and no applicable Deny. */
    ALLOW,
    /** An applicable Deny statement; nothing overrides it. */
    EXPLICIT_DENY,
    /** No statement applies: denied by default. */
    IMPLICIT_DENY
}
