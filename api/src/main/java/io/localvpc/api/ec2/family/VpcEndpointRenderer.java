package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.core.model.DnsEntry;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.model.VpcEndpoint.Gateway;
import io.localvpc.core.model.VpcEndpoint.Interface;
import io.localvpc.core.state.View;

import java.util.List;

/**
 * A VpcEndpoint item as AWS writes it: every set present even when empty, lowerCamel states, the policy
 * only where the service supports one, DnsOptions only on interface endpoints.
 */
final class VpcEndpointRenderer {
    private VpcEndpointRenderer() {
    }

    static ObjectNode render(View view, VpcEndpoint e) {
        ObjectNode o = Json.object()
                .put("VpcEndpointId", e.id())
                .put("VpcEndpointType", e.endpointType())
                .put("VpcId", e.vpcId())
                .put("ServiceName", e.serviceName())
                .put("State", e.state(view.now()).awsName());
        if (e.policyDocument() != null) o.put("PolicyDocument", e.policyDocument());
        List<String> tables = e.variant() instanceof Gateway g ? g.routeTableIds() : List.of();
        Interface i = e.variant() instanceof Interface x ? x : null;
        o.set("RouteTableIds", Json.strings(tables));
        o.set("SubnetIds", Json.strings(i == null ? List.of() : i.subnetIds()));
        ArrayNode groups = o.putArray("Groups");
        if (i != null) {
            for (String id : i.groupIds()) {
                ObjectNode g = groups.addObject().put("GroupId", id);
                view.find(SecurityGroup.class, id).ifPresent(sg -> g.put("GroupName", sg.groupName()));
            }
        }
        o.put("IpAddressType", e.ipAddressType());
        if (i != null) o.putObject("DnsOptions").put("DnsRecordIpType", e.dnsRecordIpType());
        o.put("PrivateDnsEnabled", i != null && i.privateDnsEnabled());
        o.put("RequesterManaged", false);
        o.set("NetworkInterfaceIds", Json.strings(i == null ? List.of() : i.networkInterfaceIds()));
        ArrayNode dns = o.putArray("DnsEntries");
        if (i != null) for (DnsEntry d : i.dnsEntries()) dns.addObject().put("DnsName", d.dnsName()).put("HostedZoneId", d.hostedZoneId());
        o.put("CreationTimestamp", Json.timestamp(e.createdAt()));
        o.set("Tags", Tagging.tagSet(view, e.id()));
        o.put("OwnerId", e.ownerId());
        o.put("ServiceRegion", e.serviceRegion());
        return o;
    }
}
