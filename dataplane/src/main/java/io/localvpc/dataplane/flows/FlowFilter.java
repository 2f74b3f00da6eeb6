package io.localvpc.dataplane.flows;

import io.localvpc.dataplane.proxy.ConnectRequest;

import java.util.Locale;

/**
 * Which flows a reader wants: from one VPC, from one instance or network interface, with one verdict. Each part
 * left null matches every flow.
 *
 * @param source an instance id (the flows it opened) or a network interface id (the flows that left from it,
 *               whether the workload named the interface or its instance)
 * @param verdict {@link #ACCEPT} or {@link #REJECT}
 */
public record FlowFilter(String vpcId, String source, String verdict) {
    public static final String ACCEPT = "ACCEPT";
    public static final String REJECT = "REJECT";
    public static final FlowFilter ALL = new FlowFilter(null, null, null);

    public FlowFilter {
        if (verdict != null) {
            verdict = verdict.toUpperCase(Locale.ROOT);
            if (!verdict.equals(ACCEPT) && !verdict.equals(REJECT)) {
                throw new IllegalArgumentException("verdict must be ACCEPT or REJECT, not '" + verdict + "'");
            }
        }
    }

    boolean matches(ConnectRequest request, DecidedFlow decided) {
        if (vpcId != null && !vpcId.equals(decided.vpcId())) return false;
        if (source != null && !source.equals(request.identity()) && !source.equals(decided.sourceEniId())) return false;
        return verdict == null || verdict.equals(decided.accepted() ? ACCEPT : REJECT);
    }
}
