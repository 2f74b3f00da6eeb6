package io.localvpc.dataplane.origin;

/**
 * Where a delivered connection comes from in the emulated world: the workload's account, region, VPC,
 * interface and private address, and the way it reached the service (a gateway or interface endpoint, a
 * NAT gateway, an internet gateway). The path engine's decision makes it; the proxy hands it to the endpoint
 * front inside this process with the connection (never as bytes on a socket, which a workload could forge), so
 * policies at the endpoint can see {@code aws:SourceVpce}, {@code aws:SourceVpc} and {@code aws:VpcSourceIp} as
 * AWS would.
 *
 * @param endpointId the VPC endpoint the flow goes through, or null on the NAT or internet path
 * @param via        {@code gateway-endpoint}, {@code interface-endpoint}, {@code nat-gateway} or {@code internet-gateway}
 * @param viaId      the id of that endpoint or gateway
 * @param zoneId     the zone of the interface endpoint's interface, or null
 * @param serviceHost the service's host name as the workload asked for it (the CONNECT or SOCKS5 destination), or null
 */
public record FlowOrigin(String account, String region, String vpcId, String sourceEniId, String sourceIp, String endpointId,
                         String via, String viaId, String zoneId, String serviceHost) {

    public boolean throughEndpoint() {
        return endpointId != null;
    }
}
