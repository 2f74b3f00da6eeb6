package io.localvpc.core.ops;

import io.localvpc.core.state.Scope;

import java.time.Instant;
import java.util.List;

/**
 * One connection event of a provider's endpoint service ({@code Connect}, {@code Accept}, {@code Reject},
 * {@code Delete}) with the notifications (SNS topics) that asked to hear of it. Made by the EC2 API inside the
 * transaction that caused it and handed to an {@link EndpointConnectionEvents} only once that transaction committed.
 *
 * @param endpointState the endpoint's state after the event, as AWS names it
 * @param topicArns     the SNS topic ARNs of the matching notifications, each with the scope (account) that owns it
 */
public record EndpointConnectionEvent(Instant time, String event, String region, String serviceId, String serviceOwner, String vpcEndpointId,
                                      String vpcEndpointOwner, String endpointState, List<Topic> topics) {
    public EndpointConnectionEvent {
        topics = List.copyOf(topics);
    }

    /** A notification's topic and who set it up (the account it publishes as). */
    public record Topic(String notificationId, String topicArn, Scope owner) {
    }
}
