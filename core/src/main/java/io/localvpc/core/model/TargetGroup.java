package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An ELBv2 target group of a Network Load Balancer, with its registered targets. The id is its ARN
 * ({@code arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<16 hex>}). Which load balancers use it
 * is not stored: it follows from the listeners that forward to it.
 *
 * @param protocol    {@code TCP}, {@code TLS}, {@code UDP} or {@code TCP_UDP}
 * @param targetType  {@code instance} or {@code ip}
 * @param healthCheck how its targets are checked
 * @param targets     the registered targets, in registration order
 * @param attributes  ELBv2 target group attributes by key ({@code deregistration_delay.timeout_seconds} …), only
 *                    those set away from AWS's defaults
 */
public record TargetGroup(
        String id,
        String ownerId,
        String name,
        String protocol,
        int port,
        String vpcId,
        String targetType,
        String ipAddressType,
        HealthCheck healthCheck,
        List<RegisteredTarget> targets,
        Map<String, String> attributes,
        Instant createdAt) implements Resource {

    public static final String INSTANCE = "instance";
    public static final String IP = "ip";

    public TargetGroup {
        targets = List.copyOf(targets);
        attributes = Map.copyOf(attributes);
    }

    /**
     * How targets are health-checked ({@code HealthCheck*} parameters of CreateTargetGroup).
     *
     * @param port      {@code traffic-port} or a port number
     * @param path      the HTTP(S) path, null for TCP checks
     * @param matcher   the HTTP codes that count as healthy, null for TCP checks
     */
    public record HealthCheck(boolean enabled, String protocol, String port, String path, String matcher, int intervalSeconds,
                              int timeoutSeconds, int healthyThreshold, int unhealthyThreshold) {
        /** The port checked on {@code target}: its traffic port unless a fixed one is set. */
        public int portFor(RegisteredTarget target) {
            return "traffic-port".equals(port) ? target.port() : Integer.parseInt(port);
        }
    }

    /**
     * One registered target.
     *
     * @param id                  an instance id ({@code instance} groups) or a private IPv4 address ({@code ip} groups)
     * @param port                the port traffic goes to
     * @param availabilityZone    the zone given at registration ({@code ip} targets outside the VPC use {@code all}),
     *                            or null for the target's own zone
     * @param deregisteringSince  when DeregisterTargets was called (the target drains until the delay passes), or null
     */
    public record RegisteredTarget(String id, int port, String availabilityZone, Instant registeredAt, Instant deregisteringSince) {
    }

    public TargetGroup withTargets(List<RegisteredTarget> next) {
        return new TargetGroup(id, ownerId, name, protocol, port, vpcId, targetType, ipAddressType, healthCheck, next, attributes, createdAt);
    }
}
