package io.localvpc.api.elbv2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.model.Listener;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.ops.elbv2.TargetGroupOps;
import io.localvpc.core.state.View;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** ELBv2's output shapes (LoadBalancer, TargetGroup, Listener, Attributes) from the stored records. */
final class Elbv2Render {
    private Elbv2Render() {
    }

    static String date(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static ObjectNode loadBalancer(View view, LoadBalancer lb) {
        ObjectNode o = Json.object()
                .put("LoadBalancerArn", lb.id()).put("DNSName", lb.dnsName());
        if (lb.canonicalHostedZoneId() != null) o.put("CanonicalHostedZoneId", lb.canonicalHostedZoneId());
        o.put("CreatedTime", date(lb.createdAt())).put("LoadBalancerName", lb.name()).put("Scheme", lb.scheme()).put("VpcId", lb.vpcId());
        o.putObject("State").put("Code", lb.state(view.now()).awsName());
        o.put("Type", lb.type());
        ArrayNode zones = o.putArray("AvailabilityZones");
        for (LoadBalancer.Node n : lb.nodes()) {
            ObjectNode z = zones.addObject().put("ZoneName", n.zoneName()).put("SubnetId", n.subnetId());
            ArrayNode addresses = z.putArray("LoadBalancerAddresses");
            if (n.allocationId() != null) {
                view.find(io.localvpc.core.model.Address.class, n.allocationId())
                        .ifPresent(a -> addresses.addObject().put("IpAddress", a.publicIp()).put("AllocationId", a.id()));
            } else if (lb.scheme().equals(LoadBalancer.INTERNAL)) {
                addresses.addObject().put("PrivateIPv4Address", n.privateIpAddress());
            }
        }
        if (!lb.securityGroupIds().isEmpty()) {
            ArrayNode groups = o.putArray("SecurityGroups");
            lb.securityGroupIds().forEach(groups::add);
        }
        o.put("IpAddressType", lb.ipAddressType());
        return o;
    }

    static ObjectNode targetGroup(View view, TargetGroup g) {
        TargetGroup.HealthCheck h = g.healthCheck();
        ObjectNode o = Json.object().put("TargetGroupArn", g.id()).put("TargetGroupName", g.name()).put("Protocol", g.protocol())
                .put("Port", g.port()).put("VpcId", g.vpcId()).put("HealthCheckProtocol", h.protocol()).put("HealthCheckPort", h.port())
                .put("HealthCheckEnabled", h.enabled()).put("HealthCheckIntervalSeconds", h.intervalSeconds())
                .put("HealthCheckTimeoutSeconds", h.timeoutSeconds()).put("HealthyThresholdCount", h.healthyThreshold())
                .put("UnhealthyThresholdCount", h.unhealthyThreshold());
        if (h.path() != null) o.put("HealthCheckPath", h.path());
        if (h.matcher() != null) o.putObject("Matcher").put("HttpCode", h.matcher());
        ArrayNode lbs = o.putArray("LoadBalancerArns");
        TargetGroupOps.loadBalancersOf(view, g.id()).forEach(lbs::add);
        o.put("TargetType", g.targetType()).put("IpAddressType", g.ipAddressType());
        return o;
    }

    static ObjectNode listener(Listener l) {
        ObjectNode o = Json.object().put("ListenerArn", l.id()).put("LoadBalancerArn", l.loadBalancerArn()).put("Port", l.port())
                .put("Protocol", l.protocol());
        if (!l.certificateArns().isEmpty()) {
            ArrayNode certs = o.putArray("Certificates");
            for (String c : l.certificateArns()) certs.addObject().put("CertificateArn", c);
        }
        if (l.sslPolicy() != null) o.put("SslPolicy", l.sslPolicy());
        ArrayNode actions = o.putArray("DefaultActions");
        for (Listener.Action a : l.defaultActions()) {
            ObjectNode action = actions.addObject().put("Type", a.type());
            if (a.targetGroups().size() == 1) action.put("TargetGroupArn", a.targetGroups().get(0).targetGroupArn());
            ArrayNode groups = action.putObject("ForwardConfig").putArray("TargetGroups");
            for (Listener.WeightedTargetGroup w : a.targetGroups()) {
                groups.addObject().put("TargetGroupArn", w.targetGroupArn()).put("Weight", w.weight() == null ? 1 : w.weight());
            }
            action.with("ForwardConfig").putObject("TargetGroupStickinessConfig").put("Enabled", false);
        }
        if (l.alpnPolicy() != null) o.putArray("AlpnPolicy").add(l.alpnPolicy());
        return o;
    }

    static ObjectNode attributes(Map<String, String> attributes) {
        ObjectNode o = Json.object();
        ArrayNode list = o.putArray("Attributes");
        attributes.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
        return o;
    }
}
