package io.localvpc.core.sigv4;

/**
 * How each family of AWS services words a signature refusal: EC2's Query API, the other Query APIs (STS, IAM, SQS,
 * SNS), the JSON protocols (DynamoDB…) and S3. The codes and messages are AWS's.
 */
public final class SigV4Errors {
    /** The services' error vocabularies. */
    public enum Family { EC2, QUERY, JSON, S3 }

    /** An error as the family answers it. */
    public record Answer(int status, String code, String message) {
    }

    private static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    private static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    private static final String EXPIRED_TOKEN = "The security token included in the request is expired";
    private static final String UNSUPPORTED = "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.";

    private SigV4Errors() {
    }

    public static Answer answer(SigV4Failure f, Family family) {
        String detail = f.detail();
        return switch (f.kind()) {
            case INCOMPLETE -> switch (family) {
                case S3 -> new Answer(400, f.presigned() ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed", detail);
                case JSON -> new Answer(400, "IncompleteSignatureException", detail);
                default -> new Answer(400, "IncompleteSignature", detail);
            };
            case UNSUPPORTED_ALGORITHM -> switch (family) {
                case S3 -> new Answer(400, "InvalidRequest", UNSUPPORTED);
                case JSON -> new Answer(400, "IncompleteSignatureException", UNSUPPORTED);
                default -> new Answer(400, "IncompleteSignature", UNSUPPORTED);
            };
            case MISSING_CONTENT_SHA256 -> new Answer(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
            case UNKNOWN_KEY -> switch (family) {
                case EC2 -> new Answer(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
                case QUERY -> new Answer(403, "InvalidClientTokenId", INVALID_TOKEN);
                case JSON -> new Answer(400, "UnrecognizedClientException", INVALID_TOKEN);
                case S3 -> new Answer(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
            };
            case INVALID_TOKEN -> switch (family) {
                case EC2 -> new Answer(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
                case QUERY -> new Answer(403, "InvalidClientTokenId", INVALID_TOKEN);
                case JSON -> new Answer(400, "UnrecognizedClientException", INVALID_TOKEN);
                case S3 -> new Answer(400, "InvalidToken", "The provided token is malformed or otherwise invalid.");
            };
            case EXPIRED_TOKEN -> switch (family) {
                case EC2 -> new Answer(400, "RequestExpired", "Request has expired.");
                case QUERY -> new Answer(403, "ExpiredToken", EXPIRED_TOKEN);
                case JSON -> new Answer(400, "ExpiredTokenException", EXPIRED_TOKEN);
                case S3 -> new Answer(400, "ExpiredToken", "The provided token has expired.");
            };
            case SKEWED -> switch (family) {
                case EC2 -> new Answer(400, "RequestExpired", "Request has expired.");
                case QUERY -> new Answer(403, "SignatureDoesNotMatch", detail);
                case JSON -> new Answer(400, "InvalidSignatureException", detail);
                case S3 -> new Answer(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.");
            };
            case PRESIGNED_EXPIRED -> switch (family) {
                case EC2 -> new Answer(400, "RequestExpired", "Request has expired.");
                case QUERY -> new Answer(403, "SignatureDoesNotMatch", detail);
                case JSON -> new Answer(400, "InvalidSignatureException", detail);
                case S3 -> new Answer(403, "AccessDenied", "Request has expired");
            };
            case MISMATCH -> switch (family) {
                case EC2, QUERY -> new Answer(403, "SignatureDoesNotMatch", MISMATCH);
                case JSON -> new Answer(400, "InvalidSignatureException", MISMATCH);
                case S3 -> new Answer(403, "SignatureDoesNotMatch",
                        "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
            };
        };
    }
}
