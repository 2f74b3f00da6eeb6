package io.localvpc.dataplane.flowlogs;

import io.localvpc.core.flowlogs.FlowLogFormat;
import io.localvpc.core.flowlogs.FlowLogRecord;
import io.localvpc.core.state.View;
import io.localvpc.dataplane.flows.FlowRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * A recorded flow (the live flows the console shows) written as flow log records, for {@code localvpc flows}: the
 * same interfaces, legs and packet estimate as the delivered logs, but one record per leg for the connection so
 * far rather than per aggregation window. The recorder does not keep the workload's port, so {@code srcport} of the
 * request direction (and {@code dstport} of the return one) is "-".
 */
public final class LiveFlowLogLines {
    private LiveFlowLogLines() {
    }

    public static List<String> of(View view, FlowRecord flow, FlowLogFormat format) {
        List<String> out = new ArrayList<>();
        boolean accepted = flow.decided().accepted();
        boolean connected = accepted && flow.note() == null;
        long start = flow.started().getEpochSecond();
        long end = flow.ended() != null ? flow.ended().getEpochSecond() : start;
        boolean closing = !flow.open();
        for (FlowSide side : FlowSides.of(view, flow.decided(), 0, flow.request().port(), accepted)) {
            for (FlowLeg leg : side.legs()) {
                if (!connected && !leg.request()) continue;
                long bytes = !connected ? 0 : leg.request() ? flow.bytesOut() : flow.bytesIn();
                long packets = !connected ? 1 : PacketEstimate.packets(bytes, leg.request() ? flow.bytesIn() : flow.bytesOut(), true, closing, leg.request());
                int flags = !connected ? PacketEstimate.SYN : PacketEstimate.flags(true, closing, leg.request());
                out.add(new FlowLogRecord(view.scope().account(), side.interfaceId(), leg.srcAddr(), leg.dstAddr(),
                        leg.srcPort() == 0 ? null : leg.srcPort(), leg.dstPort() == 0 ? null : leg.dstPort(), 6, packets, bytes, start, end,
                        accepted ? "ACCEPT" : "REJECT", FlowLogRecord.OK, side.vpcId(), side.subnetId(), side.instanceId(), flags,
                        leg.pktSrcAddr(), leg.pktDstAddr(), view.scope().region(), side.azId(), leg.pktSrcService(), leg.pktDstService(),
                        leg.direction(), leg.trafficPath()).format(format));
            }
        }
        return out;
    }
}
