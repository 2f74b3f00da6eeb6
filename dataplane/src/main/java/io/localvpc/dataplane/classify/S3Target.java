package io.localvpc.dataplane.classify;

/**
 * The bucket and key an S3 request addresses, and their ARNs ({@code arn:aws:s3:::bucket},
 * {@code arn:aws:s3:::bucket/key}; S3 ARNs carry neither region nor account, only the partition).
 *
 * @param region the request's region, for the partition
 * @param bucket the bucket
 * @param key    the decoded object key, or null for a bucket request
 */
record S3Target(String region, String bucket, String key) {

    String bucketArn() {
        return "arn:" + ResourceArns.partition(region) + ":s3:::" + bucket;
    }

    String objectArn(String objectKey) {
        return bucketArn() + "/" + objectKey;
    }

    String objectArn() {
        return objectArn(key);
    }
}
