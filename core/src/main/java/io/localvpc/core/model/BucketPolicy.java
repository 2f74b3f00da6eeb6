package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

/**
 * An S3 bucket policy. localvpc enforces bucket policies itself (the embedded S3 knows none), so they
 * live in the state store with everything else, in the scope of the account that set them.
 */
public record BucketPolicy(String id, String bucket, String policy) implements Resource {
    private static final String PREFIX = "s3-bucket-policy:";

    public static String idFor(String bucket) {
        return PREFIX + bucket;
    }

    public static BucketPolicy of(String bucket, String policy) {
        return new BucketPolicy(idFor(bucket), bucket, policy);
    }
}
