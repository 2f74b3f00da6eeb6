package io.localvpc.api.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.awsquery.QueryProtocolService.Handler;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.ops.elbv2.Elbv2Attributes;
import io.localvpc.core.ops.elbv2.Elbv2Errors;
import io.localvpc.core.ops.elbv2.Elbv2Tags;
import io.localvpc.core.ops.elbv2.LoadBalancerOps;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer and the load balancer attributes. */
final class LoadBalancerHandlers {
    private final Elbv2Store elb;

    LoadBalancerHandlers(Elbv2Store elb) {
        this.elb = elb;
    }

    void register(Map<String, Handler> h) {
        h.put("CreateLoadBalancer", in -> {
            List<String> subnets = in.strings("Subnets");
            JsonNode mappings = in.node("SubnetMappings");
            if (!subnets.isEmpty() && mappings.size() > 0) throw Elbv2Errors.validation("You can specify subnets or subnet mappings, not both");
            if (in.string("CustomerOwnedIpv4Pool") != null) throw Elbv2Errors.invalidConfiguration("Customer-owned IPv4 pools (Outposts) are for Application Load Balancers");
            List<LoadBalancerOps.SubnetMapping> given = new ArrayList<>();
            for (String s : subnets) given.add(new LoadBalancerOps.SubnetMapping(s, null, null));
            for (JsonNode m : mappings) {
                String subnet = Elbv2Params.text(m, "SubnetId");
                if (subnet == null) throw Elbv2Errors.validation("A subnet ID must be specified in each subnet mapping");
                given.add(new LoadBalancerOps.SubnetMapping(subnet, Elbv2Params.text(m, "AllocationId"), Elbv2Params.text(m, "PrivateIPv4Address")));
            }
            LoadBalancerOps.Create req = new LoadBalancerOps.Create(in.string("Name"), in.string("Type"), in.string("Scheme"), given,
                    mappings.size() > 0, in.params().has("SecurityGroups") ? in.strings("SecurityGroups") : null, in.string("IpAddressType"));
            return elb.write(in, tx -> {
                LoadBalancer lb = LoadBalancerOps.create(tx, req);
                Elbv2Tags.add(tx, lb.id(), Elbv2Params.tags(in));
                ObjectNode out = Json.object();
                out.putArray("LoadBalancers").add(Elbv2Render.loadBalancer(tx, lb));
                return out;
            });
        });
        h.put("DescribeLoadBalancers", in -> {
            View v = elb.view(in);
            List<String> arns = in.strings("LoadBalancerArns");
            List<String> names = in.strings("Names");
            if (!arns.isEmpty() && !names.isEmpty()) throw Elbv2Errors.validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
            List<LoadBalancer> found = new ArrayList<>();
            if (!arns.isEmpty()) for (String a : arns) found.add(LoadBalancerOps.require(v, a));
            else if (!names.isEmpty()) for (String n : names) found.add(LoadBalancerOps.requireByName(v, n));
            else found.addAll(v.all(LoadBalancer.class));
            found.sort(java.util.Comparator.comparing(LoadBalancer::id));
            return Elbv2Pages.page(in, found.stream().distinct().toList(), LoadBalancer::id, "LoadBalancers", lb -> Elbv2Render.loadBalancer(v, lb));
        });
        h.put("DeleteLoadBalancer", in -> elb.write(in, tx -> {
            LoadBalancerOps.delete(tx, in.string("LoadBalancerArn"));
            return null;
        }));
        h.put("DescribeLoadBalancerAttributes", in -> {
            LoadBalancer lb = LoadBalancerOps.require(elb.view(in), in.string("LoadBalancerArn"));
            return Elbv2Render.attributes(Elbv2Attributes.ofLoadBalancer(lb.attributes()));
        });
        h.put("ModifyLoadBalancerAttributes", in -> elb.write(in, tx -> {
            Map<String, String> changes = Elbv2Params.attributes(in);
            LoadBalancer lb = LoadBalancerOps.modifyAttributes(tx, in.string("LoadBalancerArn"), changes);
            Map<String, String> all = Elbv2Attributes.ofLoadBalancer(lb.attributes());
            all.keySet().retainAll(changes.keySet());
            return Elbv2Render.attributes(all);
        }));
    }
}
