package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Describe;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.ops.ConnectionNotificationOps;
import io.localvpc.core.ops.EndpointConnectionOps;
import io.localvpc.core.ops.ProviderEndpointServices;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.VpcEndpointOps;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateVpcEndpoint, ModifyVpcEndpoint, DeleteVpcEndpoints and DescribeVpcEndpoints (Gateway and Interface endpoints). */
public final class VpcEndpointHandlers implements Ec2Family {

    @Override
    public void register(OperationRegistry r) {
        r.family("VPC endpoints")
                .write("CreateVpcEndpoint", this::create)
                .write("ModifyVpcEndpoint", this::modify)
                .write("DeleteVpcEndpoints", this::delete)
                .read("DescribeVpcEndpoints", this::describe);
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        JsonNode dns = in.node("DnsOptions");
        VpcEndpoint e = VpcEndpointOps.create(tx, new VpcEndpointOps.Create(
                in.requireString("VpcId"), in.string("VpcEndpointType"), in.string("ServiceName"), in.string("PolicyDocument"),
                in.strings("RouteTableIds"), in.strings("SubnetIds"), in.strings("SecurityGroupIds"), in.bool("PrivateDnsEnabled").orElse(null),
                in.string("IpAddressType"), text(dns, "DnsRecordIpType"), bool(dns, "PrivateDnsOnlyForInboundResolverEndpoint"),
                subnetIps(in), in.string("ServiceRegion")), in.endpointServices(), in.callerArn());
        Tagging.applySpecifications(in, tx, "vpc-endpoint", e.id());
        connectionEvent(in, tx, "Connect", e);
        ObjectNode out = Json.object();
        out.set("VpcEndpoint", VpcEndpointRenderer.render(tx, e));
        if (in.string("ClientToken") != null) out.put("ClientToken", in.string("ClientToken"));
        return out;
    }

    private ObjectNode modify(Ec2Request in, Tx tx) {
        JsonNode dns = in.node("DnsOptions");
        VpcEndpointOps.modify(tx, new VpcEndpointOps.Modify(
                in.requireString("VpcEndpointId"), in.bool("ResetPolicy", false), in.string("PolicyDocument"),
                in.strings("AddRouteTableIds"), in.strings("RemoveRouteTableIds"), in.strings("AddSubnetIds"), in.strings("RemoveSubnetIds"),
                in.strings("AddSecurityGroupIds"), in.strings("RemoveSecurityGroupIds"), in.bool("PrivateDnsEnabled").orElse(null),
                in.string("IpAddressType"), text(dns, "DnsRecordIpType"), bool(dns, "PrivateDnsOnlyForInboundResolverEndpoint"),
                subnetIps(in)), in.endpointServices());
        return Json.object().put("Return", true);
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        List<String> ids = in.strings("VpcEndpointIds");
        if (ids.isEmpty()) throw AwsException.missingParameter(in.wireName("VpcEndpointIds") + ".1");
        ObjectNode out = Json.object();
        ArrayNode failed = out.putArray("Unsuccessful");
        List<VpcEndpointOps.Failure> failures = VpcEndpointOps.delete(tx, ids);
        for (String id : ids) {
            VpcEndpoint e = tx.find(VpcEndpoint.class, id).orElse(null);
            if (e == null || e.connection() == null || !tx.now().equals(e.deletingAt())) continue; // not deleted by this call
            connectionEvent(in, tx, "Delete", e);
            ConnectionNotificationOps.removeForEndpoint(tx, e.id()); // after the event: its own notifications hear of it
        }
        for (VpcEndpointOps.Failure f : failures) UnsuccessfulItems.add(failed, f.resourceId(), f.code(), f.message());
        return out;
    }

    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<VpcEndpoint> filters = FilterSpec.<VpcEndpoint>builder()
                .field("vpc-endpoint-id", VpcEndpoint::id)
                .field("vpc-id", VpcEndpoint::vpcId)
                .field("service-name", VpcEndpoint::serviceName)
                .field("service-region", VpcEndpoint::serviceRegion)
                .field("vpc-endpoint-state", e -> e.state(view.now()))
                .field("vpc-endpoint-type", VpcEndpoint::endpointType)
                .field("ip-address-type", VpcEndpoint::ipAddressType)
                .build();
        return new Describe<>(VpcEndpoint.class, IdKind.VPC_ENDPOINT, "VpcEndpointIds", filters, "VpcEndpoints",
                e -> VpcEndpointRenderer.render(view, e))
                .visibleWhen(e -> e.isVisible(view.now()))
                .run(in, view);
    }

    /** The event of an endpoint to a provider's service, told once the transaction commits; nothing for AWS services. */
    private static void connectionEvent(Ec2Request in, Tx tx, String name, VpcEndpoint e) {
        if (e.connection() == null) return;
        ProviderEndpointServices directory = in.endpointServices();
        directory.seenFrom(tx).byId(tx.scope().region(), e.connection().serviceId()).ifPresent(found ->
                in.connectionEvent(EndpointConnectionOps.event(tx, directory, name, found.configuration(), tx.scope(), e)));
    }

    /** SubnetConfiguration.N: {SubnetId, Ipv4} → the address asked for in that subnet. IPv6 addresses are not modelled. */
    private static Map<String, String> subnetIps(Ec2Request in) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode c : in.objects("SubnetConfigurations")) {
            String subnet = c.path("SubnetId").asText(null);
            if (subnet == null) throw AwsException.missingParameter("SubnetConfiguration.N.SubnetId");
            if (c.has("Ipv6")) throw AwsException.invalidParameter("SubnetConfiguration Ipv6 is not supported: localvpc endpoints are ipv4 only.");
            if (c.has("Ipv4")) out.put(subnet, c.path("Ipv4").asText());
        }
        return out;
    }

    private static String text(JsonNode n, String member) {
        JsonNode v = n.get(member);
        return v == null ? null : v.asText();
    }

    private static Boolean bool(JsonNode n, String member) {
        JsonNode v = n.get(member);
        return v == null ? null : v.asBoolean();
    }
}
