package io.localvpc.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ApiCall;
import io.localvpc.api.ApiReply;
import io.localvpc.core.path.Publications;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.server.dataplane.PublishedPorts;

import java.util.Optional;

/**
 * {@code /_localvpc/published}: {@code GET} lists which local programs play which instances' ports, {@code POST}
 * publishes one ({@code {"target":"i-…","port":"8080/tcp","hostPort":"127.0.0.1:18080"}}), {@code DELETE} withdraws one
 * ({@code {"target":"i-…","port":8080}}, with {@code hostPort} only if that program still plays it).
 */
final class PublishedAdmin {
    static final String PATH = "/_localvpc/published";

    private final PublishedPorts published;

    PublishedAdmin(PublishedPorts published) {
        this.published = published;
    }

    Optional<ApiReply> handle(ApiCall call) {
        if (!call.path().equals(PATH)) return Optional.empty();
        try {
            return Optional.of(switch (call.method()) {
                case "GET" -> list();
                case "POST" -> publish(body(call));
                case "DELETE" -> unpublish(body(call));
                default -> ApiReply.json(405, AdminApi.error(call.method() + " " + PATH + " is not served; use GET, POST or DELETE"));
            });
        } catch (PublishedPorts.Problem e) {
            return Optional.of(ApiReply.json(e.status(), AdminApi.error(e.getMessage())));
        }
    }

    private ApiReply list() {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        ArrayNode all = o.putArray("published");
        for (Publications.Publication p : published.all()) all.add(json(p));
        return ApiReply.json(200, o.toString());
    }

    private ApiReply publish(JsonNode req) {
        String target = text(req, "target");
        String port = text(req, "port");
        String hostPort = text(req, "hostPort");
        if (target.isEmpty() || port.isEmpty() || hostPort.isEmpty()) {
            return ApiReply.json(400, AdminApi.error("publish needs target (an instance or network interface id), port (e.g. 8080 or 8080/tcp) "
                    + "and hostPort (the program's loopback address, e.g. 127.0.0.1:18080)"));
        }
        return ApiReply.json(200, json(published.publish(target, port, hostPort)).toString());
    }

    private ApiReply unpublish(JsonNode req) {
        String target = text(req, "target");
        String port = text(req, "port");
        if (target.isEmpty() || port.isEmpty()) {
            return ApiReply.json(400, AdminApi.error("unpublish needs target (an instance or network interface id) and port"));
        }
        String only = text(req, "hostPort");
        return published.unpublish(target, port, only.isEmpty() ? null : only)
                .map(p -> ApiReply.json(200, json(p).toString()))
                .orElseGet(() -> ApiReply.json(404, AdminApi.error("nothing is published on " + target + " tcp " + port
                        + (only.isEmpty() ? "" : " by " + only))));
    }

    private static JsonNode body(ApiCall call) {
        try {
            JsonNode n = call.body() == null || call.body().length == 0 ? null : ResourceCodec.mapper().readTree(call.body());
            if (n != null && n.isObject()) return n;
        } catch (Exception e) {
            // answered below
        }
        throw new PublishedPorts.Problem(400, "the body must be a JSON object like {\"target\":\"i-…\",\"port\":8080,\"hostPort\":\"127.0.0.1:18080\"}");
    }

    private static String text(JsonNode req, String field) {
        JsonNode n = req.path(field);
        return n.isValueNode() ? n.asText("").trim() : "";
    }

    private static ObjectNode json(Publications.Publication p) {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("account", p.scope().account()).put("region", p.scope().region()).put("target", p.owner());
        if (p.networkInterfaceId() != null) o.put("networkInterfaceId", p.networkInterfaceId());
        return o.put("port", p.port()).put("protocol", "tcp").put("hostPort", p.hostPort());
    }
}
