package io.localvpc.core.model;

/**
 * One route. Exactly one destination (IPv4 CIDR, IPv6 CIDR or prefix list) and one target are set.
 * {@code gatewayId} holds {@code local}, an internet gateway or a gateway VPC endpoint ({@code vpce-…}).
 * {@code origin} is AWS's: CreateRouteTable (the local route), CreateRoute (user and endpoint routes).
 */
public record Route(
        String destinationCidrBlock,
        String destinationIpv6CidrBlock,
        String destinationPrefixListId,
        String gatewayId,
        String natGatewayId,
        String networkInterfaceId,
        String instanceId,
        String egressOnlyInternetGatewayId,
        String origin) {

    public static final String ORIGIN_CREATE_ROUTE_TABLE = "CreateRouteTable";
    public static final String ORIGIN_CREATE_ROUTE = "CreateRoute";

    public static Route local(String cidr) {
        return new Route(cidr, null, null, "local", null, null, null, null, ORIGIN_CREATE_ROUTE_TABLE);
    }

    /** The destination as written by the user: a CIDR or a prefix-list id. */
    public String destination() {
        if (destinationCidrBlock != null) return destinationCidrBlock;
        if (destinationIpv6CidrBlock != null) return destinationIpv6CidrBlock;
        return destinationPrefixListId;
    }

    public boolean isLocal() {
        return "local".equals(gatewayId);
    }
}
