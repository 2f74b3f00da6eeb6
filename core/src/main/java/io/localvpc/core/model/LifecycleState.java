package io.localvpc.core.model;

/**
 * Where a resource is in its life, as AWS names it on the wire ({@code pending}, {@code available},
 * {@code shutting-down}…). Instances, VPC endpoints and NAT gateways each have an enum of these; every one
 * prints as its AWS name, so messages, filters and responses say what AWS says.
 */
public interface LifecycleState {
    String awsName();
}
