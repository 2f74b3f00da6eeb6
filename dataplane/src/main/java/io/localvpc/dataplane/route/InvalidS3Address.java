package io.localvpc.dataplane.route;

/**
 * A bucket or key that S3's answer, or the embedded S3's, could not be trusted to mean what it was judged as: bad
 * percent-escapes, an empty bucket, a key with {@code .}, {@code ..} or empty segments. Carries S3's error code for
 * the answer.
 */
public final class InvalidS3Address extends IllegalArgumentException {
    private final String code;

    public InvalidS3Address(String code, String message) {
        super(message);
        this.code = code;
    }

    /** S3's error code: {@code InvalidURI}, {@code InvalidArgument} or {@code InvalidBucketName}. */
    public String code() {
        return code;
    }
}
