package io.localvpc.dataplane.classify;

import io.localvpc.dataplane.classify.S3Operations.Op;
import io.localvpc.dataplane.route.InvalidS3Address;
import io.localvpc.dataplane.route.S3Address;
import io.localvpc.dataplane.route.S3CopySource;
import io.localvpc.dataplane.route.S3Names;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.stream.XMLStreamException;

/**
 * S3's REST API: the bucket and key as {@link S3Names} reads them (from the host or the first path segment, the key
 * from the rest of the path, decoded as S3 decodes it), the operation from the method and the subresource in the
 * query string.
 */
final class S3Classifier {

    static final String SERVICE = "s3";

    private S3Classifier() {
    }

    static Classification classify(Context c) {
        HttpMethod method = c.head().method();
        if (method.equals(HttpMethod.OPTIONS)) {
            return new Unclassifiable(SERVICE, "OPTIONS is a CORS preflight, which S3 answers without authorizing it");
        }
        S3Names names;
        try {
            names = c.head().s3() != null ? c.head().s3() : S3Names.read(c.host(), method.name(), c.rawPath(), c.header("x-amz-copy-source"));
        } catch (InvalidS3Address e) {
            return new InvalidRequest(SERVICE, e.code(), e.getMessage());
        }
        String bucket = names.target().bucket();
        String key = names.target().key();
        Set<String> subresources = new TreeSet<>();
        for (String name : c.query().keySet()) {
            if (S3Operations.UNMAPPED_SUBRESOURCES.contains(name)) {
                return new Unclassifiable(SERVICE, "S3 requests with ?" + name + " are not classified");
            }
            if (S3Operations.BUCKET_GET.containsKey(name) || S3Operations.BUCKET_PUT.containsKey(name)
                    || S3Operations.OBJECT_SUBRESOURCES.contains(name) || name.equals("delete")) {
                subresources.add(name);
            }
            // Any other parameter qualifies the operation or means nothing to S3, which ignores what it does not know
            // (a cache-busting ?v=2 on GetObject), as the embedded S3 does: the operation is the one judged.
        }
        S3Request r = new S3Request(c, bucket, key, names.copySource(), subresources);
        if (bucket == null) {
            return r.serviceLevel();
        }
        return key == null ? r.bucketLevel() : r.objectLevel();
    }

    /** One request being classified. */
    private record S3Request(Context c, String bucket, String key, S3CopySource copySource, Set<String> subresources) {

        String method() {
            return c.head().method().name();
        }

        S3Target target() {
            return new S3Target(c.region(), bucket, key);
        }

        String bucketArn() {
            return target().bucketArn();
        }

        String objectArn(String objectKey) {
            return target().objectArn(objectKey);
        }

        String versionId() {
            return Signature.first(c.query(), "versionId");
        }

        ClassifiedRequest ok(String operation, String action, String resource, ConditionKeys keys) {
            return c.classified(SERVICE, operation, "s3:" + action, List.of(resource), keys);
        }

        Unclassifiable unknown(String where) {
            String query = subresources.isEmpty() ? "" : " ?" + String.join("&", subresources);
            return new Unclassifiable(SERVICE, method() + query + " on " + where + " is not an S3 operation");
        }

        /** Requests to the service itself: {@code GET /}. */
        Classification serviceLevel() {
            if (c.head().method().equals(HttpMethod.GET) && subresources.isEmpty()) {
                return c.classified(SERVICE, "ListBuckets", "s3:ListAllMyBuckets", List.of("*"),
                        S3ConditionKeys.common(c));
            }
            return unknown("the service (no bucket named)");
        }

        Classification bucketLevel() {
            if (subresources.size() > 1) {
                return new Unclassifiable(SERVICE, "the query names several subresources " + subresources
                        + "; an S3 request has at most one");
            }
            String sub = subresources.isEmpty() ? null : subresources.iterator().next();
            ConditionKeys keys = S3ConditionKeys.common(c);
            switch (method()) {
                case "GET" -> {
                    if (sub == null) {
                        String listType = Signature.first(c.query(), "list-type");
                        return ok("2".equals(listType) ? "ListObjectsV2" : "ListObjects", "ListBucket", bucketArn(),
                                S3ConditionKeys.listing(c, keys));
                    }
                    Op op = S3Operations.BUCKET_GET.get(sub);
                    if (op == null) {
                        return unknown("a bucket");
                    }
                    return ok(op.operation(), op.action(), bucketArn(),
                            sub.equals("versions") ? S3ConditionKeys.listing(c, keys) : keys);
                }
                case "HEAD" -> {
                    return sub == null ? ok("HeadBucket", "ListBucket", bucketArn(), keys) : unknown("a bucket");
                }
                case "PUT" -> {
                    if (sub == null) {
                        return createBucket(keys);
                    }
                    Op op = S3Operations.BUCKET_PUT.get(sub);
                    if (op == null) {
                        return unknown("a bucket");
                    }
                    return ok(op.operation(), op.action(), bucketArn(),
                            sub.equals("acl") ? S3ConditionKeys.acl(c, keys) : keys);
                }
                case "DELETE" -> {
                    if (sub == null) {
                        return ok("DeleteBucket", "DeleteBucket", bucketArn(), keys);
                    }
                    Op op = S3Operations.BUCKET_DELETE.get(sub);
                    return op == null ? unknown("a bucket") : ok(op.operation(), op.action(), bucketArn(), keys);
                }
                case "POST" -> {
                    if ("delete".equals(sub)) {
                        return deleteObjects(keys);
                    }
                    if (sub == null) {
                        return new Unclassifiable(SERVICE, "POST Object (a browser form upload) names its key in "
                                + "the multipart body, which is not classified");
                    }
                    return unknown("a bucket");
                }
                default -> {
                    return unknown("a bucket");
                }
            }
        }

        Classification createBucket(ConditionKeys keys) {
            S3ConditionKeys.acl(c, keys);
            // us-east-1 buckets are usually created with no body at all
            if (!new String(c.body().bytes(), java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                try {
                    keys.put("s3:LocationConstraint", S3Xml.locationConstraint(c.body().bytes()));
                } catch (XMLStreamException e) {
                    if (c.body().isComplete()) {
                        // S3's answer; the embedded S3 would fail on it with a 500
                        return new InvalidRequest(SERVICE, "MalformedXML", "The XML you provided was not well-formed or did not"
                                + " validate against our published schema: the CreateBucketConfiguration body is not XML.");
                    }
                    // a prefix cut before the constraint: the key stays absent
                }
            }
            List<RequiredPermission> more = new ArrayList<>();
            ConditionKeys common = S3ConditionKeys.common(c);
            if (S3ConditionKeys.hasAclHeaders(c)) {
                more.add(new RequiredPermission("s3:PutBucketAcl", List.of(bucketArn()), keys.toMap()));
            }
            if ("true".equalsIgnoreCase(c.header("x-amz-bucket-object-lock-enabled"))) {
                more.add(new RequiredPermission("s3:PutBucketObjectLockConfiguration", List.of(bucketArn()),
                        common.toMap()));
                more.add(new RequiredPermission("s3:PutBucketVersioning", List.of(bucketArn()), common.toMap()));
            }
            if (c.header("x-amz-object-ownership") != null) {
                more.add(new RequiredPermission("s3:PutBucketOwnershipControls", List.of(bucketArn()),
                        common.toMap()));
            }
            return c.classified(SERVICE, "CreateBucket", "s3:CreateBucket", List.of(bucketArn()), keys, more);
        }

        /**
         * {@code POST /?delete}: S3 authorizes each key on its own ({@code s3:DeleteObject}, or
         * {@code s3:DeleteObjectVersion} for an entry with a version id) and reports refusals per key in the
         * response; here every key is a resource of one check, so refusing the request is the stricter reading.
         */
        Classification deleteObjects(ConditionKeys keys) {
            if (c.body().isAbsent() || !c.body().isComplete()) {
                return new Unclassifiable(SERVICE, "DeleteObjects names its keys in the body; classifying it needs "
                        + "the whole body, and " + (c.body().isAbsent() ? "none was supplied"
                        : "only " + c.body().describe() + " were"));
            }
            List<S3Xml.ObjectId> objects;
            try {
                objects = S3Xml.deleteObjects(c.body().bytes());
            } catch (XMLStreamException e) {
                return new InvalidRequest(SERVICE, "MalformedXML", "The XML you provided was not well-formed or did not validate"
                        + " against our published schema: the Delete body is not XML.");
            }
            if (objects.isEmpty()) {
                return new InvalidRequest(SERVICE, "MalformedXML", "The XML you provided was not well-formed or did not validate"
                        + " against our published schema: the Delete body names no <Object>.");
            }
            for (S3Xml.ObjectId o : objects) {
                try {
                    S3Address.object(bucket, o.key());
                } catch (InvalidS3Address e) {
                    return new InvalidRequest(SERVICE, e.code(), e.getMessage());
                }
            }
            List<String> plain = new ArrayList<>();
            List<String> versioned = new ArrayList<>();
            List<String> versionIds = new ArrayList<>();
            for (S3Xml.ObjectId o : objects) {
                if (o.versionId() == null) {
                    plain.add(objectArn(o.key()));
                } else {
                    versioned.add(objectArn(o.key()));
                    versionIds.add(o.versionId());
                }
            }
            ConditionKeys versionKeys = S3ConditionKeys.common(c).put("s3:versionid", versionIds);
            if (plain.isEmpty()) {
                return c.classified(SERVICE, "DeleteObjects", "s3:DeleteObjectVersion", versioned, versionKeys);
            }
            List<RequiredPermission> more = versioned.isEmpty() ? List.of()
                    : List.of(new RequiredPermission("s3:DeleteObjectVersion", versioned, versionKeys.toMap()));
            return c.classified(SERVICE, "DeleteObjects", "s3:DeleteObject", plain, keys, more);
        }

        Classification objectLevel() {
            Set<String> subs = new TreeSet<>(subresources);
            String sub;
            if (subs.isEmpty()) {
                sub = null;
            } else if (subs.size() == 1) {
                sub = subs.iterator().next();
            } else {
                return new Unclassifiable(SERVICE, "the query names several subresources " + subs
                        + "; an S3 request has at most one");
            }
            String versionId = versionId();
            // any versionId, including "null" (the version written while versioning was off), names a version
            boolean versioned = versionId != null;
            ConditionKeys keys = S3ConditionKeys.common(c);
            String arn = objectArn(key);
            switch (method()) {
                case "GET", "HEAD" -> {
                    boolean head = method().equals("HEAD");
                    if (sub == null) {
                        return versionedOp(head ? "HeadObject" : "GetObject", "GetObject", "GetObjectVersion",
                                versioned, keys);
                    }
                    if (head) {
                        return unknown("an object");
                    }
                    return switch (sub) {
                        case "uploadId" -> ok("ListParts", "ListMultipartUploadParts", arn, keys);
                        case "acl" -> versionedOp("GetObjectAcl", "GetObjectAcl", "GetObjectVersionAcl", versioned,
                                keys);
                        case "tagging" -> versionedOp("GetObjectTagging", "GetObjectTagging",
                                "GetObjectVersionTagging", versioned, keys);
                        case "attributes" -> versionedOp("GetObjectAttributes", "GetObjectAttributes",
                                "GetObjectVersionAttributes", versioned, keys);
                        case "retention" -> ok("GetObjectRetention", "GetObjectRetention", arn, keys);
                        case "legal-hold" -> ok("GetObjectLegalHold", "GetObjectLegalHold", arn, keys);
                        default -> unknown("an object");
                    };
                }
                case "PUT" -> {
                    if (sub == null || sub.equals("uploadId")) {
                        if (sub != null && Signature.first(c.query(), "partNumber") == null) {
                            return new Unclassifiable(SERVICE, "PUT ?uploadId without partNumber is not an S3 "
                                    + "operation (UploadPart needs both)");
                        }
                        return S3Writes.put(c, target(), copySource, sub != null);
                    }
                    return switch (sub) {
                        case "acl" -> versionedOp("PutObjectAcl", "PutObjectAcl", "PutObjectVersionAcl", versioned,
                                S3ConditionKeys.acl(c, keys));
                        case "tagging" -> versionedOp("PutObjectTagging", "PutObjectTagging",
                                "PutObjectVersionTagging", versioned, keys);
                        case "retention" -> ok("PutObjectRetention", "PutObjectRetention", arn, keys);
                        case "legal-hold" -> ok("PutObjectLegalHold", "PutObjectLegalHold", arn, keys);
                        default -> unknown("an object");
                    };
                }
                case "DELETE" -> {
                    if (sub == null) {
                        return versionedOp("DeleteObject", "DeleteObject", "DeleteObjectVersion", versioned, keys);
                    }
                    return switch (sub) {
                        case "uploadId" -> ok("AbortMultipartUpload", "AbortMultipartUpload", arn, keys);
                        case "tagging" -> versionedOp("DeleteObjectTagging", "DeleteObjectTagging",
                                "DeleteObjectVersionTagging", versioned, keys);
                        default -> unknown("an object");
                    };
                }
                case "POST" -> {
                    if (sub == null) {
                        return unknown("an object");
                    }
                    return switch (sub) {
                        case "uploads" -> S3Writes.createMultipartUpload(c, target());
                        case "uploadId" -> ok("CompleteMultipartUpload", "PutObject", arn, keys);
                        case "restore" -> ok("RestoreObject", "RestoreObject", arn, keys);
                        case "select" -> ok("SelectObjectContent", "GetObject", arn, keys);
                        default -> unknown("an object");
                    };
                }
                default -> {
                    return unknown("an object");
                }
            }
        }

        /** An operation whose action changes when a {@code versionId} is given; adds {@code s3:versionid}. */
        ClassifiedRequest versionedOp(String operation, String action, String versionAction, boolean versioned,
                                      ConditionKeys keys) {
            if (versioned) {
                keys.put("s3:versionid", versionId());
                return ok(operation, versionAction, objectArn(key), keys);
            }
            return ok(operation, action, objectArn(key), keys);
        }
    }
}
