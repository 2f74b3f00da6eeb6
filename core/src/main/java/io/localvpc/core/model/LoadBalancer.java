package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An Elastic Load Balancing v2 load balancer. localvpc builds the {@code network} type (a Network Load Balancer):
 * one node per Availability Zone, each a requester-managed network interface in one of its subnets, and a DNS name
 * that every VPC's resolver answers with those nodes' addresses. The id is the load balancer's ARN
 * ({@code arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<16 hex>}), which is how ELBv2
 * names it everywhere (endpoint services refer to it by ARN too).
 *
 * <p>The lifecycle is stored as timestamps, as for VPC endpoints: {@code provisioning} until {@code activeAt}, then
 * {@code active}; no background work moves it on.
 *
 * @param scheme           {@code internal} or {@code internet-facing}
 * @param ipAddressType    {@code ipv4} or {@code dualstack}
 * @param securityGroupIds the groups on its nodes; empty when it was created without any (AWS then never lets it have one)
 * @param nodes            one per Availability Zone, in the order of its subnets
 * @param attributes       ELBv2 load balancer attributes by key ({@code load_balancing.cross_zone.enabled} …), only
 *                         those set away from AWS's defaults
 */
public record LoadBalancer(
        String id,
        String ownerId,
        String name,
        String type,
        String scheme,
        String vpcId,
        String ipAddressType,
        List<String> securityGroupIds,
        List<Node> nodes,
        String dnsName,
        String canonicalHostedZoneId,
        Map<String, String> attributes,
        Instant createdAt,
        Instant activeAt) implements Resource {

    public static final String NETWORK = "network";
    public static final String INTERNAL = "internal";
    public static final String INTERNET_FACING = "internet-facing";

    public LoadBalancer {
        securityGroupIds = List.copyOf(securityGroupIds);
        nodes = List.copyOf(nodes);
        attributes = Map.copyOf(attributes);
    }

    /**
     * One node of the load balancer: its network interface in one subnet of one zone.
     *
     * @param allocationId the Elastic IP of an internet-facing node given by SubnetMappings, or null
     */
    public record Node(String zoneName, String zoneId, String subnetId, String networkInterfaceId, String privateIpAddress,
                       String allocationId) {
    }

    /** ELBv2's {@code State.Code} values that localvpc reaches. */
    public enum State implements LifecycleState {
        PROVISIONING("provisioning"), ACTIVE("active"), ACTIVE_IMPAIRED("active_impaired"), FAILED("failed");

        private final String awsName;

        State(String awsName) {
            this.awsName = awsName;
        }

        @Override
        public String awsName() {
            return awsName;
        }

        @Override
        public String toString() {
            return awsName;
        }
    }

    /** The state at {@code now}, derived from the timestamps. */
    public State state(Instant now) {
        return now.isBefore(activeAt) ? State.PROVISIONING : State.ACTIVE;
    }

    /** The node in zone {@code zoneId}, or null when the load balancer has none there. */
    public Node nodeIn(String zoneId) {
        for (Node n : nodes) {
            if (n.zoneId().equals(zoneId)) return n;
        }
        return null;
    }
}
