package io.localvpc.dataplane.classify;

import java.util.List;
import java.util.Set;

/**
 * Amazon SNS (Query protocol). Topics are named by {@code TopicArn}; subscriptions by {@code SubscriptionArn}
 * ({@code <topic arn>:<id>}), checked on their topic; {@code CreateTopic} by {@code Name}.
 */
final class Sns {

    static final String SERVICE = "sns";

    /** Operations without a resource type: checked on {@code *}. */
    private static final Set<String> ACCOUNT_WIDE = Set.of("ListTopics", "ListSubscriptions",
            "ListPlatformApplications", "CreatePlatformApplication", "ListPhoneNumbersOptedOut",
            "CheckIfPhoneNumberIsOptedOut", "OptInPhoneNumber", "GetSMSAttributes", "SetSMSAttributes",
            "GetSMSSandboxAccountStatus", "ListOriginationNumbers", "ListSMSSandboxPhoneNumbers",
            "CreateSMSSandboxPhoneNumber", "DeleteSMSSandboxPhoneNumber", "VerifySMSSandboxPhoneNumber");

    private Sns() {
    }

    static Classification classify(Context c, String operation, Members m) {
        String action = "sns:" + (operation.equals("PublishBatch") ? "Publish" : operation);
        ConditionKeys none = new ConditionKeys();
        if (ACCOUNT_WIDE.contains(operation)) {
            return c.classified(SERVICE, operation, action, List.of("*"), none);
        }
        switch (operation) {
            case "CreateTopic" -> {
                String name = m.string("Name");
                return name == null ? new Unclassifiable(SERVICE, m.whyMissing(operation, "Name"))
                        : c.classified(SERVICE, operation, action,
                                List.of(ResourceArns.of(SERVICE, c.region(), c.resourceAccount(), name)), none);
            }
            case "Publish" -> {
                String target = m.string("TopicArn") != null ? m.string("TopicArn") : m.string("TargetArn");
                if (target == null && m.string("PhoneNumber") != null) {
                    target = "*"; // an SMS to a number has no resource
                }
                return target == null ? new Unclassifiable(SERVICE, m.whyMissing(operation, "TopicArn"))
                        : c.classified(SERVICE, operation, action, List.of(target), none);
            }
            case "Unsubscribe", "GetSubscriptionAttributes", "SetSubscriptionAttributes" -> {
                String subscription = m.string("SubscriptionArn");
                int colon = subscription == null ? -1 : subscription.lastIndexOf(':');
                if (colon < 0) {
                    return new Unclassifiable(SERVICE, m.whyMissing(operation, "SubscriptionArn"));
                }
                return c.classified(SERVICE, operation, action, List.of(subscription.substring(0, colon)), none);
            }
            default -> {
                for (String member : List.of("TopicArn", "ResourceArn", "PlatformApplicationArn", "EndpointArn")) {
                    String arn = m.string(member);
                    if (arn != null) {
                        return c.classified(SERVICE, operation, action, List.of(arn), none);
                    }
                }
                return new Unclassifiable(SERVICE, m.whyMissing(operation, "TopicArn"));
            }
        }
    }
}
