package io.localvpc.dataplane.classify;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request as AWS's authorization layer sees it: who ({@link #principal()}) wants to do what ({@link #action()})
 * to which resources ({@link #resourceArns()}), with which request facts ({@link #conditionKeys()}).
 *
 * @param service               the IAM service prefix: {@code s3}, {@code dynamodb}, {@code sqs}, {@code sns}, {@code sts}
 * @param operation             the API operation, e.g. {@code HeadObject}, {@code ListObjectsV2}, {@code SendMessageBatch}
 *                              (for traces; policies see {@link #action()})
 * @param action                the IAM action, e.g. {@code s3:GetObject} for {@code HeadObject}
 * @param resourceArns          every resource the action is checked on; all must be allowed. {@code *} where the
 *                              action has no resource type (e.g. {@code s3:ListAllMyBuckets})
 * @param accessKeyId           the access key id the request is signed with, or null for an anonymous request
 * @param principal             who the access key belongs to ({@link Principal#anonymous()} when unsigned)
 * @param conditionKeys         service-specific condition keys the request carries ({@code s3:prefix},
 *                              {@code s3:x-amz-acl}, {@code dynamodb:Select}, …). Global {@code aws:} keys that
 *                              depend on the connection (aws:SourceVpce, aws:SourceIp, aws:SecureTransport) or the
 *                              principal (aws:PrincipalArn, …) are the caller's to add.
 * @param region                the region the request is for: the SigV4 credential scope's, else the host name's
 * @param additionalPermissions further checks the same request needs (the source of a copy, tagging on upload);
 *                              empty for most requests
 */
public record ClassifiedRequest(String service, String operation, String action, List<String> resourceArns,
                                String accessKeyId, Principal principal, Map<String, List<String>> conditionKeys,
                                String region, List<RequiredPermission> additionalPermissions)
        implements Classification {

    public ClassifiedRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(region, "region");
        resourceArns = List.copyOf(resourceArns);
        conditionKeys = ConditionKeys.freeze(conditionKeys);
        additionalPermissions = List.copyOf(additionalPermissions);
    }

    /** The main check and the additional ones, in the order AWS would make them. */
    public List<RequiredPermission> permissions() {
        List<RequiredPermission> all = new java.util.ArrayList<>();
        all.add(new RequiredPermission(action, resourceArns, conditionKeys));
        all.addAll(additionalPermissions);
        return List.copyOf(all);
    }
}
