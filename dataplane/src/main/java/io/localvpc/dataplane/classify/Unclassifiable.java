package io.localvpc.dataplane.classify;

import java.util.Objects;

/**
 * A request the classifier cannot turn into an action and resources, e.g. an S3 subresource it does not know or a
 * DynamoDB call whose table name lies beyond the body bytes it was given. The caller decides what to do with it
 * (refuse it where a policy restricts the endpoint, forward it where none does).
 *
 * @param service the IAM service prefix when it was recognised ({@code s3}, {@code dynamodb}), else null
 * @param reason  one sentence a person can act on, naming what was missing or unknown
 */
public record Unclassifiable(String service, String reason) implements Classification {
    public Unclassifiable {
        Objects.requireNonNull(reason, "reason");
    }
}
