package io.localvpc.dataplane.flowlogs;

import io.localvpc.core.flowlogs.FlowLogFormat;
import io.localvpc.core.model.FlowLog;
import io.localvpc.core.state.Scope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One flow log's open aggregation window, kept by the writer's thread only: the records written in it so far, the
 * interfaces they were on, the interfaces some of whose records were skipped, and how much of each open
 * connection earlier windows already reported.
 */
final class FlowLogWindow {
    /** Records one window keeps; more are skipped (and the window says SKIPDATA for their interfaces). */
    static final int MAX_RECORDS = 200_000;

    final Scope scope;
    FlowLog log;
    FlowLogFormat format;
    long startMillis;
    final List<FlowLogLine> lines = new ArrayList<>();
    final Set<String> interfacesWithRecords = new HashSet<>();
    final Set<String> interfacesSkipped = new HashSet<>();
    /** Bytes out and in of each open connection already written in an earlier window, by connection id. */
    final Map<Long, long[]> reported = new HashMap<>();

    FlowLogWindow(Scope scope, FlowLog log, long startMillis) {
        this.scope = scope;
        this.log = log;
        this.format = FlowLogFormat.parse(log.logFormat());
        this.startMillis = startMillis;
    }

    boolean due(long nowMillis) {
        return nowMillis >= startMillis + log.maxAggregationInterval() * 1000L;
    }

    /** Whether this flow log watches the interface: its VPC, its subnet, or the interface itself. */
    boolean covers(String interfaceId, String subnetId, String vpcId) {
        return switch (log.resourceType()) {
            case "VPC" -> log.resourceId().equals(vpcId);
            case "Subnet" -> log.resourceId().equals(subnetId);
            default -> log.resourceId().equals(interfaceId);
        };
    }

    boolean keeps(boolean accepted) {
        return switch (log.trafficType()) {
            case "ACCEPT" -> accepted;
            case "REJECT" -> !accepted;
            default -> true;
        };
    }

    void add(String interfaceId, long startMillis, String line) {
        if (lines.size() >= MAX_RECORDS) {
            interfacesSkipped.add(interfaceId);
            return;
        }
        lines.add(new FlowLogLine(interfaceId, startMillis, line));
        interfacesWithRecords.add(interfaceId);
    }

    /** Starts the next window; open connections' reported bytes carry over. */
    void next(long startMillis) {
        this.startMillis = startMillis;
        lines.clear();
        interfacesWithRecords.clear();
        interfacesSkipped.clear();
    }
}
