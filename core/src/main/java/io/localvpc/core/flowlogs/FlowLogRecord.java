package io.localvpc.core.flowlogs;

/**
 * One flow log record: the traffic of one flow, in one direction, seen on one network interface, in one aggregation
 * window. Absent values are null and written "-", as AWS writes them.
 *
 * @param start      seconds since the epoch of the window's first packet of the flow
 * @param end        seconds since the epoch of the window's last packet of the flow
 * @param action     ACCEPT or REJECT; null for a NODATA or SKIPDATA record
 * @param logStatus  OK, NODATA or SKIPDATA
 * @param tcpFlags   the TCP flags seen in the window, ORed (SYN 2, FIN 1, RST 4, SYN-ACK 18); null when none
 * @param trafficPath AWS's traffic-path code for egress records (1 another resource in the VPC, 7 a gateway endpoint,
 *                   8 an internet gateway); null otherwise
 */
public record FlowLogRecord(String accountId, String interfaceId, String srcAddr, String dstAddr, Integer srcPort, Integer dstPort,
                            Integer protocol, Long packets, Long bytes, long start, long end, String action, String logStatus,
                            String vpcId, String subnetId, String instanceId, Integer tcpFlags, String pktSrcAddr, String pktDstAddr,
                            String region, String azId, String pktSrcAwsService, String pktDstAwsService, String flowDirection,
                            Integer trafficPath) {

    public static final String OK = "OK";
    public static final String NODATA = "NODATA";
    public static final String SKIPDATA = "SKIPDATA";

    /** A record saying an interface had no traffic in a window, or that records of it were skipped. */
    public static FlowLogRecord status(String accountId, String interfaceId, long start, long end, String logStatus) {
        return new FlowLogRecord(accountId, interfaceId, null, null, null, null, null, null, null, start, end, null, logStatus,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The record as one line in {@code format} (no line break). */
    public String format(FlowLogFormat format) {
        StringBuilder b = new StringBuilder(160);
        for (String field : format.fields()) {
            if (b.length() > 0) b.append(' ');
            Object v = value(field, format.version());
            b.append(v == null ? "-" : v.toString());
        }
        return b.toString();
    }

    private Object value(String field, int version) {
        return switch (field) {
            case "version" -> version;
            case "account-id" -> accountId;
            case "interface-id" -> interfaceId;
            case "srcaddr" -> srcAddr;
            case "dstaddr" -> dstAddr;
            case "srcport" -> srcPort;
            case "dstport" -> dstPort;
            case "protocol" -> protocol;
            case "packets" -> packets;
            case "bytes" -> bytes;
            case "start" -> start;
            case "end" -> end;
            case "action" -> action;
            case "log-status" -> logStatus;
            case "vpc-id" -> vpcId;
            case "subnet-id" -> subnetId;
            case "instance-id" -> instanceId;
            case "tcp-flags" -> tcpFlags;
            // only IPv4 is modelled; a status record has no packets and so no type
            case "type" -> OK.equals(logStatus) ? "IPv4" : null;
            case "pkt-srcaddr" -> pktSrcAddr;
            case "pkt-dstaddr" -> pktDstAddr;
            case "region" -> region;
            case "az-id" -> azId;
            case "pkt-src-aws-service" -> pktSrcAwsService;
            case "pkt-dst-aws-service" -> pktDstAwsService;
            case "flow-direction" -> flowDirection;
            case "traffic-path" -> trafficPath;
            default -> null; // sublocation-*, ecs-*, reject-reason: nothing localvpc models
        };
    }
}
