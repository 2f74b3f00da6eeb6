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
        String destinationType = r.destinationType() == null ? FlowLog.CLOUD_WATCH_LOGS : r.destinationType();
        boolean toS3 = destinationType.equals("s3");
        boolean toUpstream = destinationType.equals(FlowLog.CLOUD_WATCH_LOGS) || destinationType.equals(FlowLog.FIREHOSE);
        if (toUpstream && (r.fileFormat() != null || r.hiveCompatiblePartitions() != null || r.perHourPartition() != null)) {
            throw AwsException.invalidParameter("DestinationOptions apply to s3 delivery only, not to " + destinationType + ".");
        }
        String destination = switch (destinationType) {
            case "s3" -> s3Destination(r);
            case FlowLog.CLOUD_WATCH_LOGS -> logGroupDestination(r, tx.scope().account(), tx.scope().region(), destinations);
            case FlowLog.FIREHOSE -> deliveryStreamDestination(r, tx.scope().region(), destinations);
            default -> throw AwsException.invalidParameterValue("Value (" + destinationType + ") for parameter LogDestinationType is invalid. "
                    + "Valid values: cloud-watch-logs, s3, kinesis-data-firehose.");
        };
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
                interval, fileFormat, Boolean.TRUE.equals(r.hiveCompatiblePartitions()), Boolean.TRUE.equals(r.perHourPartition()),
                r.deliverLogsPermissionArn());
        boolean bucketExists = !toS3 || destinations.s3BucketExists(probe.bucket());
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
                    destinationType, destination, format, interval, fileFormat, probe.hiveCompatiblePartitions(), probe.perHourPartition(),
                    probe.deliverLogsPermissionArn())));
        }
        return new Created(created, failures);
    }

    private static String s3Destination(CreateRequest r) {
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
        return destination;
    }

    /**
     * A CloudWatch Logs log group, by name or ARN, as its ARN; AWS requires the role EC2 delivers with. Delivered to the
     * upstream that plays CloudWatch Logs, so refused when there is none.
     */
    private static String logGroupDestination(CreateRequest r, String account, String region, FlowLogDestinations destinations) {
        if (r.logGroupName() != null && r.destination() != null) {
            throw AwsException.invalidParameter("Please only provide LogGroupName or only provide LogDestination.");
        }
        if (r.logGroupName() == null && r.destination() == null) {
            throw AwsException.missingParameter("LogGroupName or LogDestination (the log group's name, or its ARN "
                    + "arn:aws:logs:<region>:<account>:log-group:<name>)");
        }
        if (r.deliverLogsPermissionArn() == null) {
            throw AwsException.invalidParameter("DeliverLogsPermissionArn is required for cloud-watch-logs delivery: give the ARN of the IAM role "
                    + "that may publish to the log group (arn:aws:iam::<account>:role/<name>).");
        }
        if (!IAM_ROLE_ARN.matcher(r.deliverLogsPermissionArn()).matches()) {
            throw AwsException.invalidParameter("DeliverLogsPermissionArn (" + r.deliverLogsPermissionArn() + ") is not a valid IAM role ARN: "
                    + "expected arn:aws:iam::<account>:role/<name>.");
        }
        String destination;
        if (r.logGroupName() != null) {
            if (!LOG_GROUP_NAME.matcher(r.logGroupName()).matches()) {
                throw AwsException.invalidParameter("LogGroupName (" + r.logGroupName() + ") is not a valid log group name: 1 to 512 of "
                        + "a-z, A-Z, 0-9, '_', '-', '/', '.', '#'.");
            }
            destination = "arn:aws:logs:" + region + ":" + account + ":log-group:" + r.logGroupName();
        } else {
            requireArn(LOG_GROUP_ARN, r.destination(), region, "log group", "arn:aws:logs:<region>:<account>:log-group:<name>");
            destination = r.destination();
        }
        requireUpstream(destinations, "logs", "logs", region, FlowLog.CLOUD_WATCH_LOGS, "CloudWatch Logs");
        return destination;
    }

    /** A Kinesis Data Firehose delivery stream's ARN, delivered to the upstream that plays Firehose. */
    private static String deliveryStreamDestination(CreateRequest r, String region, FlowLogDestinations destinations) {
        if (r.logGroupName() != null) {
            throw AwsException.invalidParameter("LogGroupName is not applicable for kinesis-data-firehose delivery; give LogDestination.");
        }
        if (r.destination() == null || r.destination().isEmpty()) {
            throw AwsException.missingParameter("LogDestination (the delivery stream's ARN, "
                    + "arn:aws:firehose:<region>:<account>:deliverystream/<name>)");
        }
        requireArn(DELIVERY_STREAM_ARN, r.destination(), region, "delivery stream", "arn:aws:firehose:<region>:<account>:deliverystream/<name>");
        if (r.deliverLogsPermissionArn() != null && !IAM_ROLE_ARN.matcher(r.deliverLogsPermissionArn()).matches()) {
            throw AwsException.invalidParameter("DeliverLogsPermissionArn (" + r.deliverLogsPermissionArn() + ") is not a valid IAM role ARN: "
                    + "expected arn:aws:iam::<account>:role/<name>.");
        }
        requireUpstream(destinations, "firehose", "kinesis-firehose", region, FlowLog.FIREHOSE, "Amazon Data Firehose");
        return r.destination();
    }

    /** The destination is an ARN of this kind (its region the pattern's first group) in the flow log's own region. */
    private static void requireArn(java.util.regex.Pattern pattern, String destination, String region, String kind, String form) {
        java.util.regex.Matcher m = pattern.matcher(destination);
        if (!m.matches()) {
            throw AwsException.invalidParameter("LogDestination (" + destination + ") is not a valid " + kind + " ARN: expected " + form + ".");
        }
        if (!m.group(1).equals(region)) {
            throw AwsException.invalidParameter("LogDestination (" + destination + ") is in " + m.group(1) + "; flow logs publish to a " + kind
                    + " in their own region, " + region + ".");
        }
    }

    /** {@code service} is the host name's first label ({@code firehose}), {@code upstream} the name --upstream takes. */
    private static void requireUpstream(FlowLogDestinations destinations, String service, String upstream, String region, String type, String what) {
        if (destinations.upstreamPlays(service, region)) return;
        throw new AwsException("UnsupportedOperation", "localvpc delivers " + type + " flow logs to an upstream that plays " + what
                + ", and none is configured: start it with --upstream " + upstream + "=http://127.0.0.1:<port> (or --upstream '*=…'), "
                + "or give --log-destination-type s3 --log-destination arn:aws:s3:::<bucket> (the embedded S3).");
    }

    private static final java.util.regex.Pattern LOG_GROUP_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_./#-]{1,512}");
    private static final java.util.regex.Pattern LOG_GROUP_ARN =
            java.util.regex.Pattern.compile("arn:aws[a-z-]*:logs:([a-z0-9-]+):\\d{12}:log-group:[A-Za-z0-9_./#-]{1,512}(:\\*)?");
    private static final java.util.regex.Pattern DELIVERY_STREAM_ARN =
            java.util.regex.Pattern.compile("arn:aws[a-z-]*:firehose:([a-z0-9-]+):\\d{12}:deliverystream/[A-Za-z0-9_.-]{1,64}");
    private static final java.util.regex.Pattern IAM_ROLE_ARN = java.util.regex.Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

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
