package io.localvpc.dataplane.proxy;

import java.net.InetSocketAddress;

/**
 * Bytes that must reach a target before the workload's first byte (e.g. a PROXY protocol header telling the
 * endpoint listener where the flow comes from). Put it in {@link Decision.Deliver#preamble()}.
 */
public interface TargetPreamble {
    byte[] preamble(InetSocketAddress target);
}
