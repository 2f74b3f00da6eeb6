package io.localvpc.dataplane.classify;

import java.util.Map;
import java.util.Set;

/**
 * S3's bucket subresources and the IAM action each method on them needs, after "Required permissions for Amazon S3
 * API operations" in the S3 User Guide. Deleting a bucket configuration mostly needs its {@code Put…} action.
 */
final class S3Operations {

    /** An S3 API operation and the IAM action (without {@code s3:}) that authorizes it. */
    record Op(String operation, String action) {
    }

    static final Map<String, Op> BUCKET_GET = Map.ofEntries(
            op("acl", "GetBucketAcl", "GetBucketAcl"),
            op("policy", "GetBucketPolicy", "GetBucketPolicy"),
            op("policyStatus", "GetBucketPolicyStatus", "GetBucketPolicyStatus"),
            op("tagging", "GetBucketTagging", "GetBucketTagging"),
            op("location", "GetBucketLocation", "GetBucketLocation"),
            op("versioning", "GetBucketVersioning", "GetBucketVersioning"),
            op("versions", "ListObjectVersions", "ListBucketVersions"),
            op("uploads", "ListMultipartUploads", "ListBucketMultipartUploads"),
            op("cors", "GetBucketCors", "GetBucketCORS"),
            op("lifecycle", "GetBucketLifecycleConfiguration", "GetLifecycleConfiguration"),
            op("encryption", "GetBucketEncryption", "GetEncryptionConfiguration"),
            op("website", "GetBucketWebsite", "GetBucketWebsite"),
            op("logging", "GetBucketLogging", "GetBucketLogging"),
            op("notification", "GetBucketNotificationConfiguration", "GetBucketNotification"),
            op("replication", "GetBucketReplication", "GetReplicationConfiguration"),
            op("requestPayment", "GetBucketRequestPayment", "GetBucketRequestPayment"),
            op("object-lock", "GetObjectLockConfiguration", "GetBucketObjectLockConfiguration"),
            op("ownershipControls", "GetBucketOwnershipControls", "GetBucketOwnershipControls"),
            op("publicAccessBlock", "GetPublicAccessBlock", "GetBucketPublicAccessBlock"),
            op("accelerate", "GetBucketAccelerateConfiguration", "GetAccelerateConfiguration"));

    static final Map<String, Op> BUCKET_PUT = Map.ofEntries(
            op("acl", "PutBucketAcl", "PutBucketAcl"),
            op("policy", "PutBucketPolicy", "PutBucketPolicy"),
            op("tagging", "PutBucketTagging", "PutBucketTagging"),
            op("versioning", "PutBucketVersioning", "PutBucketVersioning"),
            op("cors", "PutBucketCors", "PutBucketCORS"),
            op("lifecycle", "PutBucketLifecycleConfiguration", "PutLifecycleConfiguration"),
            op("encryption", "PutBucketEncryption", "PutEncryptionConfiguration"),
            op("website", "PutBucketWebsite", "PutBucketWebsite"),
            op("logging", "PutBucketLogging", "PutBucketLogging"),
            op("notification", "PutBucketNotificationConfiguration", "PutBucketNotification"),
            op("replication", "PutBucketReplication", "PutReplicationConfiguration"),
            op("requestPayment", "PutBucketRequestPayment", "PutBucketRequestPayment"),
            op("object-lock", "PutObjectLockConfiguration", "PutBucketObjectLockConfiguration"),
            op("ownershipControls", "PutBucketOwnershipControls", "PutBucketOwnershipControls"),
            op("publicAccessBlock", "PutPublicAccessBlock", "PutBucketPublicAccessBlock"),
            op("accelerate", "PutBucketAccelerateConfiguration", "PutAccelerateConfiguration"));

    static final Map<String, Op> BUCKET_DELETE = Map.ofEntries(
            op("policy", "DeleteBucketPolicy", "DeleteBucketPolicy"),
            op("tagging", "DeleteBucketTagging", "PutBucketTagging"),
            op("cors", "DeleteBucketCors", "PutBucketCORS"),
            op("lifecycle", "DeleteBucketLifecycle", "PutLifecycleConfiguration"),
            op("encryption", "DeleteBucketEncryption", "PutEncryptionConfiguration"),
            op("website", "DeleteBucketWebsite", "DeleteBucketWebsite"),
            op("replication", "DeleteBucketReplication", "PutReplicationConfiguration"),
            op("ownershipControls", "DeleteBucketOwnershipControls", "PutBucketOwnershipControls"),
            op("publicAccessBlock", "DeletePublicAccessBlock", "PutBucketPublicAccessBlock"));

    /** Object subresources (query parameters that select an operation on an object). */
    static final Set<String> OBJECT_SUBRESOURCES =
            Set.of("acl", "tagging", "uploads", "uploadId", "attributes", "retention", "legal-hold", "restore",
                    "select");

    /** Subresources S3 has that this classifier does not map (yet): they are reported, not guessed. */
    static final Set<String> UNMAPPED_SUBRESOURCES =
            Set.of("analytics", "inventory", "metrics", "intelligent-tiering", "torrent", "session", "metadataTable",
                    "metadataConfiguration", "renameObject");

    /** Query parameters that qualify an operation without selecting one. */
    static final Set<String> PARAMETERS = Set.of(
            // listings
            "prefix", "delimiter", "max-keys", "marker", "encoding-type", "list-type", "continuation-token",
            "fetch-owner", "start-after", "key-marker", "version-id-marker", "upload-id-marker", "max-uploads",
            "max-parts", "part-number-marker", "max-buckets", "bucket-region",
            // objects
            "versionId", "partNumber", "id", "select-type",
            // signing: SigV2 presigned URLs; SigV4's X-Amz-* are matched by prefix; x-id is added by SDKs
            "AWSAccessKeyId", "Signature", "Expires", "x-id");

    private S3Operations() {
    }

    private static Map.Entry<String, Op> op(String subresource, String operation, String action) {
        return Map.entry(subresource, new Op(operation, action));
    }
}
