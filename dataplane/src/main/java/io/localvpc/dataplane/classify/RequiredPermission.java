package io.localvpc.dataplane.classify;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One more action a request needs besides its main one, e.g. {@code s3:GetObject} on the source object of a
 * {@code CopyObject}, or {@code s3:PutObjectTagging} for a {@code PutObject} that carries {@code x-amz-tagging}.
 * Every ARN in {@link #resourceArns()} must be allowed.
 *
 * @param action        {@code <service>:<Action>}, e.g. {@code s3:GetObject}
 * @param resourceArns  the resources the action is checked on ({@code *} where the action has no resource type)
 * @param conditionKeys the request's service-specific condition keys for this check
 */
public record RequiredPermission(String action, List<String> resourceArns, Map<String, List<String>> conditionKeys) {
    public RequiredPermission {
        Objects.requireNonNull(action, "action");
        resourceArns = List.copyOf(resourceArns);
        conditionKeys = ConditionKeys.freeze(conditionKeys);
    }
}
