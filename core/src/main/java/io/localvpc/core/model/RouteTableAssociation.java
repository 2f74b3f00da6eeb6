package io.localvpc.core.model;

/** Links a route table to a subnet (or, with {@code main}, marks it the VPC's main table). */
public record RouteTableAssociation(String associationId, String subnetId, boolean main) {
}
