package io.localvpc.core.flowlogs;

/**
 * What CreateFlowLogs and DescribeFlowLogs ask of the places records go: whether the embedded S3 has a bucket, whether
 * an upstream plays CloudWatch Logs or Firehose, and how a flow log's last delivery went. The data plane holds all
 * three, so the server hands the API answers from it.
 */
public interface FlowLogDestinations {
    /** No destination exists (an API built without a data plane, e.g. to list its operations). */
    FlowLogDestinations NONE = bucket -> false;

    boolean s3BucketExists(String bucket);

    /** Whether an HTTP upstream plays this service ({@code logs}, {@code firehose}) in this region. */
    default boolean upstreamPlays(String service, String region) {
        return false;
    }

    /** Why the flow log's last delivery failed (DescribeFlowLogs' DeliverLogsErrorMessage), or null when it did not. */
    default String deliveryError(String flowLogId) {
        return null;
    }
}
