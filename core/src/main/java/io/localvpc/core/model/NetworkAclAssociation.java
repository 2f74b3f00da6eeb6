package io.localvpc.core.model;

/** A subnet's membership of a network ACL ({@code aclassoc-…}); every subnet has exactly one. */
public record NetworkAclAssociation(String associationId, String subnetId) {
}
