package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.api.query.Page;
import io.localvpc.core.flowlogs.FlowLogDestinations;
import io.localvpc.core.model.FlowLog;
import io.localvpc.core.ops.FlowLogOps;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** VPC flow logs: create (to the embedded S3), describe, delete. Records are written by the data plane's flow log writer. */
public final class FlowLogHandlers implements Ec2Family {
    /** The status of delivery AWS shows; localvpc writes into its own S3 and so always succeeds or counts a skip. */
    private static final String DELIVER_SUCCESS = "SUCCESS";
    private static final String ACTIVE = "ACTIVE";

    private final FlowLogDestinations destinations;

    public FlowLogHandlers(FlowLogDestinations destinations) {
        this.destinations = destinations;
    }

    @Override
    public void register(OperationRegistry r) {
        r.family("Flow logs")
                .write("CreateFlowLogs", this::create)
                .read("DescribeFlowLogs", this::describe)
                .write("DeleteFlowLogs", this::delete);
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        JsonNode options = in.node("DestinationOptions");
        FlowLogOps.Created created = FlowLogOps.create(tx, new FlowLogOps.CreateRequest(in.strings("ResourceIds"), in.requireString("ResourceType"),
                in.string("TrafficType"), in.string("LogDestinationType"), in.string("LogDestination"), in.string("LogGroupName"),
                in.string("DeliverLogsPermissionArn"), in.string("LogFormat"), in.integer("MaxAggregationInterval").orElse(null),
                text(options, "FileFormat"), bool(options, "HiveCompatiblePartitions"), bool(options, "PerHourPartition")), destinations);
        for (FlowLog f : created.flowLogs()) Tagging.applySpecifications(in, tx, "vpc-flow-log", f.id());
        ObjectNode out = Json.object();
        if (in.string("ClientToken") != null) out.put("ClientToken", in.string("ClientToken"));
        out.set("FlowLogIds", Json.strings(created.flowLogs().stream().map(FlowLog::id).toList()));
        out.set("Unsuccessful", unsuccessful(created.unsuccessful()));
        return out;
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        FlowLogOps.Deleted deleted = FlowLogOps.delete(tx, in.strings("FlowLogIds"));
        for (String id : deleted.flowLogIds()) tx.remove(io.localvpc.core.model.ResourceTags.class, id);
        ObjectNode out = Json.object();
        out.set("Unsuccessful", unsuccessful(deleted.unsuccessful()));
        return out;
    }

    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<FlowLog> spec = FilterSpec.<FlowLog>builder()
                .field("deliver-log-status", f -> DELIVER_SUCCESS)
                .field("log-destination-type", FlowLog::destinationType)
                .field("flow-log-id", FlowLog::id)
                .field("log-group-name", f -> null)
                .field("resource-id", FlowLog::resourceId)
                .field("traffic-type", FlowLog::trafficType)
                .build();
        Predicate<FlowLog> filter = spec.compile(in.objects("Filter"), view);
        Set<String> ids = new HashSet<>(in.strings("FlowLogIds"));
        List<FlowLog> selected = new ArrayList<>();
        for (FlowLog f : view.all(FlowLog.class)) {
            if ((ids.isEmpty() || ids.contains(f.id())) && filter.test(f)) selected.add(f);
        }
        selected.sort(Comparator.comparing(FlowLog::createdAt).thenComparing(FlowLog::id));
        Page<FlowLog> page = Page.of(selected, in);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("FlowLogs");
        for (FlowLog f : page.items()) items.add(render(view, f));
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    private static ObjectNode render(View view, FlowLog f) {
        ObjectNode o = Json.object();
        o.put("CreationTime", Json.timestamp(f.createdAt()));
        o.put("DeliverLogsStatus", DELIVER_SUCCESS);
        o.put("FlowLogId", f.id());
        o.put("FlowLogStatus", ACTIVE);
        o.put("ResourceId", f.resourceId());
        o.put("TrafficType", f.trafficType());
        o.put("LogDestinationType", f.destinationType());
        o.put("LogDestination", f.destination());
        o.put("LogFormat", f.logFormat());
        o.set("Tags", Tagging.tagSet(view, f.id()));
        o.put("MaxAggregationInterval", f.maxAggregationInterval());
        ObjectNode options = o.putObject("DestinationOptions");
        options.put("FileFormat", f.fileFormat());
        options.put("HiveCompatiblePartitions", f.hiveCompatiblePartitions());
        options.put("PerHourPartition", f.perHourPartition());
        return o;
    }

    private static ArrayNode unsuccessful(List<FlowLogOps.Failure> failures) {
        ArrayNode arr = Json.array();
        for (FlowLogOps.Failure f : failures) {
            ObjectNode item = arr.addObject();
            item.putObject("Error").put("Code", f.code()).put("Message", f.message());
            item.put("ResourceId", f.resourceId());
        }
        return arr;
    }

    private static String text(JsonNode options, String member) {
        return options == null || !options.hasNonNull(member) ? null : options.get(member).asText();
    }

    private static Boolean bool(JsonNode options, String member) {
        return options == null || !options.hasNonNull(member) ? null : options.get(member).asBoolean();
    }
}
