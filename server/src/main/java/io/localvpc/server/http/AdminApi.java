package io.localvpc.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ApiCall;
import io.localvpc.api.ApiReply;
import io.localvpc.core.state.Change;
import io.localvpc.core.state.InvalidStateException;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.core.state.StateDocument;
import io.localvpc.core.state.Store;
import io.localvpc.server.LocalVpc;
import io.localvpc.server.console.ConsoleRoutes;
import io.localvpc.server.dataplane.DataPlane;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The admin endpoints under {@code /_localvpc/}: health (with every port localvpc listens on), reset,
 * and state export/import as JSON; the data plane's and the console's are handed on.
 */
public final class AdminApi {
    private static final System.Logger LOG = System.getLogger("localvpc.admin");

    private final LocalVpc localVpc;
    private final Store store;
    private final DataPlaneAdmin dataPlane;
    private final ConsoleRoutes console;
    private final FlowLogAdmin flowLogs;
    private final io.localvpc.dataplane.flows.FlowRecorder flows;

    public AdminApi(LocalVpc localVpc, Store store, DataPlane dataPlane) {
        this.localVpc = localVpc;
        this.store = store;
        this.dataPlane = new DataPlaneAdmin(dataPlane);
        this.flows = dataPlane.flows();
        this.flowLogs = new FlowLogAdmin(store, dataPlane, localVpc.settings().accountId(), localVpc.settings().region());
        this.console = new ConsoleRoutes(store, dataPlane.faults(), dataPlane.flows(), localVpc.settings().accountId(), localVpc.settings().region());
    }

    ApiReply handle(ApiCall call) {
        String route = call.method() + " " + call.path();
        try {
            return switch (route) {
                case "GET /_localvpc/health" -> health();
                case "POST /_localvpc/reset" -> {
                    store.reset();
                    flows.clear(); // they name resources that are gone
                    localVpc.connectionEvents().clear();
                    yield ApiReply.json(200, "{\"reset\":true}");
                }
                case "GET /_localvpc/state" -> exportState();
                case "POST /_localvpc/state" -> importState(call.body());
                case "GET /_localvpc/endpoint-connection-events" -> ApiReply.json(200, localVpc.connectionEvents().json());
                case "GET /metrics" -> new ApiReply(200, io.localvpc.server.metrics.LocalVpcMetrics.CONTENT_TYPE, localVpc.metrics().scrape());
                default -> dataPlane.handle(call).or(() -> flowLogs.handle(call)).or(() -> console.handle(call)).orElseGet(() -> ApiReply.json(404, error("no admin endpoint " + route
                        + "; try GET /_localvpc/health, POST /_localvpc/reset, GET or POST /_localvpc/state, GET /_localvpc/dns/<vpc-id>, "
                        + "POST /_localvpc/trace, GET, POST or DELETE /_localvpc/published, POST /_localvpc/faults/az/<zone-id>/down|up, GET /_localvpc/ca.pem, GET /_localvpc/cost, POST /_localvpc/flow-logs/flush, GET /_localvpc/flow-logs/records, GET /_localvpc/endpoint-connection-events, "
                        + "GET /_localvpc/console/scopes, GET /_localvpc/console/flows?account=&region=, GET /metrics")));
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
        return ApiReply.json(200, StateDocument.write(store.export()).toString());
    }

    /**
     * Replaces all state with an export. The whole document is checked first (a fault answers 400 naming its row,
     * and nothing changes); a failure to persist the new state answers 500, and the old state stays.
     */
    private ApiReply importState(byte[] body) {
        JsonNode doc;
        try {
            doc = body == null || body.length == 0 ? null : ResourceCodec.mapper().readTree(body);
        } catch (Exception e) {
            return ApiReply.json(400, error("the body is not JSON: " + e.getMessage()));
        }
        List<Change> rows;
        try {
            rows = StateDocument.read(doc);
        } catch (InvalidStateException e) {
            return ApiReply.json(400, error(e.getMessage()));
        } catch (RuntimeException e) {
            // A fault the checks did not foresee is still a fault of the document: refuse it, change nothing.
            LOG.log(System.Logger.Level.WARNING, "state import refused by an unforeseen fault in the document", e);
            return ApiReply.json(400, error("the document could not be checked, so nothing was changed: " + e));
        }
        try {
            store.replaceAll(rows);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "state import failed; the previous state is kept", e);
            return ApiReply.json(500, error("the state could not be replaced, so the previous state is kept: " + e.getMessage()));
        }
        LOG.log(System.Logger.Level.INFO, "state imported: " + rows.size() + " resources");
        return ApiReply.json(200, "{\"imported\":" + rows.size() + "}");
    }

    static String error(String message) {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("error", message);
        return o.toString();
    }
}
