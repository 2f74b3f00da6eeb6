package io.localvpc.dataplane.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The S3 condition keys a request head carries (Service Authorization Reference, "Condition keys for Amazon S3").
 * Keys that need stored state ({@code s3:ExistingObjectTag/<key>}, {@code s3:ResourceAccount}) or the connection
 * ({@code s3:TlsVersion}, {@code s3:signatureAge}) are the caller's to add.
 */
final class S3ConditionKeys {

    private static final List<String> GRANTS =
            List.of("read", "write", "read-acp", "write-acp", "full-control");

    private S3ConditionKeys() {
    }

    /** Keys every S3 request has: how it is signed. */
    static ConditionKeys common(Context c) {
        return new ConditionKeys()
                .put("s3:authType", c.signature().authType())
                .put("s3:signatureversion", c.signature().signatureVersion())
                .put("s3:x-amz-content-sha256", c.header("x-amz-content-sha256"));
    }

    /** {@code s3:prefix}, {@code s3:delimiter}, {@code s3:max-keys}: present when the request has the parameter. */
    static ConditionKeys listing(Context c, ConditionKeys keys) {
        return keys.put("s3:prefix", Signature.first(c.query(), "prefix"))
                .put("s3:delimiter", Signature.first(c.query(), "delimiter"))
                .put("s3:max-keys", Signature.first(c.query(), "max-keys"));
    }

    /** A canned ACL and explicit grants: {@code s3:x-amz-acl}, {@code s3:x-amz-grant-read}, … */
    static ConditionKeys acl(Context c, ConditionKeys keys) {
        keys.put("s3:x-amz-acl", c.header("x-amz-acl"));
        for (String grant : GRANTS) {
            keys.put("s3:x-amz-grant-" + grant, c.header("x-amz-grant-" + grant));
        }
        return keys;
    }

    static boolean hasAclHeaders(Context c) {
        return c.header("x-amz-acl") != null
                || GRANTS.stream().anyMatch(g -> c.header("x-amz-grant-" + g) != null);
    }

    /** What an object upload declares about the new object: encryption, storage class, lock, tags. */
    static ConditionKeys objectWrite(Context c, ConditionKeys keys) {
        keys.put("s3:x-amz-server-side-encryption", c.header("x-amz-server-side-encryption"))
                .put("s3:x-amz-server-side-encryption-aws-kms-key-id",
                        c.header("x-amz-server-side-encryption-aws-kms-key-id"))
                .put("s3:x-amz-server-side-encryption-customer-algorithm",
                        c.header("x-amz-server-side-encryption-customer-algorithm"))
                .put("s3:x-amz-storage-class", c.header("x-amz-storage-class"))
                .put("s3:x-amz-website-redirect-location", c.header("x-amz-website-redirect-location"))
                .put("s3:object-lock-mode", c.header("x-amz-object-lock-mode"))
                .put("s3:object-lock-retain-until-date", c.header("x-amz-object-lock-retain-until-date"))
                .put("s3:object-lock-legal-hold", c.header("x-amz-object-lock-legal-hold"));
        String tagging = c.header("x-amz-tagging");
        if (tagging != null) {
            // x-amz-tagging is a query string: k1=v1&k2=v2
            Map<String, List<String>> tags = FormParameters.decode(tagging);
            keys.put("s3:RequestObjectTagKeys", new ArrayList<>(tags.keySet()));
            tags.forEach((k, v) -> keys.put("s3:RequestObjectTag/" + k, v));
        }
        return keys;
    }
}
