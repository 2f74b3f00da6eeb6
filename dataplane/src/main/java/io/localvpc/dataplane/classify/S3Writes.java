package io.localvpc.dataplane.classify;

import io.localvpc.dataplane.route.S3CopySource;
import java.util.ArrayList;
import java.util.List;

/**
 * Object uploads ({@code PutObject}, {@code CopyObject}, {@code UploadPart}, {@code UploadPartCopy},
 * {@code CreateMultipartUpload}): all {@code s3:PutObject} on the target, plus the checks their headers add —
 * reading the copy source, setting an ACL, tags, or an Object Lock.
 */
final class S3Writes {

    private S3Writes() {
    }

    /** {@code PUT /key}, or {@code PUT /key?partNumber=N&uploadId=U} when {@code part}. */
    static Classification put(Context c, S3Target t, S3CopySource copySource, boolean part) {
        ConditionKeys keys = S3ConditionKeys.common(c);
        List<RequiredPermission> more = new ArrayList<>();
        if (copySource != null) {
            S3Target source = new S3Target(c.region(), copySource.object().bucket(), copySource.object().key());
            keys.put("s3:x-amz-copy-source", source.bucket() + "/" + source.key());
            if (!part) {
                keys.put("s3:x-amz-metadata-directive", c.header("x-amz-metadata-directive"));
            }
            ConditionKeys sourceKeys = S3ConditionKeys.common(c);
            String action = "s3:GetObject";
            if (copySource.versionId() != null) {
                action = "s3:GetObjectVersion";
                sourceKeys.put("s3:versionid", copySource.versionId());
            }
            more.add(new RequiredPermission(action, List.of(source.objectArn()), sourceKeys.toMap()));
        }
        if (!part) {
            S3ConditionKeys.objectWrite(c, keys);
            S3ConditionKeys.acl(c, keys);
            boolean tags = c.header("x-amz-tagging") != null
                    && (copySource == null || "REPLACE".equalsIgnoreCase(c.header("x-amz-tagging-directive")));
            more.addAll(headerChecks(c, t, tags));
        }
        String operation = part ? (copySource != null ? "UploadPartCopy" : "UploadPart")
                : (copySource != null ? "CopyObject" : "PutObject");
        return c.classified(S3Classifier.SERVICE, operation, "s3:PutObject", List.of(t.objectArn()), keys, more);
    }

    /** {@code POST /key?uploads}. */
    static Classification createMultipartUpload(Context c, S3Target t) {
        ConditionKeys keys = S3ConditionKeys.acl(c, S3ConditionKeys.objectWrite(c, S3ConditionKeys.common(c)));
        return c.classified(S3Classifier.SERVICE, "CreateMultipartUpload", "s3:PutObject", List.of(t.objectArn()),
                keys, headerChecks(c, t, c.header("x-amz-tagging") != null));
    }

    /** The further actions an upload's headers need on the new object. */
    private static List<RequiredPermission> headerChecks(Context c, S3Target t, boolean tags) {
        List<RequiredPermission> more = new ArrayList<>();
        List<String> object = List.of(t.objectArn());
        if (S3ConditionKeys.hasAclHeaders(c)) {
            more.add(new RequiredPermission("s3:PutObjectAcl", object,
                    S3ConditionKeys.acl(c, S3ConditionKeys.common(c)).toMap()));
        }
        if (tags) {
            more.add(new RequiredPermission("s3:PutObjectTagging", object,
                    S3ConditionKeys.objectWrite(c, S3ConditionKeys.common(c)).toMap()));
        }
        if (c.header("x-amz-object-lock-mode") != null || c.header("x-amz-object-lock-retain-until-date") != null) {
            more.add(new RequiredPermission("s3:PutObjectRetention", object, S3ConditionKeys.common(c)
                    .put("s3:object-lock-mode", c.header("x-amz-object-lock-mode"))
                    .put("s3:object-lock-retain-until-date", c.header("x-amz-object-lock-retain-until-date"))
                    .toMap()));
        }
        if (c.header("x-amz-object-lock-legal-hold") != null) {
            more.add(new RequiredPermission("s3:PutObjectLegalHold", object, S3ConditionKeys.common(c)
                    .put("s3:object-lock-legal-hold", c.header("x-amz-object-lock-legal-hold")).toMap()));
        }
        return more;
    }
}
