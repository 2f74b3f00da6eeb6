package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;

/**
 * A VPC flow log: which resource's interfaces it watches, which traffic it keeps, and where and how its records go.
 *
 * @param resourceId             the VPC, subnet or network interface watched
 * @param resourceType           {@code VPC}, {@code Subnet} or {@code NetworkInterface}, as CreateFlowLogs names it
 * @param trafficType            {@code ACCEPT}, {@code REJECT} or {@code ALL}
 * @param destinationType        {@code s3} (the embedded S3), {@code cloud-watch-logs} or {@code kinesis-data-firehose} (an upstream)
 * @param destination            the bucket's ARN as given ({@code arn:aws:s3:::bucket[/prefix]}), the log group's
 *                               ({@code arn:aws:logs:<region>:<account>:log-group:<name>}) or the delivery stream's
 *                               ({@code arn:aws:firehose:<region>:<account>:deliverystream/<name>})
 * @param logFormat              the record format, {@code ${field} ${field} …} (AWS's default when none was given)
 * @param maxAggregationInterval 60 or 600 seconds
 * @param fileFormat             {@code plain-text}
 * @param hiveCompatiblePartitions whether object keys use {@code name=value} folders
 * @param perHourPartition       whether object keys have an hour folder
 * @param deliverLogsPermissionArn the IAM role given for delivery, or null (required for cloud-watch-logs)
 */
public record FlowLog(String id, String ownerId, Instant createdAt, String resourceId, String resourceType, String trafficType,
                      String destinationType, String destination, String logFormat, int maxAggregationInterval, String fileFormat,
                      boolean hiveCompatiblePartitions, boolean perHourPartition, String deliverLogsPermissionArn) implements Resource {
    public static final String CLOUD_WATCH_LOGS = "cloud-watch-logs";
    public static final String FIREHOSE = "kinesis-data-firehose";

    /** The bucket of an S3 destination ({@code arn:aws:s3:::bucket/prefix} → {@code bucket}). */
    public String bucket() {
        String rest = destination.substring(S3_ARN.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** The key prefix of an S3 destination, with its trailing slash, or "" when none was given. */
    public String keyPrefix() {
        String rest = destination.substring(S3_ARN.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) return "";
        String p = rest.substring(slash + 1);
        return p.endsWith("/") ? p : p + "/";
    }

    /** The log group of a cloud-watch-logs destination ({@code arn:aws:logs:r:a:log-group:name[:*]} → {@code name}). */
    public String logGroupName() {
        String name = destination.split(":", 7)[6];
        return name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
    }

    /** The delivery stream of a kinesis-data-firehose destination ({@code …:deliverystream/name} → {@code name}). */
    public String deliveryStreamName() {
        return destination.substring(destination.indexOf(":deliverystream/") + ":deliverystream/".length());
    }

    /** The region of a cloud-watch-logs or firehose destination's ARN (the fourth field). */
    public String destinationRegion() {
        return destination.split(":", 6)[3];
    }

    public static final String S3_ARN = "arn:aws:s3:::";
}
