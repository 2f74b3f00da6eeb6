package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.core.AwsException;
import io.localvpc.core.catalog.Region;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.catalog.Zone;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.ops.VpcOps;
import io.localvpc.core.state.View;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** DescribeRegions, DescribeAvailabilityZones and DescribeAccountAttributes: facts about where the caller is. */
public final class RegionHandlers implements Ec2Family {

    @Override
    public void register(OperationRegistry r) {
        r.family("Regions and account")
                .read("DescribeRegions", this::regions)
                .read("DescribeAvailabilityZones", this::zones)
                .read("DescribeAccountAttributes", this::accountAttributes);
    }

    private ObjectNode regions(Ec2Request in, View view) {
        List<String> names = in.strings("RegionNames");
        for (String n : names) {
            if (Regions.find(n).isEmpty()) throw new AwsException("InvalidParameterValue", "Invalid region: " + n);
        }
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Regions");
        for (Region r : Regions.all()) {
            if (!names.isEmpty() && !names.contains(r.name())) continue;
            if (!matches(in.objects("Filters"), Map.of(
                    "region-name", r.name(), "endpoint", r.ec2Endpoint(), "opt-in-status", "opt-in-not-required"))) continue;
            list.addObject().put("RegionName", r.name()).put("Endpoint", r.ec2Endpoint()).put("OptInStatus", "opt-in-not-required");
        }
        return out;
    }

    private ObjectNode zones(Ec2Request in, View view) {
        Region region = Regions.require(in.scope().region());
        List<String> names = in.strings("ZoneNames");
        List<String> ids = in.strings("ZoneIds");
        for (String n : names) {
            if (region.zoneByName(n).isEmpty()) throw invalidZone(n, region, Zone::name);
        }
        for (String id : ids) {
            if (region.zoneById(id).isEmpty()) throw invalidZone(id, region, Zone::id);
        }
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("AvailabilityZones");
        for (Zone z : region.zones()) {
            if (!names.isEmpty() && !names.contains(z.name())) continue;
            if (!ids.isEmpty() && !ids.contains(z.id())) continue;
            if (!matches(in.objects("Filters"), Map.of("zone-name", z.name(), "zone-id", z.id(), "region-name", region.name(),
                    "state", "available", "zone-type", "availability-zone", "group-name", region.name(),
                    "opt-in-status", "opt-in-not-required"))) continue;
            ObjectNode o = list.addObject()
                    .put("State", "available")
                    .put("OptInStatus", "opt-in-not-required")
                    .put("RegionName", region.name())
                    .put("ZoneName", z.name())
                    .put("ZoneId", z.id())
                    .put("GroupName", region.name())
                    .put("NetworkBorderGroup", region.name())
                    .put("ZoneType", "availability-zone");
            o.putArray("Messages");
        }
        return out;
    }

    private static AwsException invalidZone(String value, Region region, Function<Zone, String> name) {
        List<String> known = new ArrayList<>();
        region.zones().forEach(z -> known.add(name.apply(z)));
        return AwsException.invalidParameterValue("The zone '" + value + "' does not exist in " + region.name() + ". Zones there: " + String.join(", ", known));
    }

    private ObjectNode accountAttributes(Ec2Request in, View view) {
        String defaultVpc = VpcOps.defaultVpc(view).map(Vpc::id).orElse("none");
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        attributes.put("supported-platforms", "VPC");
        attributes.put("default-vpc", defaultVpc);
        attributes.put("max-instances", "20");
        attributes.put("vpc-max-security-groups-per-interface", "5");
        attributes.put("max-elastic-ips", "5");
        attributes.put("vpc-max-elastic-ips", "5");
        List<String> asked = in.strings("AttributeNames");
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("AccountAttributes");
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (!asked.isEmpty() && !asked.contains(e.getKey())) continue;
            ObjectNode a = list.addObject().put("AttributeName", e.getKey());
            a.putArray("AttributeValues").addObject().put("AttributeValue", e.getValue());
        }
        return out;
    }

    /** Filters over a handful of fixed facts (no resources here, so FilterSpec does not apply). */
    private static boolean matches(List<JsonNode> filters, Map<String, String> facts) {
        for (JsonNode f : filters) {
            String name = f.path("Name").asText();
            String actual = facts.get(name);
            if (actual == null) throw AwsException.invalidParameterValue("The filter '" + name + "' is invalid. Supported: " + String.join(", ", facts.keySet()));
            boolean any = false;
            for (JsonNode v : f.path("Values")) any |= v.asText().equals(actual);
            if (!any) return false;
        }
        return true;
    }
}
