package io.localvpc.core.sigv4;

import java.util.Map;

/**
 * Why a request's signature was refused, in terms every service shares; {@link SigV4Errors} words it as each
 * service does.
 *
 * @param kind        what went wrong
 * @param detail      a sentence for the services whose message carries it (a stale date's times), or null
 * @param accessKeyId the key the request named, or null
 * @param presigned   whether the request was signed in its query (S3 names a malformed one differently)
 * @param s3Details   the extra elements S3 puts in its error document for this kind (in order), e.g. {@code StringToSign}
 */
public record SigV4Failure(Kind kind, String detail, String accessKeyId, boolean presigned, Map<String, String> s3Details) {
    public enum Kind {
        /** The Authorization header or presigned parameters are not of SigV4's form. */
        INCOMPLETE,
        /** SigV2 or SigV4a: not verified by localvpc, so refused. */
        UNSUPPORTED_ALGORITHM,
        /** S3 header authentication without {@code x-amz-content-sha256}. */
        MISSING_CONTENT_SHA256,
        /** No one issued the access key. */
        UNKNOWN_KEY,
        /** Temporary credentials without their session token, or with another. */
        INVALID_TOKEN,
        /** Temporary credentials past their expiry. */
        EXPIRED_TOKEN,
        /** The date is more than 15 minutes from the server's clock. */
        SKEWED,
        /** A presigned URL past {@code X-Amz-Date + X-Amz-Expires}. */
        PRESIGNED_EXPIRED,
        /** The signature is not the one the key's secret makes. */
        MISMATCH
    }

    public SigV4Failure {
        s3Details = s3Details == null ? Map.of() : s3Details;
    }
}
