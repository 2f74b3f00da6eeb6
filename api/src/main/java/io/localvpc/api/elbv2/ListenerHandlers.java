package io.localvpc.api.elbv2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.awsquery.QueryProtocolService.Handler;
import io.localvpc.api.awsquery.QueryProtocolService.QueryRequest;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.model.Listener;
import io.localvpc.core.ops.elbv2.Elbv2Errors;
import io.localvpc.core.ops.elbv2.Elbv2Tags;
import io.localvpc.core.ops.elbv2.ListenerOps;
import io.localvpc.core.ops.elbv2.LoadBalancerOps;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** CreateListener, DescribeListeners, ModifyListener and DeleteListener. */
final class ListenerHandlers {
    private final Elbv2Store elb;

    ListenerHandlers(Elbv2Store elb) {
        this.elb = elb;
    }

    void register(Map<String, Handler> h) {
        h.put("CreateListener", in -> elb.write(in, tx -> {
            Listener l = ListenerOps.create(tx, in.string("LoadBalancerArn"), settings(in));
            Elbv2Tags.add(tx, l.id(), Elbv2Params.tags(in));
            return one(l);
        }));
        h.put("ModifyListener", in -> elb.write(in, tx -> one(ListenerOps.modify(tx, in.string("ListenerArn"), settings(in)))));
        h.put("DeleteListener", in -> elb.write(in, tx -> {
            ListenerOps.delete(tx, in.string("ListenerArn"));
            return null;
        }));
        h.put("DescribeListeners", in -> {
            View v = elb.view(in);
            List<String> arns = in.strings("ListenerArns");
            String lbArn = in.string("LoadBalancerArn");
            if (arns.isEmpty() && lbArn == null) throw Elbv2Errors.validation("You must specify either listener ARNs or a load balancer ARN");
            if (!arns.isEmpty() && lbArn != null) throw Elbv2Errors.validation("Listener ARNs and a load balancer ARN cannot be specified at the same time");
            List<Listener> found = new ArrayList<>();
            if (lbArn != null) found.addAll(ListenerOps.of(v, LoadBalancerOps.require(v, lbArn).id()));
            else for (String a : arns) found.add(ListenerOps.require(v, a));
            found.sort(Comparator.comparing(Listener::id));
            return Elbv2Pages.page(in, found.stream().distinct().toList(), Listener::id, "Listeners", Elbv2Render::listener);
        });
    }

    private static ListenerOps.Settings settings(QueryRequest in) {
        List<String> alpn = in.strings("AlpnPolicy");
        if (alpn.size() > 1) throw Elbv2Errors.validation("A listener takes one ALPN policy");
        return new ListenerOps.Settings(in.integer("Port"), in.string("Protocol"), in.string("SslPolicy"), Elbv2Params.certificates(in),
                alpn.isEmpty() ? null : alpn.get(0), Elbv2Params.actions(in));
    }

    private static ObjectNode one(Listener l) {
        ObjectNode out = Json.object();
        out.putArray("Listeners").add(Elbv2Render.listener(l));
        return out;
    }
}
