package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;

/**
 * A NAT gateway in one subnet. Its lifecycle state (pending, available, failed, deleting, deleted) is
 * derived from {@code createdAt}, {@code deleteRequestedAt} and {@code failureCode} by
 * {@code NatGatewayOps.stateOf}, never stored, so that no background work is needed to move it on.
 * {@code allocationId}/{@code publicIp}/{@code eipAssociationId} are null for a private NAT gateway;
 * {@code networkInterfaceId}/{@code privateIp} are null when it failed before getting an interface. A
 * deleted gateway keeps these ids for DescribeNatGateways although the interface itself is gone.
 */
public record NatGateway(
        String id,
        String ownerId,
        String vpcId,
        String subnetId,
        String connectivityType,
        String allocationId,
        String eipAssociationId,
        String publicIp,
        String networkInterfaceId,
        String privateIp,
        String failureCode,
        String failureMessage,
        Instant createdAt,
        Instant deleteRequestedAt) implements Resource {

    /** A NAT gateway's states, as AWS names them. */
    public enum State implements LifecycleState {
        PENDING("pending"), FAILED("failed"), AVAILABLE("available"), DELETING("deleting"), DELETED("deleted");

        private final String awsName;

        State(String awsName) {
            this.awsName = awsName;
        }

        @Override
        public String awsName() {
            return awsName;
        }

        @Override
        public String toString() {
            return awsName;
        }
    }

    public static final String PUBLIC = "public";
    public static final String PRIVATE = "private";

    public boolean isPublic() {
        return PUBLIC.equals(connectivityType);
    }

    public NatGateway deleteRequested(Instant at) {
        return new NatGateway(id, ownerId, vpcId, subnetId, connectivityType, allocationId, eipAssociationId, publicIp,
                networkInterfaceId, privateIp, failureCode, failureMessage, createdAt, at);
    }
}
