package io.localvpc.server.dataplane;

import io.localvpc.core.flowlogs.FlowLogDestinations;

import java.util.function.Supplier;

/**
 * The API's view of where flow logs go, answered by the data plane: the embedded S3's buckets, the upstreams, and the
 * writer's last delivery errors. Before the data plane is up (the API serves nothing then) nothing exists.
 */
public final class FlowLogPlaces implements FlowLogDestinations {
    private final Supplier<DataPlane> plane;

    public FlowLogPlaces(Supplier<DataPlane> plane) {
        this.plane = plane;
    }

    @Override
    public boolean s3BucketExists(String bucket) {
        DataPlane p = plane.get();
        return p != null && p.s3BucketExists(bucket);
    }

    @Override
    public boolean upstreamPlays(String service, String region) {
        DataPlane p = plane.get();
        return p != null && p.httpUpstream(service, region).isPresent();
    }

    @Override
    public String deliveryError(String flowLogId) {
        DataPlane p = plane.get();
        return p == null ? null : p.flowLogs().deliveryError(flowLogId);
    }
}
