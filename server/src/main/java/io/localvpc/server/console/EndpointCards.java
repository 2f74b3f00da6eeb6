package io.localvpc.server.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.core.catalog.Region;
import io.localvpc.core.catalog.Zone;
import io.localvpc.core.model.DnsEntry;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.core.state.View;

import java.util.Optional;
import java.util.Set;

/**
 * A VPC's endpoints as the console shows them: type, service, state, policy, DNS names, and for a gateway
 * endpoint its route tables, for an interface endpoint its network interfaces with their zone (name, id, and
 * whether a zone fault has it out of DNS answers and paths).
 */
final class EndpointCards {
    private EndpointCards() {
    }

    static ArrayNode of(View view, Region region, String vpcId, Set<String> downZoneIds) {
        ArrayNode out = ResourceCodec.mapper().createArrayNode();
        for (VpcEndpoint e : view.all(VpcEndpoint.class)) {
            if (!e.vpcId().equals(vpcId) || !e.isVisible(view.now())) continue;
            ObjectNode n = out.addObject();
            n.put("id", e.id()).put("name", ConsoleNames.nameOf(view, e.id())).put("type", e.endpointType())
                    .put("service", e.serviceName()).put("state", e.state(view.now()).awsName()).put("policy", e.policyDocument());
            if (e.variant() instanceof VpcEndpoint.Gateway g) {
                ArrayNode tables = n.putArray("routeTableIds");
                g.routeTableIds().forEach(tables::add);
            } else if (e.variant() instanceof VpcEndpoint.Interface i) {
                n.put("privateDnsEnabled", i.privateDnsEnabled());
                ArrayNode groups = n.putArray("groupIds");
                i.groupIds().forEach(groups::add);
                ArrayNode names = n.putArray("dnsNames");
                for (DnsEntry d : i.dnsEntries()) names.addObject().put("name", d.dnsName()).put("hostedZoneId", d.hostedZoneId());
                ArrayNode enis = n.putArray("interfaces");
                for (String eniId : i.networkInterfaceIds()) {
                    Optional<NetworkInterface> eni = view.find(NetworkInterface.class, eniId);
                    if (eni.isEmpty()) continue; // deleted with the endpoint, which is still listed for a while
                    String zoneId = region.zoneByName(eni.get().availabilityZone()).map(Zone::id).orElse(null);
                    enis.addObject().put("id", eniId).put("subnetId", eni.get().subnetId()).put("privateIp", eni.get().privateIpAddress())
                            .put("zone", eni.get().availabilityZone()).put("zoneId", zoneId)
                            .put("zoneDown", zoneId != null && downZoneIds.contains(zoneId));
                }
            }
        }
        return out;
    }
}
