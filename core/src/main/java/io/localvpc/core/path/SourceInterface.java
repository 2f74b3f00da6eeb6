package io.localvpc.core.path;

import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.net.Ipv4;

/**
 * A network interface as the source of flows, with what every decision from it records, made once per
 * state version ({@link CompiledScope#source}): its parsed address, its subnet (null if that is gone),
 * its source hop, the {@link Verdict.Source} of delivered flows, and the DNS hop of its VPC's resolver.
 */
record SourceInterface(NetworkInterface eni, long ip, Subnet subnet, Hop hop, Verdict.Source verdictSource, FlowHop resolved) {

    static SourceInterface of(NetworkInterface eni, Subnet subnet) {
        Hop hop = subnet == null ? null : new Hop(Hop.Kind.SOURCE, eni.id(), true, null,
                "from " + eni.id() + " (" + eni.privateIpAddress() + ") in " + subnet.id() + ", " + eni.vpcId());
        return new SourceInterface(eni, Ipv4.parse(eni.privateIpAddress()), subnet, hop,
                new Verdict.Source(eni.id(), eni.privateIpAddress(), eni.vpcId()),
                new FlowHop(Hop.Kind.DNS, eni.vpcId(), true, null, FlowHop.Wording.RESOLVED));
    }
}
