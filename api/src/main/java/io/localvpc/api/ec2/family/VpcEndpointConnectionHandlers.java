package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.api.query.Page;
import io.localvpc.core.model.DnsEntry;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.ops.EndpointConnectionEvent;
import io.localvpc.core.ops.EndpointConnectionOps;
import io.localvpc.core.ops.ProviderEndpointServices;
import io.localvpc.core.ops.UnsuccessfulItem;
import io.localvpc.core.state.Resource;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** The provider's side of its services' connections: Accept/RejectVpcEndpointConnections and DescribeVpcEndpointConnections. */
public final class VpcEndpointConnectionHandlers implements Ec2Family {

    /** One connection as the provider sees it; ordered by endpoint id. */
    private record Row(String id, VpcEndpointServiceConfiguration service, VpcEndpoint endpoint, String state) implements Resource {
    }

    @Override
    public void register(OperationRegistry r) {
        r.family("VPC endpoint services (provider side)")
                .write("AcceptVpcEndpointConnections", (in, tx) -> decide(in, tx, true))
                .write("RejectVpcEndpointConnections", (in, tx) -> decide(in, tx, false))
                .read("DescribeVpcEndpointConnections", this::describe);
    }

    private ObjectNode decide(Ec2Request in, Tx tx, boolean accept) {
        List<EndpointConnectionEvent> events = new ArrayList<>();
        List<UnsuccessfulItem> failures = EndpointConnectionOps.decide(tx, in.requireString("ServiceId"), in.strings("VpcEndpointIds"),
                accept, in.endpointServices(), (scope, work) -> in.writeIn(scope, tx, work), events);
        events.forEach(in::connectionEvent);
        ObjectNode out = Json.object();
        ArrayNode failed = out.putArray("Unsuccessful");
        for (UnsuccessfulItem f : failures) UnsuccessfulItems.add(failed, f.resourceId(), f.code(), f.message());
        return out;
    }

    private ObjectNode describe(Ec2Request in, View view) {
        ProviderEndpointServices directory = in.endpointServices().seenFrom(view);
        List<Row> rows = new ArrayList<>();
        for (VpcEndpointServiceConfiguration c : view.all(VpcEndpointServiceConfiguration.class)) {
            for (ProviderEndpointServices.Connection conn : directory.connectionsTo(view.scope().region(), c.serviceName())) {
                if (!c.id().equals(conn.endpoint().connection().serviceId())) continue;
                rows.add(new Row(conn.endpoint().id(), c, conn.endpoint(), conn.endpoint().state(view.now()).awsName()));
            }
        }
        FilterSpec<Row> spec = FilterSpec.<Row>builder()
                .field("ip-address-type", r -> r.endpoint().ipAddressType())
                .field("service-id", r -> r.service().id())
                .field("vpc-endpoint-owner", r -> r.endpoint().ownerId())
                .field("vpc-endpoint-state", Row::state)
                .field("vpc-endpoint-id", Row::id)
                .field("vpc-endpoint-region", r -> r.endpoint().serviceRegion())
                .build();
        Predicate<Row> filter = spec.compile(in.objects("Filters"), view);
        List<Row> selected = rows.stream().filter(filter).sorted(Comparator.comparing(Row::id)).toList();
        Page<Row> page = Page.of(selected, in);
        ObjectNode out = Json.object();
        ArrayNode set = out.putArray("VpcEndpointConnections");
        for (Row r : page.items()) set.add(render(r));
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    private static ObjectNode render(Row r) {
        VpcEndpoint e = r.endpoint();
        ObjectNode o = Json.object().put("ServiceId", r.service().id()).put("VpcEndpointId", e.id()).put("VpcEndpointOwner", e.ownerId())
                .put("VpcEndpointState", r.state()).put("CreationTimestamp", Json.timestamp(e.createdAt()));
        ArrayNode dns = o.putArray("DnsEntries");
        if (e.variant() instanceof VpcEndpoint.Interface i) {
            for (DnsEntry d : i.dnsEntries()) {
                if (d.hostedZoneId().equals(i.privateHostedZoneId())) continue; // the consumer's private zone is its own
                dns.addObject().put("DnsName", d.dnsName()).put("HostedZoneId", d.hostedZoneId());
            }
        }
        o.set("NetworkLoadBalancerArns", Json.strings(r.service().networkLoadBalancerArns()));
        o.put("IpAddressType", e.ipAddressType());
        // AWS's connection id is its own; localvpc derives a stable one from the endpoint's.
        o.put("VpcEndpointConnectionId", "vpce-con-" + e.id().substring("vpce-".length()));
        o.putArray("Tags");
        o.put("VpcEndpointRegion", e.serviceRegion());
        return o;
    }
}
