package io.localvpc.core.path;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.Listener;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.net.Ipv4;

import java.util.ArrayList;
import java.util.List;

/**
 * What a Network Load Balancer does with a flow that reached one of its nodes: the listener on the flow's port, its
 * forward action (a target group, chosen by weight when there are several), a target of that group
 * ({@link TargetChoice}), then the leg from the node to the target under the same rules as any flow in the VPC (the
 * load balancer's security groups outbound when it has any, both subnets' network ACLs when the leg crosses subnets,
 * the target's security groups inbound), and the host: its instance running, and, for a live connection, a program
 * published on the target's port. Part of one path decision: it records into that decision's {@link Trace}.
 *
 * <p>Health and publications are runtime state. An engine without them (the Reachability Analyzer's) counts every
 * registered target as healthy and stops at the target's interface.
 */
final class LoadBalancerPass {
    private static final String CROSS_ZONE = "load_balancing.cross_zone.enabled";
    private static final String PRESERVE_CLIENT_IP = "preserve_client_ip.enabled";

    private final CompiledScope c;
    private final ZoneFaults faults;
    private final TargetHealthBook health;
    private final Publications publications;
    private final Trace trace;
    private final Flow flow;

    /** @param c the compiled scope of the load balancer's account and region */
    LoadBalancerPass(CompiledScope c, ZoneFaults faults, TargetHealthBook health, Publications publications, Trace trace, Flow flow) {
        this.c = c;
        this.faults = faults;
        this.health = health;
        this.publications = publications;
        this.trace = trace;
        this.flow = flow;
    }

    /**
     * The flow, from {@code clientIp}, reached {@code at} (by {@code address}, the node's or an interface endpoint's).
     *
     * @param endpointId the consumer's interface endpoint when the flow came across PrivateLink (then the target sees the
     *                   node's address, whatever client IP preservation says), else null
     */
    Verdict pass(LoadBalancerNode at, long clientIp, String address, String endpointId, String serviceName, Verdict.Source source) {
        LoadBalancer lb = at.loadBalancer();
        LoadBalancer.Node node = at.node();
        String lbName = at.name();
        if (lb.state(c.view().now()) != LoadBalancer.State.ACTIVE) {
            return refuse(lb.id(), lbName + " is " + lb.state(c.view().now()) + ", not active", Verdict.Reason.HOST_UNREACHABLE);
        }
        if (faults.isDown(node.zoneId())) {
            return refuse(lb.id(), "the node of " + lbName + " in " + node.zoneId() + " (" + node.networkInterfaceId() + ") is down with its zone "
                    + "(localvpc fault az " + node.zoneId() + " up restores it)", Verdict.Reason.HOST_UNREACHABLE);
        }
        String port = Protocols.name(flow.protocol()) + " " + flow.port();
        Listener listener = c.listener(lb.id(), flow.port());
        if (listener == null) return refuse(lb.id(), "no listener on " + port + " of " + lbName, Verdict.Reason.HOST_UNREACHABLE);

        int hash = FlowHash.of(flow.protocol(), clientIp, flow.sourcePort(), Ipv4.parse(address), flow.port());
        String groupArn = forwardTo(listener, hash);
        TargetGroup group = groupArn == null ? null : c.find(TargetGroup.class, groupArn);
        if (group == null) {
            return refuse(listener.id(), "listener " + port + " of " + lbName + (groupArn == null ? " forwards to no target group"
                    : " forwards to " + LoadBalancerNode.shortName(groupArn) + ", which is gone"), Verdict.Reason.HOST_UNREACHABLE);
        }
        trace.record(new Hop(Hop.Kind.LOAD_BALANCER, listener.id(), true, null, "node " + node.networkInterfaceId() + " (" + node.privateIpAddress()
                + ") of " + lbName + " in " + node.zoneId() + ": listener " + listener.protocol() + " " + listener.port() + " forwards to "
                + LoadBalancerNode.shortName(group.id())));

        List<String> enabledZones = new ArrayList<>();
        for (LoadBalancer.Node n : lb.nodes()) if (!faults.isDown(n.zoneId())) enabledZones.add(n.zoneId());
        List<TargetChoice.Candidate> candidates = new ArrayList<>(group.targets().size());
        List<NetworkInterface> interfaces = new ArrayList<>(group.targets().size());
        for (TargetGroup.RegisteredTarget t : group.targets()) {
            NetworkInterface eni = interfaceOf(group, t);
            interfaces.add(eni);
            candidates.add(candidate(group, t, eni, node.zoneId()));
        }
        boolean crossZone = crossZone(lb, group);
        String groupName = LoadBalancerNode.shortName(group.id());
        TargetChoice.Result result = TargetChoice.choose(groupName, candidates, enabledZones, node.zoneId(), crossZone, hash);
        if (result instanceof TargetChoice.NoTarget none) return refuse(group.id(), none.why(), Verdict.Reason.HOST_UNREACHABLE);
        TargetChoice.Chosen chosen = (TargetChoice.Chosen) result;
        TargetChoice.Candidate picked = chosen.candidate();
        NetworkInterface eni = interfaces.get(candidates.indexOf(picked));
        trace.record(new Hop(Hop.Kind.TARGET_GROUP, group.id(), true, null, groupName + " (" + group.protocol() + ") chose " + picked.target().id()
                + " port " + picked.target().port() + " in " + picked.zoneId() + (chosen.failOpen()
                ? ", failing open: no target is healthy in any enabled zone and all have failed their health checks, so every one takes traffic, as on AWS"
                : health == null ? " (health is runtime state; the analysis counts every registered target)"
                : ", healthy, one of " + chosen.eligible() + (crossZone ? " healthy across zones (cross-zone on)" : " healthy in " + node.zoneId()))
                + " by the flow's hash"));
        if (eni == null) {
            return refuse(group.id(), "target " + picked.target().id() + " of " + groupName + " has no network interface in " + group.vpcId(),
                    Verdict.Reason.HOST_UNREACHABLE);
        }

        long nodeIp = Ipv4.parse(node.privateIpAddress());
        boolean preserve = endpointId == null && preservesClientIp(group);
        long seen = preserve ? clientIp : nodeIp;
        int targetPort = picked.target().port();
        InnerLeg leg = new InnerLeg(trace, flow.protocol(), seen, flow.sourcePort(), Ipv4.parse(eni.privateIpAddress()), targetPort);
        NetworkInterface nodeEni = c.find(NetworkInterface.class, node.networkInterfaceId());
        if (!lb.securityGroupIds().isEmpty() && nodeEni != null
                && !leg.egress(c.groups(lb.securityGroupIds()), nodeEni.withGroupIds(lb.securityGroupIds()), eni.groupIds())) {
            return new Verdict.Refused(Verdict.Reason.NOT_ALLOWED, trace);
        }
        Subnet nodeSubnet = c.find(Subnet.class, node.subnetId());
        Subnet targetSubnet = c.find(Subnet.class, eni.subnetId());
        if (nodeSubnet != null && targetSubnet != null && !nodeSubnet.id().equals(targetSubnet.id())
                && !leg.crossSubnets(c.acl(nodeSubnet), c.acl(targetSubnet))) {
            return new Verdict.Refused(Verdict.Reason.NOT_ALLOWED, trace);
        }
        if (!leg.ingress(c.groups(eni), eni, lb.securityGroupIds())) return new Verdict.Refused(Verdict.Reason.NOT_ALLOWED, trace);

        String instanceId = eni.attachment() == null ? null : eni.attachment().instanceId();
        Instance instance = instanceId == null ? null : c.find(Instance.class, instanceId);
        String targetText = eni.privateIpAddress() + ":" + targetPort;
        if (instance != null) {
            Instance.State state = instance.stateAt(c.view().now());
            if (state != Instance.State.RUNNING) {
                trace.record(new Hop(Hop.Kind.REFUSED, instanceId, false, eni, "the network delivers to " + eni.id() + " (" + targetText + "), but "
                        + state.whyNotRunning(instanceId)));
                return new Verdict.Refused(Verdict.Reason.HOST_UNREACHABLE, trace);
            }
        }
        String owner = instance != null ? instanceId : eni.id();
        String servedBy = null;
        String from = Ipv4.format(seen) + (endpointId != null ? " (the node's address, as PrivateLink always does)"
                : preserve ? " (the client's, client IP preservation on)" : " (the node's, client IP preservation off)");
        if (publications != null) {
            Publications.Publication p = publications.find(c.scope, owner, targetPort);
            if (p == null) {
                trace.record(new Hop(Hop.Kind.REFUSED, owner, false, eni, "the network delivers to " + eni.id() + " (" + targetText
                        + "), but nothing listens on " + owner + " " + Protocols.name(flow.protocol()) + " " + targetPort
                        + " (no program published; localvpc publish " + owner + " " + targetPort + " 127.0.0.1:<port> plays it)"));
                return new Verdict.Refused(Verdict.Reason.CONNECTION_REFUSED, trace);
            }
            servedBy = p.hostPort();
            trace.record(new Hop(Hop.Kind.DELIVERED, owner, true, null, "delivered to " + owner + " " + Protocols.name(flow.protocol()) + " "
                    + targetPort + " (" + eni.id() + ", " + targetText + ") from " + from + ", played by " + servedBy));
        } else {
            trace.record(new Hop(Hop.Kind.DELIVERED, eni.id(), true, null, "delivered to " + eni.id() + " (" + targetText + ") from " + from));
        }
        Target.Interface target = new Target.Interface(eni.id(), instanceId, eni.privateIpAddress(), targetPort, servedBy);
        return new Verdict.Delivered(new Target.LoadBalanced(target, address, flow.port(), lb.id(), node.networkInterfaceId(),
                node.privateIpAddress(), node.zoneId(), listener.id(), listener.protocol(), group.id(), group.protocol(), picked.target().id(),
                picked.zoneId(), Ipv4.format(seen), endpointId, serviceName, c.scope.account()), trace, source);
    }

    private Verdict refuse(String resourceId, String why, Verdict.Reason reason) {
        trace.record(new Hop(Hop.Kind.REFUSED, resourceId, false, null, why));
        return new Verdict.Refused(reason, trace);
    }

    /** The forward action's target group: the only one, or one of several by weight (a weight of 0 takes nothing). */
    private static String forwardTo(Listener listener, int hash) {
        for (Listener.Action a : listener.defaultActions()) {
            if (!"forward".equals(a.type()) || a.targetGroups().isEmpty()) continue;
            if (a.targetGroups().size() == 1) return a.targetGroups().get(0).targetGroupArn();
            int total = 0;
            for (Listener.WeightedTargetGroup g : a.targetGroups()) total += weight(g);
            if (total == 0) return null;
            int point = Integer.remainderUnsigned(Integer.rotateLeft(hash, 13), total);
            for (Listener.WeightedTargetGroup g : a.targetGroups()) {
                point -= weight(g);
                if (point < 0) return g.targetGroupArn();
            }
        }
        return null;
    }

    private static int weight(Listener.WeightedTargetGroup g) {
        return g.weight() == null ? 1 : Math.max(0, g.weight());
    }

    /** The interface that takes a target's traffic: an instance's primary interface, or the one holding an ip target's address. */
    private NetworkInterface interfaceOf(TargetGroup group, TargetGroup.RegisteredTarget t) {
        if (TargetGroup.IP.equals(group.targetType())) return c.interfaceAt(group.vpcId(), Ipv4.parse(t.id()));
        Instance instance = c.find(Instance.class, t.id());
        return instance == null ? null : c.find(NetworkInterface.class, instance.primaryNetworkInterfaceId());
    }

    private TargetChoice.Candidate candidate(TargetGroup group, TargetGroup.RegisteredTarget t, NetworkInterface eni, String nodeZone) {
        String zone = "all".equals(t.availabilityZone()) ? nodeZone : null;
        if (zone == null && eni != null) {
            Subnet s = c.find(Subnet.class, eni.subnetId());
            zone = s == null ? null : s.availabilityZoneId();
        }
        if (t.deregisteringSince() != null) return new TargetChoice.Candidate(t, zone, "draining", "Target.DeregistrationInProgress");
        if (health == null) return new TargetChoice.Candidate(t, zone, "healthy", null);
        TargetHealthBook.Health h = health.of(new TargetHealthBook.TargetKey(c.scope, group.id(), t.id(), t.port()));
        if (h == null) return new TargetChoice.Candidate(t, zone, "initial", "Elb.InitialHealthChecking");
        return new TargetChoice.Candidate(t, zone, h.state(), h.reason());
    }

    /** The target group's setting when it has one, else the load balancer's (off by default, as on AWS). */
    private static boolean crossZone(LoadBalancer lb, TargetGroup group) {
        String own = group.attributes().get(CROSS_ZONE);
        if ("true".equals(own) || "false".equals(own)) return Boolean.parseBoolean(own);
        return "true".equals(lb.attributes().get(CROSS_ZONE));
    }

    /** AWS's defaults: on for instance targets, and for ip targets of UDP and TCP_UDP groups; off for ip targets of TCP and TLS. */
    static boolean preservesClientIp(TargetGroup group) {
        String set = group.attributes().get(PRESERVE_CLIENT_IP);
        if (set != null) return Boolean.parseBoolean(set);
        if (TargetGroup.INSTANCE.equals(group.targetType())) return true;
        return "UDP".equals(group.protocol()) || "TCP_UDP".equals(group.protocol());
    }
}
