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

/**
 * VPC flow logs: create (to the embedded S3, or to the upstreams that play CloudWatch Logs and Firehose), describe,
 * delete. Records are written by the data plane's flow log writer.
 */
public final class FlowLogHandlers implements Ec2Family {
    /** The status of delivery AWS shows: FAILED while the last delivery failed (the writer keeps why). */
    private static final String DELIVER_SUCCESS = "SUCCESS";
    private static final String DELIVER_FAILED = "FAILED";
    private static final String ACTIVE = "ACTIVE";

    private final FlowLogDestinations destinations;

    public FlowLogHandlers(FlowLogDestinations destinations) {
        this.destinations = destinations;
    }

    @Override
    public void register(OperationRegistry r) {
        r.family("Flow logs")
                .write("CreateFlowLogs", new CreateHandler())
                .read("DescribeFlowLogs", this::describe)
                .write("DeleteFlowLogs", this::delete);
    }

    /**
     * CreateFlowLogs asks the embedded S3 whether the bucket exists before its transaction: S3 may still be starting,
     * and the store's write lock is not held while it waits.
     */
    private final class CreateHandler implements io.localvpc.api.ec2.Operation.WriteHandler {
        @Override
        public ObjectNode handle(Ec2Request in, Tx tx) {
            return create(in, tx, destinations);
        }

        @Override
        public io.localvpc.api.ec2.Operation.WriteHandler prepared(Ec2Request in) {
            String destination = in.string("LogDestination");
            if (!"s3".equals(in.string("LogDestinationType")) || destination == null || !destination.startsWith(FlowLog.S3_ARN)) return this;
            String rest = destination.substring(FlowLog.S3_ARN.length());
            String bucket = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            boolean exists = destinations.s3BucketExists(bucket);
            FlowLogDestinations answered = new FlowLogDestinations() {
                @Override
                public boolean s3BucketExists(String asked) {
                    return asked.equals(bucket) ? exists : destinations.s3BucketExists(asked);
                }

                @Override
                public boolean upstreamPlays(String service, String region) {
                    return destinations.upstreamPlays(service, region);
                }
            };
            return (req, tx) -> create(req, tx, answered);
        }
    }

    private ObjectNode create(Ec2Request in, Tx tx, FlowLogDestinations destinations) {
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

    private String deliverStatus(FlowLog f) {
        return destinations.deliveryError(f.id()) == null ? DELIVER_SUCCESS : DELIVER_FAILED;
    }

    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<FlowLog> spec = FilterSpec.<FlowLog>builder()
                .field("deliver-log-status", this::deliverStatus)
                .field("log-destination-type", FlowLog::destinationType)
                .field("flow-log-id", FlowLog::id)
                .field("log-group-name", f -> f.destinationType().equals(FlowLog.CLOUD_WATCH_LOGS) ? f.logGroupName() : null)
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

    private ObjectNode render(View view, FlowLog f) {
        ObjectNode o = Json.object();
        o.put("CreationTime", Json.timestamp(f.createdAt()));
        String error = destinations.deliveryError(f.id());
        o.put("DeliverLogsStatus", error == null ? DELIVER_SUCCESS : DELIVER_FAILED);
        if (error != null) o.put("DeliverLogsErrorMessage", error);
        if (f.deliverLogsPermissionArn() != null) o.put("DeliverLogsPermissionArn", f.deliverLogsPermissionArn());
        if (f.destinationType().equals(FlowLog.CLOUD_WATCH_LOGS)) o.put("LogGroupName", f.logGroupName());
        o.put("FlowLogId", f.id());
        o.put("FlowLogStatus", ACTIVE);
        o.put("ResourceId", f.resourceId());
        o.put("TrafficType", f.trafficType());
        o.put("LogDestinationType", f.destinationType());
        o.put("LogDestination", f.destination());
        o.put("LogFormat", f.logFormat());
        o.set("Tags", Tagging.tagSet(view, f.id()));
        o.put("MaxAggregationInterval", f.maxAggregationInterval());
        if (!f.destinationType().equals("s3")) return o;
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
