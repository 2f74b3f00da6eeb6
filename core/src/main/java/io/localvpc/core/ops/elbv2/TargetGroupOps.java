package io.localvpc.core.ops.elbv2;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.Listener;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Target groups of Network Load Balancers: create, modify, delete (not while a listener forwards to one), attributes. */
public final class TargetGroupOps {
    private static final List<String> PROTOCOLS = List.of("TCP", "TLS", "UDP", "TCP_UDP");

    private TargetGroupOps() {
    }

    /** CreateTargetGroup's parameters; null means not given. */
    public record Create(String name, String protocol, String protocolVersion, Integer port, String vpcId, String targetType,
                         String ipAddressType, HealthCheckSettings.Given healthCheck) {
    }

    public static TargetGroup require(View view, String arn) {
        if (arn == null) throw Elbv2Errors.validation("A target group ARN must be specified");
        return view.find(TargetGroup.class, arn).orElseThrow(() -> Elbv2Errors.targetGroupNotFound(arn));
    }

    public static TargetGroup requireByName(View view, String name) {
        for (TargetGroup g : view.all(TargetGroup.class)) if (g.name().equals(name)) return g;
        throw Elbv2Errors.targetGroupNotFound(name);
    }

    public static TargetGroup create(Tx tx, Create req) {
        String name = Elbv2Errors.checkName("target group", req.name());
        String targetType = req.targetType() == null ? TargetGroup.INSTANCE : req.targetType();
        if (targetType.equals("alb") || targetType.equals("lambda")) {
            throw Elbv2Errors.unsupported("Target groups of target type '" + targetType + "' are not supported; use instance or ip.");
        }
        if (!targetType.equals(TargetGroup.INSTANCE) && !targetType.equals(TargetGroup.IP)) {
            throw Elbv2Errors.validation("Target type '" + targetType + "' is not valid. Valid types: instance, ip, lambda, alb");
        }
        if (req.protocol() == null) throw Elbv2Errors.validation("A protocol must be specified for target groups of target type '" + targetType + "'");
        String protocol = req.protocol();
        if (protocol.equals("HTTP") || protocol.equals("HTTPS") || protocol.equals("GENEVE")) {
            throw Elbv2Errors.unsupported("Target groups with protocol " + protocol + " belong to "
                    + (protocol.equals("GENEVE") ? "Gateway" : "Application") + " Load Balancers and are not supported.");
        }
        if (!PROTOCOLS.contains(protocol)) throw Elbv2Errors.validation("Protocol '" + protocol + "' is not valid. Valid protocols: TCP, TLS, UDP, TCP_UDP, HTTP, HTTPS, GENEVE");
        if (req.protocolVersion() != null) throw Elbv2Errors.invalidConfiguration("A protocol version can be set only for HTTP and HTTPS target groups");
        if (req.port() == null) throw Elbv2Errors.validation("A port must be specified for target groups of target type '" + targetType + "'");
        int port = Elbv2Errors.range("port", req.port(), 1, 65535, 0);
        if (req.vpcId() == null) throw Elbv2Errors.validation("A VPC ID must be specified for target groups of target type '" + targetType + "'");
        if (tx.find(io.localvpc.core.model.Vpc.class, req.vpcId()).isEmpty()) throw Elbv2Errors.validation("The VPC ID '" + req.vpcId() + "' is not found");
        String ipType = req.ipAddressType() == null ? "ipv4" : req.ipAddressType();
        if (!ipType.equals("ipv4") && !ipType.equals("ipv6")) throw Elbv2Errors.validation("IP address type '" + ipType + "' is not valid. Valid types: ipv4, ipv6");
        if (ipType.equals("ipv6")) throw Elbv2Errors.unsupported("IPv6 target groups are not supported.");
        HealthCheckSettings.Given hc = req.healthCheck() == null ? HealthCheckSettings.Given.NONE : req.healthCheck();
        TargetGroup.HealthCheck health = HealthCheckSettings.create(hc);
        for (TargetGroup other : tx.all(TargetGroup.class)) {
            if (other.name().equals(name)) {
                throw new AwsException("DuplicateTargetGroupName", "A target group with the same name '" + name + "' exists, but with different settings");
            }
        }
        String arn = Elbv2Arns.targetGroup(tx.scope(), name, Elbv2Arns.hex16());
        return tx.put(new TargetGroup(arn, tx.scope().account(), name, protocol, port, req.vpcId(), targetType, ipType, health, List.of(), Map.of(), tx.now()));
    }

    public static TargetGroup modify(Tx tx, String arn, HealthCheckSettings.Given hc) {
        TargetGroup g = require(tx, arn);
        TargetGroup.HealthCheck next = HealthCheckSettings.modify(g.healthCheck(), hc);
        return tx.put(new TargetGroup(g.id(), g.ownerId(), g.name(), g.protocol(), g.port(), g.vpcId(), g.targetType(), g.ipAddressType(),
                next, live(g, tx.now()), g.attributes(), g.createdAt()));
    }

    public static TargetGroup modifyAttributes(Tx tx, String arn, Map<String, String> changes) {
        TargetGroup g = require(tx, arn);
        Map<String, String> next = Elbv2Attributes.modifyTargetGroup(g, changes);
        return tx.put(new TargetGroup(g.id(), g.ownerId(), g.name(), g.protocol(), g.port(), g.vpcId(), g.targetType(), g.ipAddressType(),
                g.healthCheck(), live(g, tx.now()), next, g.createdAt()));
    }

    /** Deletes a target group; deleting one that does not exist succeeds, as on AWS. */
    public static void delete(Tx tx, String arn) {
        if (arn == null) throw Elbv2Errors.validation("A target group ARN must be specified");
        if (tx.find(TargetGroup.class, arn).isEmpty()) return;
        List<String> users = listenersForwardingTo(tx, arn);
        if (!users.isEmpty()) {
            throw Elbv2Errors.resourceInUse("Target group '" + arn + "' is currently in use by a listener or a rule (" + String.join(", ", users) + ")");
        }
        tx.remove(TargetGroup.class, arn);
    }

    /** The listeners whose default action forwards to the group. */
    public static List<String> listenersForwardingTo(View view, String groupArn) {
        List<String> out = new ArrayList<>();
        for (Listener l : view.all(Listener.class)) {
            if (ListenerOps.targetGroupsOf(l).contains(groupArn)) out.add(l.id());
        }
        return out;
    }

    /** The load balancers whose listeners forward to the group, in ARN order. */
    public static List<String> loadBalancersOf(View view, String groupArn) {
        Set<String> out = new java.util.TreeSet<>();
        for (Listener l : view.all(Listener.class)) {
            if (ListenerOps.targetGroupsOf(l).contains(groupArn)) out.add(l.loadBalancerArn());
        }
        return new ArrayList<>(out);
    }

    /** The group's targets without those whose deregistration delay has passed (they are gone, as on AWS). */
    public static List<TargetGroup.RegisteredTarget> live(TargetGroup g, java.time.Instant now) {
        int delay = Elbv2Attributes.deregistrationDelaySeconds(g);
        List<TargetGroup.RegisteredTarget> out = new ArrayList<>(g.targets().size());
        for (TargetGroup.RegisteredTarget t : g.targets()) {
            if (t.deregisteringSince() == null || now.isBefore(t.deregisteringSince().plusSeconds(delay))) out.add(t);
        }
        return out;
    }

    /** Whether the target is deregistering but still within its delay (draining). */
    public static boolean isDraining(TargetGroup.RegisteredTarget t) {
        return t.deregisteringSince() != null;
    }

    static List<String> distinct(List<String> in) {
        return new ArrayList<>(new LinkedHashSet<>(in));
    }
}
