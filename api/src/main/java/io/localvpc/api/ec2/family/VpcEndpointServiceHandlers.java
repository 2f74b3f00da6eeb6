package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.api.query.Page;
import io.localvpc.core.AwsException;
import io.localvpc.core.catalog.EndpointService;
import io.localvpc.core.catalog.EndpointServiceCatalog;
import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.ops.EndpointConnectionOps;
import io.localvpc.core.ops.EndpointServiceConfigOps;
import io.localvpc.core.ops.ProviderEndpointServices;
import io.localvpc.core.state.Resource;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * DescribeVpcEndpointServices over the AWS endpoint-service catalog of the caller's region and the providers' services
 * (in any account of the region) that admit the caller: its own, and those whose permissions name its account's root,
 * its own ARN or {@code *}. Any other provider service does not exist for the caller, as on AWS.
 */
public final class VpcEndpointServiceHandlers implements Ec2Family {

    /** One line of AWS's answer: a service offering both types is listed once per type. */
    private record Entry(EndpointService service, String type, ProviderEndpointServices.Found provider) implements Resource {
        /** Name, then type: a space sorts before every character of a service name, so names stay in order. */
        @Override
        public String id() {
            return service.serviceName() + " " + type;
        }

        String owner() {
            return provider == null ? "amazon" : provider.owner().account();
        }

        List<String> ipTypes() {
            return provider == null ? List.of("ipv4") : provider.configuration().supportedIpAddressTypes();
        }
    }

    private static final FilterSpec<Entry> FILTERS = FilterSpec.<Entry>builder()
            .field("service-name", e -> e.service().serviceName())
            .field("service-type", Entry::type)
            .field("service-region", e -> e.service().region())
            .field("owner", Entry::owner)
            .fields("supported-ip-address-types", Entry::ipTypes)
            .build();

    @Override
    public void register(OperationRegistry r) {
        r.family("VPC endpoint services").read("DescribeVpcEndpointServices", this::describe);
    }

    private ObjectNode describe(Ec2Request in, View view) {
        String region = view.scope().region();
        List<EndpointService> services = new ArrayList<>();
        Map<String, ProviderEndpointServices.Found> providers = new HashMap<>();
        ProviderEndpointServices directory = in.endpointServices().seenFrom(view);
        String account = view.scope().account();
        List<String> names = in.strings("ServiceNames");
        if (names.isEmpty()) {
            services.addAll(EndpointServiceCatalog.all(region));
            for (ProviderEndpointServices.Found f : directory.all(region)) {
                if (f.admits(account, in.callerArn())) providers.put(f.configuration().serviceName(), f);
            }
        } else {
            for (String name : new LinkedHashSet<>(names)) {
                directory.byName(region, name).filter(f -> f.admits(account, in.callerArn())).ifPresent(f -> providers.put(name, f));
                if (providers.containsKey(name)) continue;
                services.add(EndpointServiceCatalog.find(region, name).orElseThrow(() -> new AwsException("InvalidServiceName",
                        "The Vpc Endpoint Service '" + name + "' does not exist")));
            }
        }
        for (ProviderEndpointServices.Found f : providers.values()) {
            services.add(EndpointConnectionOps.asEndpointService(f.configuration(), region));
        }
        List<String> regions = in.strings("ServiceRegions");
        Predicate<Entry> filter = FILTERS.compile(in.objects("Filters"), view);
        List<Entry> selected = new ArrayList<>();
        for (EndpointService s : services) {
            if (!regions.isEmpty() && !regions.contains(s.region())) continue;
            for (String type : s.typesInOrder()) {
                Entry e = new Entry(s, type, providers.get(s.serviceName()));
                if (filter.test(e)) selected.add(e);
            }
        }
        selected.sort(Comparator.comparing(Entry::id));
        Page<Entry> page = Page.of(selected, in);
        ObjectNode out = Json.object();
        ArrayNode serviceNames = out.putArray("ServiceNames");
        ArrayNode details = out.putArray("ServiceDetails");
        for (Entry e : page.items()) {
            serviceNames.add(e.service().serviceName());
            details.add(render(e));
        }
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    private static ObjectNode render(Entry e) {
        if (e.provider() != null) return renderProvided(e);
        EndpointService s = e.service();
        ObjectNode o = Json.object()
                .put("ServiceName", s.serviceName())
                .put("ServiceId", s.serviceId(e.type()))
                .put("ServiceRegion", s.region())
                .put("Owner", "amazon");
        o.putArray("ServiceType").addObject().put("ServiceType", e.type());
        o.set("AvailabilityZones", Json.strings(s.availabilityZones()));
        o.set("BaseEndpointDnsNames", Json.strings(List.of(s.baseEndpointDnsName(e.type()))));
        List<String> privateDns = s.privateDnsNames(e.type());
        if (!privateDns.isEmpty()) {
            o.put("PrivateDnsName", privateDns.get(0));
            ArrayNode list = o.putArray("PrivateDnsNames");
            for (String name : privateDns) list.addObject().put("PrivateDnsName", name);
            o.put("PrivateDnsNameVerificationState", "verified");
        }
        o.put("VpcEndpointPolicySupported", s.policySupported())
                .put("AcceptanceRequired", s.acceptanceRequired())
                .put("ManagesVpcEndpoints", false)
                .put("PayerResponsibility", "ServiceOwner");
        o.set("SupportedIpAddressTypes", Json.strings(List.of("ipv4")));
        o.putArray("Tags");
        return o;
    }

    /** A provider's service as a consumer sees it: its owner, its acceptance and its private DNS name with its state. */
    private static ObjectNode renderProvided(Entry e) {
        VpcEndpointServiceConfiguration c = e.provider().configuration();
        ObjectNode o = Json.object()
                .put("ServiceName", c.serviceName())
                .put("ServiceId", c.id())
                .put("ServiceRegion", e.service().region())
                .put("Owner", e.owner());
        o.putArray("ServiceType").addObject().put("ServiceType", "Interface");
        o.set("AvailabilityZoneIds", Json.strings(EndpointServiceConfigOps.zoneIds(e.provider().view(), c)));
        o.set("AvailabilityZones", Json.strings(c.availabilityZones()));
        o.set("BaseEndpointDnsNames", Json.strings(List.of(e.service().baseEndpointDnsName("Interface"))));
        if (c.privateDnsName() != null) {
            o.put("PrivateDnsName", c.privateDnsName());
            o.putArray("PrivateDnsNames").addObject().put("PrivateDnsName", c.privateDnsName());
            o.put("PrivateDnsNameVerificationState", c.privateDnsState());
        }
        o.put("VpcEndpointPolicySupported", false)
                .put("AcceptanceRequired", c.acceptanceRequired())
                .put("ManagesVpcEndpoints", false)
                .put("PayerResponsibility", "ServiceOwner");
        o.set("SupportedIpAddressTypes", Json.strings(c.supportedIpAddressTypes()));
        o.putArray("Tags");
        return o;
    }
}
