package io.localvpc.dataplane.proxy;

import java.net.InetSocketAddress;

/**
 * A delivery context that must reach the target before the workload's first byte (e.g. a PROXY protocol
 * header telling the endpoint listener where the flow comes from). Put it in {@link Decision.Deliver#context()}.
 */
public interface TargetPreamble {
    byte[] preamble(InetSocketAddress target);
}
