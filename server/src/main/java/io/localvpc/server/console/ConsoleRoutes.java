package io.localvpc.server.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ApiCall;
import io.localvpc.api.ApiReply;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.path.ZoneFaults;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.View;
import io.localvpc.dataplane.flows.FlowFilter;
import io.localvpc.dataplane.flows.FlowRecorder;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web console: its page at {@code /}, its assets, and the read-only JSON it draws from
 * ({@code GET /_localvpc/console/scopes}, {@code GET /_localvpc/console/vpcs?account=&region=},
 * {@code GET /_localvpc/console/flows?account=&region=&vpc=&instance=&verdict=&after=}). Every answer is computed
 * from snapshot views taken with {@link Store#viewIfPresent} or from the flow recorder's copy, so looking never sets
 * up an account or region and never changes state; the page's only writes are the existing zone-fault and trace
 * admin calls.
 */
public final class ConsoleRoutes {
    static final String PREFIX = "/_localvpc/console/";

    private final Store store;
    private final ZoneFaults faults;
    private final FlowRecorder flows;
    private final Scope defaultScope;
    private final ConsoleAssets assets = new ConsoleAssets();

    public ConsoleRoutes(Store store, ZoneFaults faults, FlowRecorder flows, String defaultAccount, String defaultRegion) {
        this.store = store;
        this.faults = faults;
        this.flows = flows;
        this.defaultScope = new Scope(defaultAccount, defaultRegion);
    }

    /** The console's answer to a request, or empty when the request is not the console's. */
    public Optional<ApiReply> handle(ApiCall call) {
        if (!call.method().equals("GET")) return Optional.empty();
        String path = call.path();
        if (path.equals("/")) return Optional.of(assets.page());
        if (!path.startsWith(PREFIX)) return Optional.empty();
        String rest = path.substring(PREFIX.length());
        if (rest.startsWith("assets/")) return Optional.of(assets.asset(rest.substring("assets/".length())));
        return switch (rest) {
            case "scopes" -> Optional.of(ApiReply.json(200, ScopeSummaries.of(store, defaultScope).toString()));
            case "vpcs" -> Optional.of(vpcs(call.rawQuery()));
            case "flows" -> Optional.of(flows(call.rawQuery()));
            default -> Optional.of(ApiReply.json(404, error("the console has no " + path + "; try GET " + PREFIX + "scopes, GET "
                    + PREFIX + "vpcs?account=<12 digits>&region=<region> or GET " + PREFIX + "flows?account=<12 digits>&region=<region>")));
        };
    }

    private ApiReply vpcs(String rawQuery) {
        Map<String, List<String>> q = query(rawQuery);
        String problem = scopeProblem(q);
        if (problem != null) return ApiReply.json(400, error(problem));
        String account = first(q, "account");
        String region = first(q, "region");
        Optional<View> view = store.viewIfPresent(new Scope(account, region));
        if (view.isEmpty()) {
            return ApiReply.json(404, error("account " + account + " has no resources in " + region + " (GET " + PREFIX + "scopes lists those that do)"));
        }
        return ApiReply.json(200, ScopePicture.of(view.get(), faults.down()).toString());
    }

    /**
     * The flows of an account and region, newest first, filtered by VPC, instance (or interface) and verdict; with
     * {@code after}, only what changed since that cursor and the flows still open. An account and region with no
     * flows answers an empty list: there is nothing to set up.
     */
    private ApiReply flows(String rawQuery) {
        Map<String, List<String>> q = query(rawQuery);
        String problem = scopeProblem(q);
        if (problem != null) return ApiReply.json(400, error(problem));
        String after = first(q, "after");
        long cursor = 0;
        if (after != null) {
            try {
                cursor = Long.parseLong(after);
            } catch (NumberFormatException e) {
                cursor = -1;
            }
            if (cursor < 0) return ApiReply.json(400, error("after must be a cursor an earlier answer gave (a whole number, 0 or more), not '" + after + "'"));
        }
        FlowFilter filter;
        try {
            filter = new FlowFilter(first(q, "vpc"), first(q, "instance"), first(q, "verdict"));
        } catch (IllegalArgumentException e) {
            return ApiReply.json(400, error(e.getMessage()));
        }
        Scope scope = new Scope(first(q, "account"), first(q, "region"));
        return ApiReply.json(200, FlowsJson.of(scope, flows.read(scope, filter, cursor)).toString());
    }

    private static Map<String, List<String>> query(String rawQuery) {
        return new QueryStringDecoder(rawQuery == null ? "" : rawQuery, false).parameters();
    }

    /** Why the query's account and region cannot be read, or null. */
    private static String scopeProblem(Map<String, List<String>> q) {
        String account = first(q, "account");
        String region = first(q, "region");
        if (account == null || !account.matches("\\d{12}")) return "account must be a 12-digit account id";
        if (region == null || Regions.find(region).isEmpty()) return "region must be a region localvpc serves, e.g. us-east-1";
        return null;
    }

    /** The parameter's first value; an empty one counts as absent (a filter left at "any"). */
    private static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
    }

    static String error(String message) {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("error", message);
        return o.toString();
    }
}
