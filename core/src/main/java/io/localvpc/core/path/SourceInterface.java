package io.localvpc.core.path;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.net.Ipv4;

/**
 * A workload's network interface as the source of flows, with what every decision from it needs, made
 * once per state version ({@link CompiledScope#workload}): the instance it is the primary interface of
 * (null when the workload named the interface itself), whose run state each decision still checks; its
 * parsed address; its subnet (null if that is gone, and then nothing below), that subnet's compiled route
 * table (null if the VPC has none) and network ACL; its security groups compiled, in its order (null where
 * a group is gone); and the hops it records: its source hop, the DNS hop of its VPC's resolver, and the
 * {@link Verdict.Source} of delivered flows.
 */
record SourceInterface(Instance instance, NetworkInterface eni, long ip, Subnet subnet, RouteLookup routes, NetworkAclCheck acl,
                       SecurityGroupCheck[] groups, Hop hop, FlowHop resolved, Verdict.Source verdictSource) {

    static SourceInterface of(Instance instance, NetworkInterface eni, Subnet subnet, CompiledScope c) {
        long ip = Ipv4.parse(eni.privateIpAddress());
        Verdict.Source verdictSource = new Verdict.Source(eni.id(), eni.privateIpAddress(), eni.vpcId());
        if (subnet == null) return new SourceInterface(instance, eni, ip, null, null, null, null, null, null, verdictSource);
        Hop hop = new Hop(Hop.Kind.SOURCE, eni.id(), true, null,
                "from " + eni.id() + " (" + eni.privateIpAddress() + ") in " + subnet.id() + ", " + eni.vpcId());
        return new SourceInterface(instance, eni, ip, subnet, c.routes(subnet), c.acl(subnet), c.groups(eni), hop,
                new FlowHop(Hop.Kind.DNS, eni.vpcId(), true, null, FlowHop.Wording.RESOLVED), verdictSource);
    }
}
