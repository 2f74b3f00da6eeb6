package io.localvpc.dataplane.flowlogs;

/** AWS's default header line, written out as the documentation gives it. */
final class FlowLogTestLines {
    static final String DEFAULT_HEADER = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

    private FlowLogTestLines() {
    }
}
