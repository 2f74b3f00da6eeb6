package io.localvpc.api.elbv2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.awsquery.QueryProtocolService.Handler;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.ops.elbv2.Elbv2Attributes;
import io.localvpc.core.ops.elbv2.Elbv2Errors;
import io.localvpc.core.ops.elbv2.Elbv2Tags;
import io.localvpc.core.ops.elbv2.LoadBalancerOps;
import io.localvpc.core.ops.elbv2.TargetGroupOps;
import io.localvpc.core.ops.elbv2.TargetHealthStatus;
import io.localvpc.core.ops.elbv2.TargetRegistration;
import io.localvpc.core.path.TargetHealthBook;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Target groups, their attributes, RegisterTargets, DeregisterTargets and DescribeTargetHealth. */
final class TargetGroupHandlers {
    private final Elbv2Store elb;
    private final Supplier<TargetHealthBook> health;

    TargetGroupHandlers(Elbv2Store elb, Supplier<TargetHealthBook> health) {
        this.elb = elb;
        this.health = health;
    }

    void register(Map<String, Handler> h) {
        h.put("CreateTargetGroup", in -> elb.write(in, tx -> {
            TargetGroup g = TargetGroupOps.create(tx, new TargetGroupOps.Create(in.string("Name"), in.string("Protocol"), in.string("ProtocolVersion"),
                    in.integer("Port"), in.string("VpcId"), in.string("TargetType"), in.string("IpAddressType"), Elbv2Params.healthCheck(in)));
            Elbv2Tags.add(tx, g.id(), Elbv2Params.tags(in));
            return groups(tx, List.of(g));
        }));
        h.put("ModifyTargetGroup", in -> elb.write(in, tx -> groups(tx, List.of(TargetGroupOps.modify(tx, in.string("TargetGroupArn"), Elbv2Params.healthCheck(in))))));
        h.put("DeleteTargetGroup", in -> elb.write(in, tx -> {
            TargetGroupOps.delete(tx, in.string("TargetGroupArn"));
            return null;
        }));
        h.put("DescribeTargetGroups", in -> {
            View v = elb.view(in);
            List<String> arns = in.strings("TargetGroupArns");
            List<String> names = in.strings("Names");
            String lbArn = in.string("LoadBalancerArn");
            int given = (arns.isEmpty() ? 0 : 1) + (names.isEmpty() ? 0 : 1) + (lbArn == null ? 0 : 1);
            if (given > 1) throw Elbv2Errors.validation("Only one of LoadBalancerArn, TargetGroupArns and Names can be specified");
            List<TargetGroup> found = new ArrayList<>();
            if (!arns.isEmpty()) for (String a : arns) found.add(TargetGroupOps.require(v, a));
            else if (!names.isEmpty()) for (String n : names) found.add(TargetGroupOps.requireByName(v, n));
            else if (lbArn != null) {
                LoadBalancerOps.require(v, lbArn);
                for (TargetGroup g : v.all(TargetGroup.class)) if (TargetGroupOps.loadBalancersOf(v, g.id()).contains(lbArn)) found.add(g);
            } else found.addAll(v.all(TargetGroup.class));
            found.sort(Comparator.comparing(TargetGroup::id));
            return Elbv2Pages.page(in, found.stream().distinct().toList(), TargetGroup::id, "TargetGroups", g -> Elbv2Render.targetGroup(v, g));
        });
        h.put("DescribeTargetGroupAttributes", in -> Elbv2Render.attributes(Elbv2Attributes.ofTargetGroup(TargetGroupOps.require(elb.view(in), in.string("TargetGroupArn")))));
        h.put("ModifyTargetGroupAttributes", in -> elb.write(in, tx -> {
            Map<String, String> changes = Elbv2Params.attributes(in);
            Map<String, String> all = Elbv2Attributes.ofTargetGroup(TargetGroupOps.modifyAttributes(tx, in.string("TargetGroupArn"), changes));
            all.keySet().retainAll(changes.keySet());
            return Elbv2Render.attributes(all);
        }));
        h.put("RegisterTargets", in -> elb.write(in, tx -> {
            TargetRegistration.register(tx, in.string("TargetGroupArn"), Elbv2Params.targets(in));
            return null;
        }));
        h.put("DeregisterTargets", in -> elb.write(in, tx -> {
            TargetRegistration.deregister(tx, in.string("TargetGroupArn"), Elbv2Params.targets(in));
            return null;
        }));
        h.put("DescribeTargetHealth", in -> {
            View v = elb.view(in);
            TargetGroup g = TargetGroupOps.require(v, in.string("TargetGroupArn"));
            List<TargetGroup.RegisteredTarget> live = TargetGroupOps.live(g, v.now());
            TargetHealthBook book = health.get();
            ObjectNode out = Json.object();
            ArrayNode list = out.putArray("TargetHealthDescriptions");
            List<io.localvpc.core.ops.elbv2.TargetRegistration.Given> asked = Elbv2Params.targets(in);
            if (asked.isEmpty()) {
                for (TargetGroup.RegisteredTarget t : live) list.add(description(v, g, t, TargetHealthStatus.of(v, g, t, book)));
                return out;
            }
            for (TargetRegistration.Given a : asked) {
                if (a.id() == null) throw Elbv2Errors.validation("A target ID must be specified");
                boolean any = false;
                for (TargetGroup.RegisteredTarget t : live) {
                    if (t.id().equals(a.id()) && (a.port() == null || a.port() == t.port())) {
                        list.add(description(v, g, t, TargetHealthStatus.of(v, g, t, book)));
                        any = true;
                    }
                }
                if (!any) {
                    TargetGroup.RegisteredTarget ghost = new TargetGroup.RegisteredTarget(a.id(), a.port() == null ? g.port() : a.port(), a.availabilityZone(), v.now(), null);
                    list.add(description(v, g, ghost, TargetHealthStatus.NOT_REGISTERED));
                }
            }
            return out;
        });
    }

    private static ObjectNode groups(View v, List<TargetGroup> groups) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("TargetGroups");
        for (TargetGroup g : groups) list.add(Elbv2Render.targetGroup(v, g));
        return out;
    }

    private static ObjectNode description(View v, TargetGroup g, TargetGroup.RegisteredTarget t, TargetHealthBook.Health health) {
        ObjectNode o = Json.object();
        ObjectNode target = o.putObject("Target").put("Id", t.id()).put("Port", t.port());
        String zone = TargetHealthStatus.zoneOf(v, g, t);
        if (zone != null) target.put("AvailabilityZone", zone);
        o.put("HealthCheckPort", String.valueOf(g.healthCheck().portFor(t)));
        ObjectNode th = o.putObject("TargetHealth").put("State", health.state());
        if (health.reason() != null) th.put("Reason", health.reason());
        if (health.description() != null) th.put("Description", health.description());
        return o;
    }
}
