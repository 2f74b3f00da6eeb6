package io.localvpc.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ApiCall;
import io.localvpc.api.ApiReply;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.catalog.Zone;
import io.localvpc.core.path.Flow;
import io.localvpc.core.path.Hop;
import io.localvpc.core.path.Target;
import io.localvpc.core.path.Verdict;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.server.dataplane.DataPlane;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The data plane's admin endpoints: a VPC's resolver address, a path decision without sending anything
 * ({@code localvpc trace}), zone faults, and localvpc's CA certificate.
 */
final class DataPlaneAdmin {
    private final DataPlane dataPlane;
    private final PublishedAdmin published;

    DataPlaneAdmin(DataPlane dataPlane) {
        this.dataPlane = dataPlane;
        this.published = new PublishedAdmin(dataPlane.published());
    }

    Optional<ApiReply> handle(ApiCall call) {
        String path = call.path();
        String method = call.method();
        if (method.equals("GET") && path.startsWith("/_localvpc/dns/")) return Optional.of(resolver(path.substring("/_localvpc/dns/".length())));
        if (method.equals("POST") && path.equals("/_localvpc/trace")) return Optional.of(trace(call.body()));
        if (method.equals("GET") && path.startsWith("/_localvpc/workloads/")) return Optional.of(workload(path.substring("/_localvpc/workloads/".length())));
        if (path.equals(PublishedAdmin.PATH)) return published.handle(call);
        if (method.equals("GET") && path.equals("/_localvpc/faults")) return Optional.of(faults());
        if (method.equals("POST") && path.startsWith("/_localvpc/faults/az/")) return Optional.of(fault(path.substring("/_localvpc/faults/az/".length())));
        if (method.equals("GET") && path.equals("/_localvpc/cost")) return Optional.of(cost(call.rawQuery()));
        if (method.equals("GET") && path.equals("/_localvpc/ca.pem")) {
            return Optional.of(new ApiReply(200, "application/x-pem-file", dataPlane.ca().certificatePem().getBytes(StandardCharsets.US_ASCII)));
        }
        return Optional.empty();
    }

    /** The bill so far ({@code ?account=…&region=…} narrows it), with a what-if per VPC and service. */
    private ApiReply cost(String rawQuery) {
        java.util.Map<String, String> q = new java.util.HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) q.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        io.localvpc.core.cost.CostReport.Bill bill = io.localvpc.core.cost.CostReport.of(dataPlane.costLedger().snapshot(),
                java.time.Instant.now(), q.get("account"), q.get("region"));
        try {
            return ApiReply.json(200, ResourceCodec.mapper().writeValueAsString(bill));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the bill could not be written as JSON", e);
        }
    }

    private ApiReply resolver(String vpcId) {
        Optional<InetSocketAddress> address = dataPlane.resolver(vpcId);
        if (address.isEmpty()) return ApiReply.json(404, AdminApi.error("no VPC " + vpcId + " exists in any account or region"));
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("vpcId", vpcId);
        o.put("resolver", address.get().getHostString() + ":" + address.get().getPort());
        return ApiReply.json(200, o.toString());
    }

    private ApiReply workload(String id) {
        return dataPlane.workload(id)
                .map(w -> {
                    ObjectNode o = ResourceCodec.mapper().createObjectNode();
                    w.forEach(o::put);
                    return ApiReply.json(200, o.toString());
                })
                .orElseGet(() -> ApiReply.json(404, AdminApi.error("no instance or network interface " + id + " exists in any account or region")));
    }

    private ApiReply trace(byte[] body) {
        JsonNode req;
        try {
            req = ResourceCodec.mapper().readTree(body);
        } catch (Exception e) {
            return ApiReply.json(400, AdminApi.error("the body must be JSON like {\"source\":\"i-…\",\"destination\":\"s3.us-east-1.amazonaws.com\",\"port\":443}"));
        }
        String source = req == null ? "" : req.path("source").asText("");
        String destination = req == null ? "" : req.path("destination").asText("");
        int port = req == null ? 443 : req.path("port").asInt(443);
        if (source.isEmpty() || destination.isEmpty() || port < 1 || port > 65535) {
            return ApiReply.json(400, AdminApi.error("trace needs source (an instance or network interface id), destination (a name or IPv4 address) and port 1-65535"));
        }
        Flow flow = Flow.tcp(source, destination, port);
        Optional<Verdict> verdict = dataPlane.trace(flow);
        if (verdict.isEmpty()) return ApiReply.json(404, AdminApi.error("no instance or network interface " + source + " exists in any account or region"));
        ObjectNode out = render(verdict.get());
        String action = req.path("action").asText("");
        if (!action.isEmpty()) {
            String resource = req.path("resource").asText("*");
            String key = req.path("accessKeyId").asText("");
            dataPlane.authorize(verdict.get(), flow, key.isEmpty() ? null : key, action, resource).ifPresent(a -> {
                ObjectNode p = out.putObject("policy");
                p.put("action", action).put("resource", resource).put("allowed", a.allowed()).put("decision", a.decision().name());
                p.put("reason", a.reason());
                if (a.deciding() != null) p.put("deciding", a.deciding().toString());
                ArrayNode evaluated = p.putArray("evaluated");
                a.evaluated().forEach(e -> evaluated.add(e.toString()));
            });
        }
        return ApiReply.json(200, out.toString());
    }

    static ObjectNode render(Verdict v) {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("verdict", v instanceof Verdict.Delivered ? "delivered" : "refused");
        o.put("summary", v.summary());
        if (v instanceof Verdict.Refused r) o.put("reason", r.reason().name());
        if (v instanceof Verdict.Delivered d) {
            ObjectNode t = o.putObject("target");
            t.put("address", d.target().address());
            t.put("port", d.target().port());
            if (d.target() instanceof Target.AwsService s) {
                t.put("service", s.serviceName());
                t.put("via", s.via().id());
            }
            if (d.target() instanceof Target.Interface i) {
                t.put("networkInterfaceId", i.networkInterfaceId());
                if (i.instanceId() != null) t.put("instanceId", i.instanceId());
                if (i.servedBy() != null) t.put("servedBy", i.servedBy());
            }
            if (d.target() instanceof Target.LoadBalanced b) {
                t.put("loadBalancerArn", b.loadBalancerArn()).put("listenerArn", b.listenerArn()).put("targetGroupArn", b.targetGroupArn())
                        .put("targetId", b.targetId()).put("targetAddress", b.target().address()).put("targetPort", b.target().port())
                        .put("sourceAddressSeen", b.sourceAddress()).put("zoneId", b.zoneId());
                if (b.endpointId() != null) t.put("vpcEndpointId", b.endpointId()).put("providerAccount", b.providerAccount());
                if (b.target().instanceId() != null) t.put("instanceId", b.target().instanceId());
                if (b.target().servedBy() != null) t.put("servedBy", b.target().servedBy());
            }
            if (d.target() instanceof Target.InstanceMetadata m) t.put("service", "instance-metadata").put("instanceId", m.instanceId());
        }
        ArrayNode hops = o.putArray("hops");
        for (Hop h : v.trace().hops()) {
            hops.addObject().put("kind", h.kind().name()).put("resource", h.resourceId()).put("passed", h.passed()).put("text", h.describe());
        }
        return o;
    }

    private ApiReply faults() {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        ArrayNode down = o.putArray("downZones");
        dataPlane.faults().down().stream().sorted().forEach(down::add);
        return ApiReply.json(200, o.toString());
    }

    private ApiReply fault(String rest) {
        int slash = rest.indexOf('/');
        String zoneId = slash < 0 ? rest : rest.substring(0, slash);
        String action = slash < 0 ? "" : rest.substring(slash + 1);
        boolean known = Regions.all().stream().flatMap(r -> r.zones().stream()).map(Zone::id).anyMatch(zoneId::equals);
        if (!known) return ApiReply.json(404, AdminApi.error("no Availability Zone has the id '" + zoneId + "' (zone ids look like use1-az1)"));
        switch (action) {
            case "down" -> dataPlane.faults().takeDown(zoneId);
            case "up" -> dataPlane.faults().bringUp(zoneId);
            default -> {
                return ApiReply.json(400, AdminApi.error("POST /_localvpc/faults/az/" + zoneId + "/down or /up"));
            }
        }
        return faults();
    }
}
