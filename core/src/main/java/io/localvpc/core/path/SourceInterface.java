package io.localvpc.core.path;

import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.net.Ipv4;

/**
 * A network interface as the source of flows, with what every decision from it needs, made once per
 * state version ({@link CompiledScope#source}): its parsed address; its subnet (null if that is gone,
 * and then nothing below), that subnet's compiled route table (null if the VPC has none) and network
 * ACL; its security groups compiled, in its order (null where a group is gone); and the hops it records:
 * its source hop, the DNS hop of its VPC's resolver, and the {@link Verdict.Source} of delivered flows.
 */
record SourceInterface(NetworkInterface eni, long ip, Subnet subnet, RouteLookup routes, NetworkAclCheck acl,
                       SecurityGroupCheck[] groups, Hop hop, FlowHop resolved, Verdict.Source verdictSource) {

    static SourceInterface of(NetworkInterface eni, Subnet subnet, CompiledScope c) {
        long ip = Ipv4.parse(eni.privateIpAddress());
        Verdict.Source verdictSource = new Verdict.Source(eni.id(), eni.privateIpAddress(), eni.vpcId());
        if (subnet == null) return new SourceInterface(eni, ip, null, null, null, null, null, null, verdictSource);
        SecurityGroupCheck[] groups = new SecurityGroupCheck[eni.groupIds().size()];
        for (int i = 0; i < groups.length; i++) groups[i] = c.group(eni.groupIds().get(i));
        Hop hop = new Hop(Hop.Kind.SOURCE, eni.id(), true, null,
                "from " + eni.id() + " (" + eni.privateIpAddress() + ") in " + subnet.id() + ", " + eni.vpcId());
        return new SourceInterface(eni, ip, subnet, c.routes(subnet), c.acl(subnet), groups, hop,
                new FlowHop(Hop.Kind.DNS, eni.vpcId(), true, null, FlowHop.Wording.RESOLVED), verdictSource);
    }
}
