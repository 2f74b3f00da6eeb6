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
