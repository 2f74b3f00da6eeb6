package io.localvpc.core.cost;

/**
 * What a connection's bytes are billed by: the resource they went through and whether they crossed zones on the way.
 *
 * @param kind           gateway-endpoint, interface-endpoint, nat-gateway or internet-gateway
 * @param viaId          the endpoint, NAT gateway or internet gateway (vpce-…, nat-…, igw-…)
 * @param service        the AWS service's short name (s3, dynamodb, sqs, …)
 * @param sourceZoneId   the zone of the workload's interface
 * @param viaZoneId      the zone of the endpoint's or NAT gateway's interface the bytes used; null when it has none
 *                       (gateway endpoints, internet gateways)
 */
public record MeteredPath(String account, String region, String vpcId, String kind, String viaId, String service,
                          String sourceZoneId, String viaZoneId) {

    /** Whether the bytes crossed from one availability zone to another (billed each way). */
    public boolean crossesZones() {
        return sourceZoneId != null && viaZoneId != null && !sourceZoneId.equals(viaZoneId);
    }
}
