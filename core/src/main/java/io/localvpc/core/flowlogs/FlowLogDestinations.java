package io.localvpc.core.flowlogs;

/**
 * What CreateFlowLogs asks of the place records go: whether the embedded S3 has a bucket. The data plane holds the
 * embedded S3, so the server hands the API an answer from it.
 */
@FunctionalInterface
public interface FlowLogDestinations {
    /** No destination exists (an API built without a data plane, e.g. to list its operations). */
    FlowLogDestinations NONE = bucket -> false;

    boolean s3BucketExists(String bucket);
}
