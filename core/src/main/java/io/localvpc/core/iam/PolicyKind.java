package io.localvpc.core.iam;

/**
 * Where a policy document is attached. The kind decides which elements a statement must or must not have
 * (AWS: identity policies never name a Principal; resource-based and VPC endpoint policies must), the size
 * limit, and the error code AWS answers a bad document with.
 */
public enum PolicyKind {
    /** A managed policy for users, groups and roles (limit: 6,144 characters not counting white space). */
    IDENTITY("MalformedPolicyDocument", 6_144, true),
    /**
     * A policy embedded in a user or role (inline). Its own limit is the larger of the per-principal totals
     * (10,240 non-white-space characters for a role, 2,048 for a user), which the caller checks across them.
     */
    INLINE("MalformedPolicyDocument", 10_240, true),
    /** A role's trust policy: names principals, has no Resource (limit: 2,048 characters not counting white space, IAM's default quota). */
    TRUST("MalformedPolicyDocument", 2_048, true),
    /** Attached to a resource, e.g. an S3 bucket policy (limit 20 KB, counted here in UTF-8 bytes). */
    RESOURCE("MalformedPolicyDocument", 20_480, false),
    /** A VPC endpoint policy (limit 20,480 characters); EC2 answers a bad one with InvalidPolicyDocument. */
    ENDPOINT("InvalidPolicyDocument", 20_480, false),
    /** A session policy AssumeRole was given: limits the role's identity-based permissions for the session. */
    SESSION("MalformedPolicyDocument", 2_048, true);

    private final String errorCode;
    private final int maxSize;
    private final boolean sizeIgnoresWhitespace;

    PolicyKind(String errorCode, int maxSize, boolean sizeIgnoresWhitespace) {
        this.errorCode = errorCode;
        this.maxSize = maxSize;
        this.sizeIgnoresWhitespace = sizeIgnoresWhitespace;
    }

    /** Attached to an identity: names no principal, and every statement names resources. */
    public boolean isIdentityBased() {
        return this == IDENTITY || this == INLINE || this == SESSION;
    }

    /** Checked by IAM, which answers a document over its size with LimitExceeded rather than a malformed-document code. */
    boolean isIam() {
        return this == IDENTITY || this == INLINE || this == TRUST;
    }

    /** The AWS error code for a document this kind of attachment refuses. */
    public String errorCode() {
        return errorCode;
    }

    public int maxSize() {
        return maxSize;
    }

    /** The size AWS counts for this kind: non-white-space characters (identity), UTF-8 bytes (bucket), characters (endpoint). */
    int sizeOf(String json) {
        if (sizeIgnoresWhitespace) {
            int n = 0;
            for (int i = 0; i < json.length(); i++) {
                if (!Character.isWhitespace(json.charAt(i))) n++;
            }
            return n;
        }
        if (this == RESOURCE) return json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return json.length();
    }
}
