package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.api.query.Page;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.model.VpcEndpointServicePermission;
import io.localvpc.core.ops.EndpointServiceConfigOps;
import io.localvpc.core.ops.EndpointServicePermissionOps;
import io.localvpc.core.ops.UnsuccessfulItem;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * A provider's endpoint services: Create/Describe/Modify/DeleteVpcEndpointServiceConfiguration(s),
 * StartVpcEndpointServicePrivateDnsVerification and Modify/DescribeVpcEndpointServicePermissions.
 */
public final class VpcEndpointServiceConfigurationHandlers implements Ec2Family {

    @Override
    public void register(OperationRegistry r) {
        r.family("VPC endpoint services (provider side)")
                .write("CreateVpcEndpointServiceConfiguration", this::create)
                .write("ModifyVpcEndpointServiceConfiguration", this::modify)
                .write("DeleteVpcEndpointServiceConfigurations", this::delete)
                .read("DescribeVpcEndpointServiceConfigurations", this::describe)
                .write("StartVpcEndpointServicePrivateDnsVerification", this::verify)
                .write("ModifyVpcEndpointServicePermissions", this::modifyPermissions)
                .read("DescribeVpcEndpointServicePermissions", this::describePermissions);
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        VpcEndpointServiceConfiguration c = EndpointServiceConfigOps.create(tx, new EndpointServiceConfigOps.Create(
                in.strings("NetworkLoadBalancerArns"), in.strings("GatewayLoadBalancerArns"), in.bool("AcceptanceRequired").orElse(null),
                in.string("PrivateDnsName"), in.strings("SupportedIpAddressTypes"), in.strings("SupportedRegions")));
        Tagging.applySpecifications(in, tx, "vpc-endpoint-service", c.id());
        ObjectNode out = Json.object();
        out.set("ServiceConfiguration", render(tx, c));
        if (in.string("ClientToken") != null) out.put("ClientToken", in.string("ClientToken"));
        return out;
    }

    private ObjectNode modify(Ec2Request in, Tx tx) {
        EndpointServiceConfigOps.modify(tx, new EndpointServiceConfigOps.Modify(in.requireString("ServiceId"), in.string("PrivateDnsName"),
                in.bool("RemovePrivateDnsName", false), in.bool("AcceptanceRequired").orElse(null),
                in.strings("AddNetworkLoadBalancerArns"), in.strings("RemoveNetworkLoadBalancerArns"),
                in.strings("AddGatewayLoadBalancerArns"), in.strings("RemoveGatewayLoadBalancerArns"),
                in.strings("AddSupportedIpAddressTypes"), in.strings("RemoveSupportedIpAddressTypes"),
                in.strings("AddSupportedRegions"), in.strings("RemoveSupportedRegions")));
        return Json.object().put("Return", true);
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        List<String> ids = in.strings("ServiceIds");
        if (ids.isEmpty()) throw AwsException.missingParameter(in.wireName("ServiceIds") + ".1");
        ObjectNode out = Json.object();
        ArrayNode failed = out.putArray("Unsuccessful");
        for (UnsuccessfulItem f : EndpointServiceConfigOps.delete(tx, ids, in.endpointServices())) UnsuccessfulItems.add(failed, f.resourceId(), f.code(), f.message());
        return out;
    }

    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<VpcEndpointServiceConfiguration> filters = FilterSpec.<VpcEndpointServiceConfiguration>builder()
                .field("service-name", VpcEndpointServiceConfiguration::serviceName)
                .field("service-id", VpcEndpointServiceConfiguration::id)
                .field("service-state", c -> c.state(view.now()).awsName())
                .fields("supported-ip-address-types", VpcEndpointServiceConfiguration::supportedIpAddressTypes)
                .unmodelled("supported-region")
                .build();
        Predicate<VpcEndpointServiceConfiguration> filter = filters.compile(in.objects("Filters"), view);
        // Each id asked for must be the caller's; AWS answers NotFound for any other (even a malformed one).
        List<String> ids = in.strings("ServiceIds");
        List<VpcEndpointServiceConfiguration> candidates = new ArrayList<>();
        if (ids.isEmpty()) candidates.addAll(view.all(VpcEndpointServiceConfiguration.class));
        for (String id : new LinkedHashSet<>(ids)) candidates.add(EndpointServiceConfigOps.require(view, id));
        List<VpcEndpointServiceConfiguration> selected = candidates.stream().filter(filter)
                .sorted(java.util.Comparator.comparing(VpcEndpointServiceConfiguration::id)).toList();
        Page<VpcEndpointServiceConfiguration> page = Page.of(selected, in);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("ServiceConfigurations");
        for (VpcEndpointServiceConfiguration c : page.items()) items.add(render(view, c));
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    private ObjectNode verify(Ec2Request in, Tx tx) {
        EndpointServiceConfigOps.verifyPrivateDns(tx, in.requireString("ServiceId"));
        return Json.object().put("ReturnValue", true);
    }

    private ObjectNode modifyPermissions(Ec2Request in, Tx tx) {
        String serviceId = in.requireString("ServiceId");
        List<VpcEndpointServicePermission> added = EndpointServicePermissionOps.modify(tx, serviceId, in.strings("AddAllowedPrincipals"),
                in.strings("RemoveAllowedPrincipals"));
        ObjectNode out = Json.object();
        if (!in.strings("AddAllowedPrincipals").isEmpty()) {
            ArrayNode set = out.putArray("AddedPrincipals");
            for (VpcEndpointServicePermission p : added) {
                set.addObject().put("PrincipalType", p.principalType()).put("Principal", p.principal())
                        .put("ServicePermissionId", p.id()).put("ServiceId", p.serviceId());
            }
        }
        out.put("ReturnValue", true);
        return out;
    }

    private ObjectNode describePermissions(Ec2Request in, View view) {
        VpcEndpointServiceConfiguration c = EndpointServiceConfigOps.require(view, in.requireString("ServiceId"));
        FilterSpec<VpcEndpointServicePermission> spec = FilterSpec.<VpcEndpointServicePermission>builder()
                .field("principal", VpcEndpointServicePermission::principal)
                .field("principal-type", VpcEndpointServicePermission::principalType)
                .build();
        Predicate<VpcEndpointServicePermission> filter = spec.compile(in.objects("Filters"), view);
        List<VpcEndpointServicePermission> selected = view.all(VpcEndpointServicePermission.class).stream()
                .filter(p -> p.serviceId().equals(c.id())).filter(filter).toList();
        Page<VpcEndpointServicePermission> page = Page.of(selected, in);
        ObjectNode out = Json.object();
        ArrayNode set = out.putArray("AllowedPrincipals");
        for (VpcEndpointServicePermission p : page.items()) {
            ObjectNode o = set.addObject().put("PrincipalType", p.principalType()).put("Principal", p.principal())
                    .put("ServicePermissionId", p.id());
            o.set("Tags", Tagging.tagSet(view, p.id()));
            o.put("ServiceId", p.serviceId());
        }
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    /** A ServiceConfiguration item, as AWS shows it to its owner. */
    static ObjectNode render(View view, VpcEndpointServiceConfiguration c) {
        String region = view.scope().region();
        ObjectNode o = Json.object();
        o.putArray("ServiceType").addObject().put("ServiceType", "Interface");
        o.put("ServiceId", c.id()).put("ServiceName", c.serviceName()).put("ServiceState", c.state(view.now()).awsName());
        o.set("AvailabilityZoneIds", Json.strings(EndpointServiceConfigOps.zoneIds(view, c)));
        o.set("AvailabilityZones", Json.strings(c.availabilityZones()));
        o.put("AcceptanceRequired", c.acceptanceRequired()).put("ManagesVpcEndpoints", false);
        o.set("NetworkLoadBalancerArns", Json.strings(c.networkLoadBalancerArns()));
        o.set("SupportedIpAddressTypes", Json.strings(c.supportedIpAddressTypes()));
        o.set("BaseEndpointDnsNames", Json.strings(List.of(c.id() + "." + region + ".vpce.amazonaws.com")));
        if (c.privateDnsName() != null) {
            o.put("PrivateDnsName", c.privateDnsName());
            o.putObject("PrivateDnsNameConfiguration").put("State", c.privateDnsState()).put("Type", "TXT")
                    .put("Value", "vpce:" + c.privateDnsToken()).put("Name", "_" + c.privateDnsToken());
        }
        o.put("PayerResponsibility", "ServiceOwner");
        o.set("Tags", Tagging.tagSet(view, c.id()));
        o.putArray("SupportedRegions");
        o.put("RemoteAccessEnabled", false);
        return o;
    }
}
