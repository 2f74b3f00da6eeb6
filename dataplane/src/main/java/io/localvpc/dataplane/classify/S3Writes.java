package io.localvpc.dataplane.classify;

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
    static Classification put(Context c, S3Target t, boolean part) {
        String copySource = c.header("x-amz-copy-source");
        ConditionKeys keys = S3ConditionKeys.common(c);
        List<RequiredPermission> more = new ArrayList<>();
        if (copySource != null) {
            CopySource source;
            try {
                source = CopySource.parse(copySource, c.region());
            } catch (IllegalArgumentException e) {
                return new Unclassifiable(S3Classifier.SERVICE, e.getMessage());
            }
            keys.put("s3:x-amz-copy-source", source.bucket() + "/" + source.key());
            if (!part) {
                keys.put("s3:x-amz-metadata-directive", c.header("x-amz-metadata-directive"));
            }
            ConditionKeys sourceKeys = S3ConditionKeys.common(c);
            String action = "s3:GetObject";
            if (source.versionId() != null) {
                action = "s3:GetObjectVersion";
                sourceKeys.put("s3:versionid", source.versionId());
            }
            more.add(new RequiredPermission(action, List.of(source.target().objectArn()), sourceKeys.toMap()));
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

    /** {@code x-amz-copy-source}: {@code [/]bucket/key[?versionId=v]}, the path percent-encoded. */
    record CopySource(S3Target target, String versionId) {

        String bucket() {
            return target.bucket();
        }

        String key() {
            return target.key();
        }

        static CopySource parse(String header, String region) {
            String value = header.startsWith("/") ? header.substring(1) : header;
            if (value.startsWith("arn:")) {
                throw new IllegalArgumentException("a copy source given as an access point ARN ('" + header
                        + "') is not classified");
            }
            int q = value.indexOf('?');
            String path = q < 0 ? value : value.substring(0, q);
            String versionId = null;
            if (q >= 0) {
                List<String> v = FormParameters.decode(value.substring(q + 1)).get("versionId");
                versionId = v == null || v.isEmpty() ? null : v.get(0);
            }
            String decoded;
            try {
                decoded = PercentDecoding.decodePath(path);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("x-amz-copy-source '" + header + "' is not valid "
                        + "percent-encoding: " + e.getMessage());
            }
            int slash = decoded.indexOf('/');
            if (slash <= 0 || slash == decoded.length() - 1) {
                throw new IllegalArgumentException("x-amz-copy-source '" + header + "' does not name a bucket and "
                        + "a key (bucket/key)");
            }
            return new CopySource(new S3Target(region, decoded.substring(0, slash), decoded.substring(slash + 1)),
                    versionId);
        }
    }
}
