package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

/** An internet gateway, attached to at most one VPC ({@code attachedVpcId} null when detached). */
public record InternetGateway(String id, String ownerId, String attachedVpcId) implements Resource {
    public InternetGateway withAttachedVpcId(String vpcId) {
        return new InternetGateway(id, ownerId, vpcId);
    }
}
