package io.localvpc.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ApiCall;
import io.localvpc.api.ApiReply;
import io.localvpc.core.state.Change;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.server.LocalVpc;
import io.localvpc.server.dataplane.DataPlane;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The admin endpoints under {@code /_localvpc/}: health (with every port localvpc listens on), reset,
 * and state export/import as JSON.
 */
public final class AdminApi {
    /** Rows' types are {@link io.localvpc.core.state.ResourceTypes} names. */
    static final String STATE_FORMAT = "localvpc-state/2";
    /** Exports of releases before state schema 1: rows' types are Java class names of that release. */
    static final String STATE_FORMAT_1 = "localvpc-state/1";

    private final LocalVpc localVpc;
    private final Store store;
    private final DataPlaneAdmin dataPlane;

    public AdminApi(LocalVpc localVpc, Store store, DataPlane dataPlane) {
        this.localVpc = localVpc;
        this.store = store;
        this.dataPlane = new DataPlaneAdmin(dataPlane);
    }

    ApiReply handle(ApiCall call) {
        String route = call.method() + " " + call.path();
        try {
            return switch (route) {
                case "GET /_localvpc/health" -> health();
                case "POST /_localvpc/reset" -> {
                    store.reset();
                    yield ApiReply.json(200, "{\"reset\":true}");
                }
                case "GET /_localvpc/state" -> exportState();
                case "POST /_localvpc/state" -> importState(call.body());
                case "GET /" -> Console.page(localVpc);
                default -> dataPlane.handle(call).orElseGet(() -> ApiReply.json(404, error("no admin endpoint " + route
                        + "; try GET /_localvpc/health, POST /_localvpc/reset, GET or POST /_localvpc/state, GET /_localvpc/dns/<vpc-id>, "
                        + "POST /_localvpc/trace, POST /_localvpc/faults/az/<zone-id>/down|up, GET /_localvpc/ca.pem")));
            };
        } catch (IllegalArgumentException e) {
            return ApiReply.json(400, error(e.getMessage()));
        }
    }

    private ApiReply health() {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("status", "running");
        o.put("version", LocalVpc.version());
        o.put("uptimeSeconds", Duration.between(localVpc.startedAt(), Instant.now()).toSeconds());
        o.put("region", localVpc.settings().region());
        o.put("persistence", localVpc.settings().inMemory() ? "memory" : "sqlite");
        if (!localVpc.settings().inMemory()) o.put("dataDir", localVpc.settings().dataDir().toString());
        ObjectNode ports = o.putObject("ports");
        for (Map.Entry<String, Integer> e : localVpc.ports().entrySet()) ports.put(e.getKey(), e.getValue());
        return ApiReply.json(200, o.toString());
    }

    private ApiReply exportState() {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("format", STATE_FORMAT);
        ArrayNode rows = o.putArray("resources");
        for (Change c : store.export()) {
            ObjectNode row = rows.addObject().put("scope", c.scope().key()).put("type", c.type()).put("id", c.id());
            try {
                row.set("resource", ResourceCodec.mapper().readTree(c.json()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return ApiReply.json(200, o.toString());
    }

    /** Replaces all state with an export. Every row is checked first; a bad document changes nothing. */
    private ApiReply importState(byte[] body) {
        JsonNode doc;
        try {
            doc = ResourceCodec.mapper().readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
        String format = doc == null ? "" : doc.path("format").asText();
        if (!STATE_FORMAT.equals(format) && !STATE_FORMAT_1.equals(format)) {
            throw new IllegalArgumentException("expected a document with \"format\": \"" + STATE_FORMAT + "\" as GET /_localvpc/state returns");
        }
        List<Change> rows = new ArrayList<>();
        int i = 0;
        for (JsonNode row : doc.path("resources")) {
            String where = "resources[" + i++ + "]";
            String scope = row.path("scope").asText("");
            if (!scope.contains("/")) throw new IllegalArgumentException(where + ": scope must be <account>/<region>");
            String type = row.path("type").asText("");
            if (format.equals(STATE_FORMAT_1)) type = io.localvpc.core.state.ResourceTypes.fromSchema0(type).orElse(type);
            String json = row.path("resource").toString();
            try {
                ResourceCodec.fromJson(type, json);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            rows.add(new Change(Scope.parse(scope), type, row.path("id").asText(), json));
        }
        store.replaceAll(rows);
        return ApiReply.json(200, "{\"imported\":" + rows.size() + "}");
    }

    static String error(String message) {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("error", message);
        return o.toString();
    }
}
