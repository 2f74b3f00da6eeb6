package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Describe;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.api.query.Page;
import io.localvpc.core.AwsException;
import io.localvpc.core.insights.AnalysisArns;
import io.localvpc.core.insights.ReachabilityAnalyzer;
import io.localvpc.core.model.NetworkInsightsAnalysis;
import io.localvpc.core.model.NetworkInsightsPath;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.NetworkInsightsOps;
import io.localvpc.core.path.PathEngine;
import io.localvpc.core.path.ZoneFaults;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Reachability Analyzer: network insights paths (create, describe, delete) and their analyses (start, describe,
 * delete). Analyses are decided by the path engine the data plane uses; zone faults rehearsed with
 * {@code localvpc fault} are runtime state, not configuration, so analyses do not see them (as AWS's analyzer does
 * not see an outage).
 */
public final class NetworkInsightsHandlers implements Ec2Family {
    private final ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer(new PathEngine(ZoneFaults.none()));

    @Override
    public void register(OperationRegistry r) {
        r.family("Reachability Analyzer")
                .write("CreateNetworkInsightsPath", this::createPath)
                .read("DescribeNetworkInsightsPaths", this::describePaths)
                .write("DeleteNetworkInsightsPath", this::deletePath)
                .write("StartNetworkInsightsAnalysis", this::start)
                .read("DescribeNetworkInsightsAnalyses", this::describeAnalyses)
                .write("DeleteNetworkInsightsAnalysis", this::deleteAnalysis);
    }

    private ObjectNode createPath(Ec2Request in, Tx tx) {
        Integer port = in.integer("DestinationPort").orElse(null);
        NetworkInsightsPath path = NetworkInsightsOps.createPath(tx, new NetworkInsightsOps.PathRequest(in.requireString("Source"),
                in.string("Destination"), in.string("SourceIp"), in.string("DestinationIp"), in.requireString("Protocol"), port,
                filter(in.node("FilterAtSource")), filter(in.node("FilterAtDestination"))));
        Tagging.applySpecifications(in, tx, "network-insights-path", path.id());
        ObjectNode out = Json.object();
        out.set("NetworkInsightsPath", render(tx, path));
        return out;
    }

    private ObjectNode deletePath(Ec2Request in, Tx tx) {
        return Json.object().put("NetworkInsightsPathId", NetworkInsightsOps.deletePath(tx, in.requireString("NetworkInsightsPathId")).id());
    }

    private ObjectNode describePaths(Ec2Request in, View view) {
        FilterSpec<NetworkInsightsPath> filters = FilterSpec.<NetworkInsightsPath>builder()
                .field("source", NetworkInsightsPath::source)
                .field("destination", NetworkInsightsPath::destination)
                .field("protocol", NetworkInsightsPath::protocol)
                .field("filter-at-source.source-address", p -> address(p.filterAtSource(), true))
                .field("filter-at-source.source-port-range", p -> range(p.filterAtSource(), true))
                .field("filter-at-source.destination-address", p -> address(p.filterAtSource(), false))
                .field("filter-at-source.destination-port-range", p -> range(p.filterAtSource(), false))
                .field("filter-at-destination.source-address", p -> address(p.filterAtDestination(), true))
                .field("filter-at-destination.source-port-range", p -> range(p.filterAtDestination(), true))
                .field("filter-at-destination.destination-address", p -> address(p.filterAtDestination(), false))
                .field("filter-at-destination.destination-port-range", p -> range(p.filterAtDestination(), false))
                .build();
        return new Describe<>(NetworkInsightsPath.class, IdKind.NETWORK_INSIGHTS_PATH, "NetworkInsightsPathIds", filters, "NetworkInsightsPaths",
                p -> render(view, p)).run(in, view);
    }

    private ObjectNode start(Ec2Request in, Tx tx) {
        NetworkInsightsAnalysis a = NetworkInsightsOps.start(tx, analyzer, in.requireString("NetworkInsightsPathId"),
                in.strings("FilterInArns"), in.strings("FilterOutArns"));
        Tagging.applySpecifications(in, tx, "network-insights-analysis", a.id());
        ObjectNode out = Json.object();
        out.set("NetworkInsightsAnalysis", AnalysisRender.render(tx, a));
        return out;
    }

    private ObjectNode deleteAnalysis(Ec2Request in, Tx tx) {
        return Json.object().put("NetworkInsightsAnalysisId",
                NetworkInsightsOps.deleteAnalysis(tx, in.requireString("NetworkInsightsAnalysisId")).id());
    }

    /** Analyses by id, or of one path, filtered by status, path-found, tags and start time; in id order, paginated. */
    private ObjectNode describeAnalyses(Ec2Request in, View view) {
        FilterSpec<NetworkInsightsAnalysis> spec = FilterSpec.<NetworkInsightsAnalysis>builder()
                .field("status", a -> a.status(view.now()).awsName())
                .field("path-found", a -> a.status(view.now()) == NetworkInsightsAnalysis.Status.RUNNING ? null : a.networkPathFound())
                .build();
        Predicate<NetworkInsightsAnalysis> filter = spec.compile(in.objects("Filters"), view);
        String pathId = in.string("NetworkInsightsPathId");
        if (pathId != null) NetworkInsightsOps.requirePath(view, pathId);
        Instant from = time(in, "AnalysisStartTime");
        Instant to = time(in, "AnalysisEndTime");
        Predicate<NetworkInsightsAnalysis> selected = a -> filter.test(a) && (pathId == null || pathId.equals(a.pathId()))
                && (from == null || !a.startedAt().isBefore(from)) && (to == null || !a.startedAt().isAfter(to));
        List<NetworkInsightsAnalysis> found = new ArrayList<>();
        List<String> ids = in.strings("NetworkInsightsAnalysisIds");
        if (!ids.isEmpty()) {
            for (String id : new LinkedHashSet<>(ids)) {
                NetworkInsightsAnalysis a = NetworkInsightsOps.requireAnalysis(view, id);
                if (selected.test(a)) found.add(a);
            }
            found.sort((a, b) -> a.id().compareTo(b.id()));
        } else {
            for (NetworkInsightsAnalysis a : view.all(NetworkInsightsAnalysis.class)) if (selected.test(a)) found.add(a);
        }
        Page<NetworkInsightsAnalysis> page = Page.of(found, in);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("NetworkInsightsAnalyses");
        for (NetworkInsightsAnalysis a : page.items()) items.add(AnalysisRender.render(view, a));
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    static ObjectNode render(View view, NetworkInsightsPath p) {
        ObjectNode o = Json.object();
        o.put("NetworkInsightsPathId", p.id());
        o.put("NetworkInsightsPathArn", AnalysisArns.of(view.scope(), p.id()));
        o.put("CreatedDate", Json.timestamp(p.createdAt()));
        o.put("Source", p.source());
        if (p.destination() != null) o.put("Destination", p.destination());
        o.put("SourceArn", p.sourceArn());
        if (p.destinationArn() != null) o.put("DestinationArn", p.destinationArn());
        if (p.sourceIp() != null) o.put("SourceIp", p.sourceIp());
        if (p.destinationIp() != null) o.put("DestinationIp", p.destinationIp());
        o.put("Protocol", p.protocol());
        if (p.destinationPort() != null) o.put("DestinationPort", p.destinationPort());
        o.set("Tags", Tagging.tagSet(view, p.id()));
        if (p.filterAtSource() != null) o.set("FilterAtSource", render(p.filterAtSource()));
        if (p.filterAtDestination() != null) o.set("FilterAtDestination", render(p.filterAtDestination()));
        return o;
    }

    private static ObjectNode render(NetworkInsightsPath.Filter f) {
        ObjectNode o = Json.object();
        if (f.sourceAddress() != null) o.put("SourceAddress", f.sourceAddress());
        if (f.sourcePortRange() != null) o.set("SourcePortRange", render(f.sourcePortRange()));
        if (f.destinationAddress() != null) o.put("DestinationAddress", f.destinationAddress());
        if (f.destinationPortRange() != null) o.set("DestinationPortRange", render(f.destinationPortRange()));
        return o;
    }

    private static ObjectNode render(NetworkInsightsPath.PortRange r) {
        ObjectNode o = Json.object();
        if (r.fromPort() != null) o.put("FromPort", r.fromPort());
        if (r.toPort() != null) o.put("ToPort", r.toPort());
        return o;
    }

    private static NetworkInsightsPath.Filter filter(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return null;
        return new NetworkInsightsPath.Filter(text(n, "SourceAddress"), range(n.path("SourcePortRange")), text(n, "DestinationAddress"),
                range(n.path("DestinationPortRange")));
    }

    private static NetworkInsightsPath.PortRange range(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return null;
        return new NetworkInsightsPath.PortRange(n.has("FromPort") ? n.get("FromPort").intValue() : null, n.has("ToPort") ? n.get("ToPort").intValue() : null);
    }

    private static String text(JsonNode n, String member) {
        return n.has(member) ? n.get(member).asText() : null;
    }

    private static String address(NetworkInsightsPath.Filter f, boolean source) {
        return f == null ? null : source ? f.sourceAddress() : f.destinationAddress();
    }

    /** A port range as a filter value: {@code 443-443}. */
    private static String range(NetworkInsightsPath.Filter f, boolean source) {
        NetworkInsightsPath.PortRange r = f == null ? null : source ? f.sourcePortRange() : f.destinationPortRange();
        return r == null ? null : r.fromPort() + "-" + r.toPort();
    }

    /** A timestamp parameter: ISO 8601 as the SDKs send it, or epoch seconds. */
    private static Instant time(Ec2Request in, String member) {
        String v = in.string(member);
        if (v == null || v.isEmpty()) return null;
        try {
            return v.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(v)) : Instant.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw AwsException.invalidParameterValue("Value (" + v + ") for parameter " + in.wireName(member)
                    + " is invalid. Expected a time such as 2026-12-06T12:00:00Z.");
        }
    }
}
