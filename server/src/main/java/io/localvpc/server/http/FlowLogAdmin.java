package io.localvpc.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ApiCall;
import io.localvpc.api.ApiReply;
import io.localvpc.core.AwsException;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.flowlogs.FlowLogFormat;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.View;
import io.localvpc.dataplane.flowlogs.LiveFlowLogLines;
import io.localvpc.dataplane.flows.FlowFilter;
import io.localvpc.dataplane.flows.FlowPage;
import io.localvpc.dataplane.flows.FlowRecord;
import io.localvpc.server.dataplane.DataPlane;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Flow logs' admin endpoints: {@code POST /_localvpc/flow-logs/flush} delivers every open aggregation window now (for
 * tests and scripts), and {@code GET /_localvpc/flow-logs/records} gives the connections that ended since a cursor as
 * flow log records ({@code localvpc flows}).
 */
final class FlowLogAdmin {
    private static final long FLUSH_SECONDS = 30;

    private final Store store;
    private final DataPlane dataPlane;
    private final String defaultAccount;
    private final String defaultRegion;

    FlowLogAdmin(Store store, DataPlane dataPlane, String defaultAccount, String defaultRegion) {
        this.store = store;
        this.dataPlane = dataPlane;
        this.defaultAccount = defaultAccount;
        this.defaultRegion = defaultRegion;
    }

    Optional<ApiReply> handle(ApiCall call) {
        if (call.method().equals("POST") && call.path().equals("/_localvpc/flow-logs/flush")) return Optional.of(flush());
        if (call.method().equals("GET") && call.path().equals("/_localvpc/flow-logs/records")) return Optional.of(records(call.rawQuery()));
        return Optional.empty();
    }

    /** Runs on an admin handler thread (never an event loop), so it may wait for the writer's round. */
    private ApiReply flush() {
        try {
            int objects = dataPlane.flowLogs().flush().get(FLUSH_SECONDS, TimeUnit.SECONDS);
            return ApiReply.json(200, "{\"delivered\":" + objects + "}");
        } catch (TimeoutException e) {
            return ApiReply.json(503, AdminApi.error("the flow log writer did not finish within " + FLUSH_SECONDS + " s; try again"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiReply.json(503, AdminApi.error("interrupted while flushing flow logs"));
        } catch (ExecutionException e) {
            return ApiReply.json(500, AdminApi.error("flushing flow logs failed: " + e.getCause()));
        }
    }

    /**
     * {@code ?account=&region=&vpc=&after=&format=}: the connections of an account and region (default: localvpc's
     * defaults) that ended since {@code after}, oldest first, each as its flow log records in {@code format} (default:
     * AWS's version-2 format), with the header line and the cursor to ask with next.
     */
    private ApiReply records(String rawQuery) {
        Map<String, List<String>> q = new QueryStringDecoder(rawQuery == null ? "" : rawQuery, false).parameters();
        String account = first(q, "account", defaultAccount);
        String region = first(q, "region", defaultRegion);
        if (!account.matches("\\d{12}")) return ApiReply.json(400, AdminApi.error("account must be a 12-digit account id"));
        if (Regions.find(region).isEmpty()) return ApiReply.json(400, AdminApi.error("region must be a region localvpc serves, e.g. us-east-1"));
        long after;
        try {
            after = Long.parseLong(first(q, "after", "0"));
        } catch (NumberFormatException e) {
            after = -1;
        }
        if (after < 0) return ApiReply.json(400, AdminApi.error("after must be a cursor an earlier answer gave (a whole number, 0 or more)"));
        FlowLogFormat format;
        try {
            format = FlowLogFormat.parse(first(q, "format", null));
        } catch (AwsException e) {
            return ApiReply.json(400, AdminApi.error(e.getMessage()));
        }
        Scope scope = new Scope(account, region);
        FlowPage page = dataPlane.flows().read(scope, new FlowFilter(first(q, "vpc", null), null, null), after);
        Optional<View> view = store.viewIfPresent(scope);
        List<FlowRecord> ended = new ArrayList<>();
        for (FlowRecord f : page.flows()) if (!f.open()) ended.add(f);
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("cursor", page.cursor());
        o.put("header", format.header());
        ArrayNode lines = o.putArray("records");
        if (view.isPresent()) {
            for (int i = ended.size() - 1; i >= 0; i--) LiveFlowLogLines.of(view.get(), ended.get(i), format).forEach(lines::add);
        }
        return ApiReply.json(200, o.toString());
    }

    private static String first(Map<String, List<String>> q, String name, String dflt) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() || v.get(0).isEmpty() ? dflt : v.get(0);
    }
}
