package io.localvpc.core.iam;

/**
 * Where a policy document is attached. The kind decides which elements a statement must or must not have
 * (AWS: identity policies never name a Principal; resource-based and VPC endpoint policies must), the size
 * limit, and the error code AWS answers a bad document with.
 */
public enum PolicyKind {
    /** Attached to a user, group or role (managed policy limit: 6,144 characters not counting white space). */
    IDENTITY("MalformedPolicyDocument", 6_144, true),
    /** Attached to a resource, e.g. an S3 bucket policy (limit 20 KB, counted here in UTF-8 bytes). */
    RESOURCE("MalformedPolicyDocument", 20_480, false),
    /** A VPC endpoint policy (limit 20,480 characters); EC2 answers a bad one with InvalidPolicyDocument. */
    ENDPOINT("InvalidPolicyDocument", 20_480, false);

    private final String errorCode;
    private final int maxSize;
    private final boolean sizeIgnoresWhitespace;

    PolicyKind(String errorCode, int maxSize, boolean sizeIgnoresWhitespace) {
        this.errorCode = errorCode;
        this.maxSize = maxSize;
        this.sizeIgnoresWhitespace = sizeIgnoresWhitespace;
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
