package io.localvpc.core.ops.elbv2;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.model.TargetGroup.RegisteredTarget;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.path.TargetHealthBook;
import io.localvpc.core.path.TargetHealthBook.Health;
import io.localvpc.core.state.View;

import java.util.List;

/**
 * A registered target's health as DescribeTargetHealth reports it: what the configuration decides (draining, not in
 * use, a stopped instance, a zone the load balancer is not in) before what the health checks last found
 * ({@link TargetHealthBook}), which starts at {@code initial}. The health checker and the path engine read the same.
 */
public final class TargetHealthStatus {
    public static final Health INITIAL = new Health("initial", "Elb.InitialHealthChecking", "Initial health checks in progress");
    public static final Health REGISTERING = new Health("initial", "Elb.RegistrationInProgress", "Target registration is in progress");
    public static final Health NOT_REGISTERED = new Health("unused", "Target.NotRegistered", "Target is not registered to the target group");
    public static final Health NOT_IN_USE = new Health("unused", "Target.NotInUse", "Target group is not configured to receive traffic from the load balancer");
    public static final Health ZONE_NOT_ENABLED = new Health("unused", "Target.NotInUse", "Target is in an Availability Zone that is not enabled for the load balancer");
    public static final Health DRAINING = new Health("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");

    private TargetHealthStatus() {
    }

    public static TargetHealthBook.TargetKey key(View view, TargetGroup g, RegisteredTarget t) {
        return new TargetHealthBook.TargetKey(view.scope(), g.id(), t.id(), t.port());
    }

    public static Health of(View view, TargetGroup g, RegisteredTarget t, TargetHealthBook book) {
        if (t.deregisteringSince() != null) return DRAINING;
        List<String> lbs = TargetGroupOps.loadBalancersOf(view, g.id());
        if (lbs.isEmpty()) return NOT_IN_USE;
        if (g.targetType().equals(TargetGroup.INSTANCE)) {
            Instance i = view.find(Instance.class, t.id()).orElse(null);
            Instance.State state = i == null ? Instance.State.TERMINATED : i.stateAt(view.now());
            if (state != Instance.State.RUNNING) return new Health("unused", "Target.InvalidState", "Target is in the " + state.awsName() + " state");
        }
        LoadBalancer lb = view.find(LoadBalancer.class, lbs.get(0)).orElse(null);
        if (lb == null) return NOT_IN_USE;
        if (checkingNode(view, g, t, lb) == null) return ZONE_NOT_ENABLED;
        if (lb.state(view.now()) != LoadBalancer.State.ACTIVE) return REGISTERING;
        Health found = book == null ? null : book.of(key(view, g, t));
        return found == null ? INITIAL : found;
    }

    /**
     * The node that checks (and forwards to) the target: the load balancer's node in the target's zone; with cross-zone
     * load balancing on, or for an ip target outside the VPC ({@code all}), its first node. Null when none does.
     */
    public static LoadBalancer.Node checkingNode(View view, TargetGroup g, RegisteredTarget t, LoadBalancer lb) {
        if (lb.nodes().isEmpty()) return null;
        String zone = zoneOf(view, g, t);
        if (zone != null && !zone.equals("all")) {
            for (LoadBalancer.Node n : lb.nodes()) if (n.zoneName().equals(zone)) return n;
        }
        boolean crossZone = "true".equals(Elbv2Attributes.ofLoadBalancer(lb.attributes()).get(Elbv2Attributes.CROSS_ZONE))
                || "true".equals(g.attributes().get(Elbv2Attributes.CROSS_ZONE));
        return crossZone || "all".equals(zone) ? lb.nodes().get(0) : null;
    }

    /** The zone name a target is in: its instance's, the subnet holding its address, or what it was registered with. */
    public static String zoneOf(View view, TargetGroup g, RegisteredTarget t) {
        if (t.availabilityZone() != null) return t.availabilityZone();
        if (g.targetType().equals(TargetGroup.INSTANCE)) return view.find(Instance.class, t.id()).map(Instance::availabilityZone).orElse(null);
        long ip = Ipv4.parse(t.id());
        for (Subnet s : view.all(Subnet.class)) {
            if (s.vpcId().equals(g.vpcId()) && Ipv4Cidr.parse(s.cidrBlock()).map(c -> c.contains(ip)).orElse(false)) return s.availabilityZone();
        }
        return null;
    }

    /** The address traffic and health checks go to: an instance's primary private address, or the ip target itself. */
    public static String addressOf(View view, TargetGroup g, RegisteredTarget t) {
        if (g.targetType().equals(TargetGroup.IP)) return t.id();
        return view.find(Instance.class, t.id()).map(Instance::privateIpAddress).orElse(null);
    }
}
