package io.localvpc.dataplane.flows;

import io.localvpc.dataplane.proxy.ConnectRequest;

import java.time.Instant;

/**
 * One connection as the {@link FlowRecorder} holds it at the moment it was read: what was asked, what the path
 * engine decided, and the bytes moved so far.
 *
 * @param id       the flow's number, unique in this localvpc and rising in the order flows were recorded
 * @param ended    when the connection closed (or was refused or failed); null while open
 * @param note     why a flow the network accepted still did not connect (nothing serves the destination); else null
 * @param bytesOut bytes the workload sent; {@code bytesIn} the bytes it received
 */
public record FlowRecord(long id, Instant started, Instant ended, ConnectRequest request, DecidedFlow decided, String note,
                         long bytesOut, long bytesIn, boolean open) {

    /** ACCEPT or REJECT, as AWS flow logs say whether the network let the flow through. */
    public String verdict() {
        return decided.accepted() ? FlowFilter.ACCEPT : FlowFilter.REJECT;
    }
}
