package io.localvpc.core.ops.elbv2;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.model.TargetGroup.RegisteredTarget;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcCidrAssociation;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.state.Tx;

import java.util.ArrayList;
import java.util.List;

/**
 * RegisterTargets and DeregisterTargets: instances must exist, run and sit in the group's VPC; ip targets must be in
 * the VPC's CIDRs (or, with AvailabilityZone {@code all}, in a private range outside it). Deregistering starts the
 * deregistration delay: the target drains until it passes, then is gone.
 */
public final class TargetRegistration {
    public static final int MAX_TARGETS_PER_GROUP = 1000;

    /** One entry of Targets; port and zone may be null. */
    public record Given(String id, Integer port, String availabilityZone) {
    }

    private TargetRegistration() {
    }

    public static TargetGroup register(Tx tx, String groupArn, List<Given> targets) {
        TargetGroup g = TargetGroupOps.require(tx, groupArn);
        if (targets.isEmpty()) throw Elbv2Errors.validation("At least one target must be specified");
        List<RegisteredTarget> next = new ArrayList<>(TargetGroupOps.live(g, tx.now()));
        List<String> notInstances = new ArrayList<>(), notRunning = new ArrayList<>(), outside = new ArrayList<>();
        for (Given t : targets) {
            if (t.id() == null) throw Elbv2Errors.validation("A target ID must be specified");
            int port = Elbv2Errors.range("port", t.port(), 1, 65535, g.port());
            if (g.targetType().equals(TargetGroup.INSTANCE)) {
                Instance i = tx.find(Instance.class, t.id()).orElse(null);
                if (i == null || i.stateAt(tx.now()) == Instance.State.TERMINATED || i.stateAt(tx.now()) == Instance.State.SHUTTING_DOWN) {
                    notInstances.add(t.id());
                    continue;
                }
                if (!i.vpcId().equals(g.vpcId())) {
                    outside.add(t.id());
                    continue;
                }
                if (i.stateAt(tx.now()) == Instance.State.STOPPED || i.stateAt(tx.now()) == Instance.State.STOPPING) {
                    notRunning.add(t.id());
                    continue;
                }
            } else {
                checkIpTarget(tx, g, t);
            }
            RegisteredTarget fresh = new RegisteredTarget(t.id(), port, t.availabilityZone(), tx.now(), null);
            int at = indexOf(next, t.id(), port);
            if (at < 0) next.add(fresh);
            else if (next.get(at).deregisteringSince() != null) next.set(at, fresh); // registering again ends the draining
        }
        if (!notInstances.isEmpty()) throw Elbv2Errors.invalidTarget("The following targets are not valid instances: " + quoted(notInstances));
        if (!outside.isEmpty()) throw Elbv2Errors.invalidTarget("The following targets are not in the target group VPC '" + g.vpcId() + "': " + quoted(outside));
        if (!notRunning.isEmpty()) {
            throw Elbv2Errors.invalidTarget("The following targets are not in a running state and cannot be registered: " + quoted(notRunning));
        }
        if (next.size() > MAX_TARGETS_PER_GROUP) {
            throw new io.localvpc.core.AwsException("TooManyTargets", "You've reached the limit on the number of targets per target group ("
                    + MAX_TARGETS_PER_GROUP + ") in " + g.name());
        }
        return tx.put(g.withTargets(next));
    }

    private static void checkIpTarget(Tx tx, TargetGroup g, Given t) {
        long ip = Ipv4.parse(t.id());
        if (ip < 0) throw Elbv2Errors.invalidTarget("The IP address '" + t.id() + "' is not a valid IPv4 address");
        Vpc vpc = tx.find(Vpc.class, g.vpcId()).orElse(null);
        boolean inVpc = false;
        if (vpc != null) {
            for (VpcCidrAssociation c : vpc.cidrs()) {
                if (VpcCidrAssociation.ASSOCIATED.equals(c.state()) && Ipv4Cidr.parse(c.cidrBlock()).map(x -> x.contains(ip)).orElse(false)) inVpc = true;
            }
        }
        if (inVpc) {
            if ("all".equals(t.availabilityZone())) {
                throw Elbv2Errors.validation("The Availability Zone 'all' can be given only for IP addresses outside the target group's VPC (" + t.id() + " is in " + g.vpcId() + ")");
            }
            return;
        }
        boolean privateRange = inCidr("10.0.0.0/8", ip) || inCidr("172.16.0.0/12", ip) || inCidr("192.168.0.0/16", ip) || inCidr("100.64.0.0/10", ip);
        if (!"all".equals(t.availabilityZone()) || !privateRange) {
            throw Elbv2Errors.invalidTarget("The IP address '" + t.id() + "' is not within the CIDRs of the target group's VPC " + g.vpcId()
                    + (privateRange ? "; an address outside the VPC needs AvailabilityZone all" : ""));
        }
    }

    private static boolean inCidr(String cidr, long ip) {
        return Ipv4Cidr.parse(cidr).orElseThrow().contains(ip);
    }

    public static TargetGroup deregister(Tx tx, String groupArn, List<Given> targets) {
        TargetGroup g = TargetGroupOps.require(tx, groupArn);
        if (targets.isEmpty()) throw Elbv2Errors.validation("At least one target must be specified");
        List<RegisteredTarget> next = new ArrayList<>(TargetGroupOps.live(g, tx.now()));
        List<String> unknown = new ArrayList<>();
        boolean immediate = Elbv2Attributes.deregistrationDelaySeconds(g) == 0;
        for (Given t : targets) {
            int port = t.port() == null ? -1 : t.port();
            boolean found = false;
            for (int i = 0; i < next.size(); i++) {
                RegisteredTarget r = next.get(i);
                if (!r.id().equals(t.id()) || (port >= 0 && r.port() != port)) continue;
                found = true;
                if (r.deregisteringSince() == null) next.set(i, new RegisteredTarget(r.id(), r.port(), r.availabilityZone(), r.registeredAt(), tx.now()));
            }
            if (!found) unknown.add(t.id() + (port >= 0 ? ":" + port : ""));
        }
        if (!unknown.isEmpty()) {
            throw Elbv2Errors.invalidTarget("The following targets are not registered in target group '" + g.name() + "': " + quoted(unknown));
        }
        if (immediate) next.removeIf(r -> r.deregisteringSince() != null);
        return tx.put(g.withTargets(next));
    }

    private static int indexOf(List<RegisteredTarget> targets, String id, int port) {
        for (int i = 0; i < targets.size(); i++) if (targets.get(i).id().equals(id) && targets.get(i).port() == port) return i;
        return -1;
    }

    private static String quoted(List<String> ids) {
        return "'" + String.join("', '", ids) + "'";
    }
}
