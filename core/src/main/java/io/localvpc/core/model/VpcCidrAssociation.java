package io.localvpc.core.model;

/** An IPv4 CIDR block associated with a VPC ({@code vpc-cidr-assoc-…}). */
public record VpcCidrAssociation(String associationId, String cidrBlock, String state) {
    public static final String ASSOCIATED = "associated";
    public static final String DISASSOCIATED = "disassociated";
}
