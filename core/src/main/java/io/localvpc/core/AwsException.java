package io.localvpc.core;

/**
 * A request refused the way AWS refuses it: an error code from AWS's own vocabulary
 * ({@code InvalidVpcID.NotFound}, {@code DependencyViolation}…) and a message a person can act on.
 * Thrown anywhere inside an operation; the transaction it ran in is discarded.
 */
public class AwsException extends RuntimeException {
    private final String code;
    private final int httpStatus;

    public AwsException(String code, String message) {
        this(code, message, 400);
    }

    public AwsException(String code, String message, int httpStatus) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public static AwsException invalidParameterValue(String message) {
        return new AwsException("InvalidParameterValue", message);
    }

    public static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameter", message);
    }

    public static AwsException invalidParameterCombination(String message) {
        return new AwsException("InvalidParameterCombination", message);
    }

    public static AwsException missingParameter(String name) {
        return new AwsException("MissingParameter", "The request must contain the parameter " + name);
    }

    public static AwsException dependencyViolation(String message) {
        return new AwsException("DependencyViolation", message);
    }
}
