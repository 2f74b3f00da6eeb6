package io.localvpc.dataplane.classify;

import io.localvpc.dataplane.route.AwsHost;
import io.localvpc.dataplane.tls.RequestHead;
import java.util.List;
import java.util.Map;

/**
 * Everything a service classifier works from, read once by {@link RequestClassifier}.
 *
 * @param head            the request head
 * @param body            the body bytes the caller supplied
 * @param rawPath         the request target's path, not decoded
 * @param query           the query string's parameters, decoded
 * @param signature       how the request is signed
 * @param host            what the host name says
 * @param region          the region the request is for
 * @param resourceAccount the account that owns resources whose ARN the request does not spell out
 * @param principal       who signed the request
 * @param partitionKeys   DynamoDB tables' partition keys, for {@code dynamodb:LeadingKeys}
 */
record Context(RequestHead head, RequestBody body, String rawPath, Map<String, List<String>> query,
               Signature signature, AwsHost host, String region, String resourceAccount, Principal principal,
               PartitionKeyLookup partitionKeys) {

    /** A classified request for this context. */
    ClassifiedRequest classified(String service, String operation, String action, List<String> resources,
                                 ConditionKeys keys, List<RequiredPermission> additional) {
        return new ClassifiedRequest(service, operation, action, resources, signature.accessKeyId(), principal,
                keys.toMap(), region, additional);
    }

    ClassifiedRequest classified(String service, String operation, String action, List<String> resources,
                                 ConditionKeys keys) {
        return classified(service, operation, action, resources, keys, List.of());
    }

    String header(String name) {
        return head.headers().get(name);
    }
}
