package io.localvpc.core.path;

/** Where a delivered flow ends up. */
public sealed interface Target {
    String address();

    int port();

    /** An AWS service (S3, SQS…), reached through {@code via}. {@code host} is the name the client asked for. */
    record AwsService(String serviceName, String host, String address, int port, Via via) implements Target {
    }

    /**
     * Another network interface in the VPC (an instance's, usually). {@code instanceId} is the instance it is attached
     * to, or null; {@code servedBy} is the loopback {@code host:port} of the program published on that port
     * ({@link Publications}), or null when the decision looked at the configuration only (the Reachability Analyzer).
     */
    record Interface(String networkInterfaceId, String instanceId, String address, int port, String servedBy) implements Target {
    }

    /**
     * The instance metadata service ({@code 169.254.169.254:80}) of the instance the flow comes from: link-local, so
     * no route, security group or network ACL is consulted, as on AWS.
     */
    record InstanceMetadata(String instanceId, String address, int port) implements Target {
        public static final String ADDRESS = "169.254.169.254";
        public static final int PORT = 80;
    }

    /**
     * Through a Network Load Balancer to one of its targets: the connection went to {@code address}:{@code port} (a node
     * of the load balancer, or an interface endpoint of an endpoint service it serves), the listener on that port
     * forwarded it to {@code targetGroupArn}, and the group's target {@code target} took it. {@code target.address()} and
     * {@code target.port()} are the target's; {@code sourceAddress} is the address the target sees the connection come
     * from (the client's with client IP preservation, else the node's; always the node's across PrivateLink).
     *
     * @param targetZoneId     the zone of the target's interface
     * @param endpointId       the consumer's interface endpoint when the flow came across PrivateLink, else null
     * @param serviceName      that endpoint's service ({@code com.amazonaws.vpce.<region>.vpce-svc-…}), else null
     * @param providerAccount  the account that owns the load balancer (the flow's own account when no endpoint)
     * @param listenerProtocol {@code TCP} or {@code TLS} (the data plane terminates TLS at the listener)
     * @param targetProtocol   the target group's protocol: {@code TCP}, or {@code TLS} to re-encrypt towards the target
     */
    record LoadBalanced(Interface target, String address, int port, String loadBalancerArn, String nodeInterfaceId, String nodeAddress,
                        String zoneId, String listenerArn, String listenerProtocol, String targetGroupArn, String targetProtocol,
                        String targetId, String targetZoneId, String sourceAddress, String endpointId, String serviceName,
                        String providerAccount) implements Target {
    }

    /** How a flow reaches an AWS service. */
    sealed interface Via {
        String id();
    }

    record GatewayEndpoint(String id) implements Via {
    }

    record InterfaceEndpoint(String id, String networkInterfaceId, String zoneId) implements Via {
    }

    record NatGateway(String id) implements Via {
    }

    record InternetGateway(String id) implements Via {
    }
}
