package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.flowlogs.FlowLogDestinations;
import io.localvpc.core.flowlogs.FlowLogFormat;
import io.localvpc.core.model.FlowLog;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * VPC flow logs: CreateFlowLogs and DeleteFlowLogs with AWS's validation. A request that is wrong as a whole (a bad
 * traffic type, format or destination) is refused; a resource that does not exist, or already has a flow log of the
 * same configuration, is answered in {@code Unsuccessful}, as AWS answers it, while the others are created.
 */
public final class FlowLogOps {
    public static final Set<String> TRAFFIC_TYPES = Set.of("ACCEPT", "REJECT", "ALL");
    public static final Set<String> RESOURCE_TYPES = Set.of("VPC", "Subnet", "NetworkInterface");

    private FlowLogOps() {
    }

    /** The parameters of CreateFlowLogs, as given. */
    public record CreateRequest(List<String> resourceIds, String resourceType, String trafficType, String destinationType,
                                String destination, String logGroupName, String deliverLogsPermissionArn, String logFormat,
                                Integer maxAggregationInterval, String fileFormat, Boolean hiveCompatiblePartitions,
                                Boolean perHourPartition) {
    }

    /** A resource CreateFlowLogs or DeleteFlowLogs could not act on, with AWS's code and message. */
    public record Failure(String resourceId, String code, String message) {
    }

    public record Created(List<FlowLog> flowLogs, List<Failure> unsuccessful) {
    }

    public record Deleted(List<String> flowLogIds, List<Failure> unsuccessful) {
    }

    public static Created create(Tx tx, CreateRequest r, FlowLogDestinations destinations) {
        if (r.resourceIds().isEmpty()) throw AwsException.missingParameter("ResourceId");
        if (r.resourceIds().size() > 25) {
            throw AwsException.invalidParameter("CreateFlowLogs takes at most 25 resource IDs at a time; " + r.resourceIds().size() + " were given.");
        }
        String resourceType = r.resourceType();
        if (resourceType.startsWith("TransitGateway") || resourceType.equals("RegionalNatGateway")) {
            throw new AwsException("UnsupportedOperation", "localvpc does not build " + resourceType + " resources, so it cannot log their "
                    + "traffic; flow logs are served for VPC, Subnet and NetworkInterface (see the README's Limitations).");
        }
        if (!RESOURCE_TYPES.contains(resourceType)) {
            throw AwsException.invalidParameterValue("Value (" + resourceType + ") for parameter ResourceType is invalid. "
                    + "Valid values: VPC, Subnet, NetworkInterface, TransitGateway, TransitGatewayAttachment.");
        }
        if (r.trafficType() == null) throw AwsException.missingParameter("TrafficType (ACCEPT, REJECT or ALL: which traffic to log)");
        if (!TRAFFIC_TYPES.contains(r.trafficType())) {
            throw AwsException.invalidParameterValue("Value (" + r.trafficType() + ") for parameter TrafficType is invalid. Valid values: ACCEPT, REJECT, ALL.");
        }
        int interval = r.maxAggregationInterval() == null ? 600 : r.maxAggregationInterval();
        if (interval != 60 && interval != 600) {
            throw AwsException.invalidParameterValue("Value (" + interval + ") for parameter MaxAggregationInterval is invalid. Valid values: 60, 600 (seconds).");
        }
        String format = FlowLogFormat.parse(r.logFormat()).text();
        String destinationType = r.destinationType() == null ? "cloud-watch-logs" : r.destinationType();
        switch (destinationType) {
            case "s3" -> {
            }
            case "cloud-watch-logs", "kinesis-data-firehose" -> throw new AwsException("UnsupportedOperation", "localvpc delivers flow logs to S3 "
                    + "only (its embedded S3): give --log-destination-type s3 --log-destination arn:aws:s3:::<bucket>. Delivery to "
                    + destinationType + " is not built (see the README's Limitations).");
            default -> throw AwsException.invalidParameterValue("Value (" + destinationType + ") for parameter LogDestinationType is invalid. "
                    + "Valid values: cloud-watch-logs, s3, kinesis-data-firehose.");
        }
        if (r.logGroupName() != null) throw AwsException.invalidParameter("LogGroupName is not applicable for s3 delivery; give LogDestination.");
        if (r.deliverLogsPermissionArn() != null) {
            throw AwsException.invalidParameter("DeliverLogsPermissionArn is not applicable for s3 delivery.");
        }
        String destination = r.destination();
        if (destination == null || destination.isEmpty()) {
            throw AwsException.missingParameter("LogDestination (the S3 bucket's ARN, arn:aws:s3:::<bucket>[/<prefix>])");
        }
        if (!destination.startsWith(FlowLog.S3_ARN) || destination.length() == FlowLog.S3_ARN.length()
                || destination.charAt(FlowLog.S3_ARN.length()) == '/') {
            throw AwsException.invalidParameter("LogDestination (" + destination + ") is not a valid S3 ARN: expected arn:aws:s3:::<bucket>[/<prefix>].");
        }
        if (destination.contains("/AWSLogs")) {
            throw AwsException.invalidParameter("LogDestination (" + destination + ") cannot use AWSLogs as a subfolder: AWS adds it to every key.");
        }
        String fileFormat = r.fileFormat() == null ? "plain-text" : r.fileFormat();
        if (fileFormat.equals("parquet")) {
            throw new AwsException("UnsupportedOperation", "DestinationOptions.FileFormat parquet is not built in localvpc: its flow logs are "
                    + "written as plain-text (gzip) objects only (see the README's Limitations).");
        }
        if (!fileFormat.equals("plain-text")) {
            throw AwsException.invalidParameterValue("Value (" + fileFormat + ") for parameter DestinationOptions.FileFormat is invalid. "
                    + "Valid values: plain-text, parquet.");
        }
        FlowLog probe = new FlowLog("", tx.scope().account(), tx.now(), "", resourceType, r.trafficType(), destinationType, destination, format,
                interval, fileFormat, Boolean.TRUE.equals(r.hiveCompatiblePartitions()), Boolean.TRUE.equals(r.perHourPartition()));
        boolean bucketExists = destinations.s3BucketExists(probe.bucket());
        List<FlowLog> created = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String resourceId : new LinkedHashSet<>(r.resourceIds())) {
            Failure f = resourceFailure(tx, resourceType, resourceId);
            if (f == null && !bucketExists) f = new Failure(resourceId, "400", "LogDestination: " + probe.bucket() + " does not exist");
            if (f == null && tx.all(FlowLog.class).stream().anyMatch(existing -> sameConfiguration(existing, resourceId, probe))) {
                f = new Failure(resourceId, "FlowLogAlreadyExists", "Error. There is an existing Flow Log with the same configuration and log destination.");
            }
            if (f != null) {
                failures.add(f);
                continue;
            }
            created.add(tx.put(new FlowLog(tx.newId("fl"), probe.ownerId(), probe.createdAt(), resourceId, resourceType, probe.trafficType(),
                    destinationType, destination, format, interval, fileFormat, probe.hiveCompatiblePartitions(), probe.perHourPartition())));
        }
        return new Created(created, failures);
    }

    public static Deleted delete(Tx tx, List<String> ids) {
        if (ids.isEmpty()) throw AwsException.missingParameter("FlowLogId");
        List<String> deleted = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (!IdKind.FLOW_LOG.isWellFormed(id)) {
                AwsException e = IdKind.FLOW_LOG.malformed(id);
                failures.add(new Failure(id, e.code(), e.getMessage()));
            } else if (tx.find(FlowLog.class, id).isEmpty()) {
                AwsException e = IdKind.FLOW_LOG.notFound(id);
                failures.add(new Failure(id, e.code(), e.getMessage()));
            } else {
                tx.remove(FlowLog.class, id);
                deleted.add(id);
            }
        }
        return new Deleted(deleted, failures);
    }

    /** Why a flow log cannot be made for this resource (malformed or unknown id), as an Unsuccessful item, or null. */
    private static Failure resourceFailure(View view, String resourceType, String id) {
        IdKind kind = switch (resourceType) {
            case "VPC" -> IdKind.VPC;
            case "Subnet" -> IdKind.SUBNET;
            default -> IdKind.NETWORK_INTERFACE;
        };
        Class<? extends io.localvpc.core.state.Resource> type = switch (resourceType) {
            case "VPC" -> Vpc.class;
            case "Subnet" -> Subnet.class;
            default -> NetworkInterface.class;
        };
        AwsException e = null;
        if (!kind.isWellFormed(id)) e = kind.malformed(id);
        else if (view.find(type, id).isEmpty()) e = kind.notFound(id);
        return e == null ? null : new Failure(id, e.code(), e.getMessage());
    }

    private static boolean sameConfiguration(FlowLog a, String resourceId, FlowLog b) {
        return a.resourceId().equals(resourceId) && a.trafficType().equals(b.trafficType()) && a.destinationType().equals(b.destinationType())
                && a.destination().toLowerCase(Locale.ROOT).equals(b.destination().toLowerCase(Locale.ROOT));
    }
}
