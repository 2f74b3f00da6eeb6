package io.localvpc.core.identity;

import io.localvpc.core.AwsException;

/** IAM's errors, with the codes, statuses and words IAM uses. */
final class IamErrors {
    private IamErrors() {
    }

    static AwsException noSuchEntity(String message) {
        return new AwsException("NoSuchEntity", message, 404);
    }

    static AwsException alreadyExists(String message) {
        return new AwsException("EntityAlreadyExists", message, 409);
    }

    static AwsException deleteConflict(String message) {
        return new AwsException("DeleteConflict", "Cannot delete entity, " + message, 409);
    }

    static AwsException limitExceeded(String quota, int limit) {
        return new AwsException("LimitExceeded", "Cannot exceed quota for " + quota + ": " + limit, 409);
    }

    /** IAM's wording for a parameter outside its constraint ("1 validation error detected: …"). */
    static AwsException validation(String value, String member, String constraint) {
        return new AwsException("ValidationError", "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
