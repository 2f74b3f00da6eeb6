package io.localvpc.dataplane.flowlogs;

import java.util.List;

/** A network interface a flow crossed, with what flow records say about it, and the legs of the flow it saw. */
record FlowSide(String interfaceId, String vpcId, String subnetId, String instanceId, String azId, List<FlowLeg> legs) {
}
