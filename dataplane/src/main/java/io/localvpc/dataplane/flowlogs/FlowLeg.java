package io.localvpc.dataplane.flowlogs;

/**
 * One direction of a flow as one network interface sees it: the addresses on the packets there, whether it is the
 * request direction (the workload's bytes) or the return direction (the answer's), and what AWS writes about it.
 *
 * @param request        true for the workload's bytes, false for the answer's
 * @param direction      {@code ingress} or {@code egress}, as the interface sees it
 * @param trafficPath    AWS's traffic-path code for an egress leg; null for ingress
 * @param pktSrcService  AWS's name of the service the packet's source address belongs to ({@code S3}, {@code AMAZON}…), or null
 */
record FlowLeg(boolean request, String direction, String srcAddr, int srcPort, String dstAddr, int dstPort, String pktSrcAddr,
               String pktDstAddr, Integer trafficPath, String pktSrcService, String pktDstService) {
}
