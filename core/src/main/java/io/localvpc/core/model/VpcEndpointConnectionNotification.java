package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.util.List;

/**
 * A connection notification ({@code CreateVpcEndpointConnectionNotification}): the SNS topic that hears of the
 * connection events ({@code Accept}, {@code Connect}, {@code Delete}, {@code Reject}) of one endpoint service (the
 * provider's, {@code serviceId} set) or of one interface endpoint (the consumer's, {@code vpcEndpointId} set). The id
 * is {@code vpce-nfn-…}; it lives in the scope of whoever created it.
 */
public record VpcEndpointConnectionNotification(String id, String serviceId, String vpcEndpointId, String topicArn,
                                                List<String> events, String state) implements Resource {
    public static final List<String> EVENTS = List.of("Accept", "Connect", "Delete", "Reject");

    public VpcEndpointConnectionNotification {
        events = List.copyOf(events);
    }

    public VpcEndpointConnectionNotification with(String nextTopicArn, List<String> nextEvents) {
        return new VpcEndpointConnectionNotification(id, serviceId, vpcEndpointId, nextTopicArn, nextEvents, state);
    }
}
