package io.localvpc.dataplane.proxy;

import io.localvpc.core.ops.IdKind;

/** The proxy user name names the workload: an instance id or a network interface id, nothing else. */
final class WorkloadIdentity {
    private WorkloadIdentity() {
    }

    static boolean isWellFormed(String identity) {
        return IdKind.INSTANCE.isWellFormed(identity) || IdKind.NETWORK_INTERFACE.isWellFormed(identity);
    }

    /** Why {@code identity} cannot be used, or null when it can. */
    static String problem(String identity) {
        if (identity == null || identity.isEmpty()) {
            return "no workload identity: set the proxy user name to the instance id (i-…) or network interface id"
                    + " (eni-…) the program runs as, e.g. socks5h://i-0123456789abcdef0:x@127.0.0.1:<port>";
        }
        if (!isWellFormed(identity)) {
            return "proxy user name '" + identity + "' is not an instance id (i- and 8 or 17 hex digits) or a network"
                    + " interface id (eni- and 8 or 17 hex digits)";
        }
        return null;
    }
}
