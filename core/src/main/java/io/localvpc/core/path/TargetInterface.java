package io.localvpc.core.path;

import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.VpcEndpoint;

/**
 * A network interface as the target of a flow inside its VPC, with what a decision needs from it, made
 * once per state version ({@link CompiledScope#target}): its subnet (null if that is gone) and that
 * subnet's compiled ACL; its security groups compiled, in its order (null where a group is gone); and
 * the interface endpoint it belongs to, if any, with the way through it (null without a subnet, whose
 * zone it needs).
 */
record TargetInterface(NetworkInterface eni, Subnet subnet, NetworkAclCheck acl, SecurityGroupCheck[] groups,
                       VpcEndpoint endpoint, EndpointRoute through) {

    static TargetInterface of(NetworkInterface eni, Subnet subnet, CompiledScope c) {
        VpcEndpoint endpoint = c.endpointOwning(eni.id());
        EndpointRoute through = endpoint == null || subnet == null ? null
                : EndpointRoute.throughInterface(endpoint, eni, subnet.availabilityZoneId());
        return new TargetInterface(eni, subnet, subnet == null ? null : c.acl(subnet), c.groups(eni), endpoint, through);
    }
}
