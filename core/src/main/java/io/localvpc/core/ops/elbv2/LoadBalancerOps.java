package io.localvpc.core.ops.elbv2;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.Address;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.Listener;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.ops.EndpointProvisioning;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Network Load Balancers: creation with AWS's checks (type, scheme, one subnet per zone, security groups), their
 * nodes, attributes, deletion (deletion protection, endpoint services that use them), and lookups by ARN and name.
 */
public final class LoadBalancerOps {
    private LoadBalancerOps() {
    }

    /** One SubnetMappings entry. */
    public record SubnetMapping(String subnetId, String allocationId, String privateIpv4Address) {
    }

    /** CreateLoadBalancer's parameters; null means not given. */
    public record Create(String name, String type, String scheme, List<SubnetMapping> subnets, boolean mappingsGiven,
                         List<String> securityGroups, String ipAddressType) {
    }

    public static LoadBalancer require(View view, String arn) {
        if (arn == null) throw Elbv2Errors.validation("A load balancer ARN must be specified");
        return view.find(LoadBalancer.class, arn).orElseThrow(() -> Elbv2Errors.loadBalancerNotFound(arn));
    }

    public static LoadBalancer requireByName(View view, String name) {
        for (LoadBalancer lb : view.all(LoadBalancer.class)) if (lb.name().equals(name)) return lb;
        throw Elbv2Errors.loadBalancerNotFound(name);
    }

    public static LoadBalancer create(Tx tx, Create req) {
        String type = req.type() == null ? "application" : req.type();
        if (type.equals("application") || type.equals("gateway")) {
            throw Elbv2Errors.unsupported("Load balancers of type '" + type + "'" + (req.type() == null ? " (the default when Type is not given)" : "")
                    + " are not supported; pass Type network.");
        }
        if (!type.equals(LoadBalancer.NETWORK)) throw Elbv2Errors.validation("Load balancer type '" + type + "' is not valid. Valid types: application, network, gateway");
        String name = Elbv2Errors.checkName("load balancer", req.name());
        if (name.toLowerCase(java.util.Locale.ROOT).startsWith("internal-")) throw Elbv2Errors.validation("Load balancer name '" + name + "' cannot begin with 'internal-'");
        for (LoadBalancer other : tx.all(LoadBalancer.class)) {
            if (other.name().equals(name)) {
                throw new AwsException("DuplicateLoadBalancerName", "A load balancer with the same name '" + name + "' exists, but with different settings");
            }
        }
        String scheme = req.scheme() == null ? LoadBalancer.INTERNET_FACING : req.scheme();
        if (!scheme.equals(LoadBalancer.INTERNAL) && !scheme.equals(LoadBalancer.INTERNET_FACING)) {
            throw Elbv2Errors.validation("Scheme '" + scheme + "' is not valid. Valid schemes: internal, internet-facing");
        }
        String ipType = req.ipAddressType() == null ? "ipv4" : req.ipAddressType();
        if (!ipType.equals("ipv4") && !ipType.equals("dualstack")) {
            throw Elbv2Errors.validation("IP address type '" + ipType + "' is not valid for a Network Load Balancer. Valid types: ipv4, dualstack");
        }
        if (req.subnets().isEmpty()) throw Elbv2Errors.validation("At least one subnet must be specified (Subnets or SubnetMappings)");

        List<Subnet> subnets = new ArrayList<>();
        Set<String> zones = new HashSet<>();
        for (SubnetMapping m : req.subnets()) {
            Subnet s = tx.find(Subnet.class, m.subnetId()).orElseThrow(() -> new AwsException("SubnetNotFound", "The subnet ID '" + m.subnetId() + "' is not valid"));
            if (!subnets.isEmpty() && !s.vpcId().equals(subnets.get(0).vpcId())) {
                throw Elbv2Errors.invalidConfiguration("The subnets of a load balancer must be in one VPC: " + subnets.get(0).id() + " is in "
                        + subnets.get(0).vpcId() + ", " + s.id() + " in " + s.vpcId());
            }
            if (!zones.add(s.availabilityZone())) {
                throw Elbv2Errors.invalidConfiguration("A load balancer cannot be attached to multiple subnets in the same Availability Zone ("
                        + s.availabilityZone() + ")");
            }
            if (m.privateIpv4Address() != null && scheme.equals(LoadBalancer.INTERNET_FACING)) {
                throw Elbv2Errors.invalidConfiguration("Private IPv4 addresses can be set in SubnetMappings only for internal load balancers");
            }
            if (m.allocationId() != null && scheme.equals(LoadBalancer.INTERNAL)) {
                throw Elbv2Errors.invalidConfiguration("Elastic IP addresses (AllocationId) can be set only for internet-facing load balancers");
            }
            subnets.add(s);
        }
        String vpcId = subnets.get(0).vpcId();
        if (scheme.equals(LoadBalancer.INTERNET_FACING)
                && tx.all(InternetGateway.class).stream().noneMatch(g -> vpcId.equals(g.attachedVpcId()))) {
            throw new AwsException("InvalidSubnet", "VPC " + vpcId + " has no internet gateway; an internet-facing load balancer needs one (or create it with Scheme internal)");
        }
        List<String> groups = checkGroups(tx, vpcId, req.securityGroups());

        String hex = Elbv2Arns.hex16();
        String arn = Elbv2Arns.loadBalancer(tx.scope(), name, hex);
        List<LoadBalancer.Node> nodes = new ArrayList<>();
        for (int i = 0; i < subnets.size(); i++) {
            SubnetMapping m = req.subnets().get(i);
            String publicIp = null;
            if (m.allocationId() != null) {
                Address a = tx.find(Address.class, m.allocationId())
                        .orElseThrow(() -> new AwsException("AllocationIdNotFound", "The allocation ID '" + m.allocationId() + "' does not exist"));
                if (a.associationId() != null) throw Elbv2Errors.invalidConfiguration("The Elastic IP address " + a.id() + " is already associated");
                publicIp = a.publicIp();
            }
            nodes.add(LoadBalancerNodes.create(tx, name, hex, subnets.get(i), m.privateIpv4Address(), groups, m.allocationId(), publicIp));
        }
        return tx.put(new LoadBalancer(arn, tx.scope().account(), name, LoadBalancer.NETWORK, scheme, vpcId, ipType, groups, nodes,
                Elbv2Arns.dnsName(name, tx.scope().region()), Elbv2Arns.canonicalHostedZoneId(tx.scope().region()), Map.of(), tx.now(),
                tx.now().plus(EndpointProvisioning.delay())));
    }

    private static List<String> checkGroups(View view, String vpcId, List<String> groupIds) {
        if (groupIds == null) return List.of();
        for (String id : groupIds) {
            SecurityGroup g = view.find(SecurityGroup.class, id)
                    .orElseThrow(() -> new AwsException("InvalidSecurityGroup", "Security group '" + id + "' does not exist"));
            if (!g.vpcId().equals(vpcId)) {
                throw new AwsException("InvalidSecurityGroup", "Security group '" + id + "' is in " + g.vpcId() + ", not in the load balancer's VPC " + vpcId);
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(groupIds));
    }

    /** Deletes a load balancer with its listeners and nodes, unless deletion protection or an endpoint service holds it. */
    public static void delete(Tx tx, String arn) {
        LoadBalancer lb = require(tx, arn);
        if ("true".equals(lb.attributes().get(Elbv2Attributes.DELETION_PROTECTION))) {
            throw new AwsException("OperationNotPermitted", "Load balancer '" + arn + "' cannot be deleted because deletion protection is enabled;"
                    + " set deletion_protection.enabled to false with ModifyLoadBalancerAttributes first");
        }
        for (VpcEndpointServiceConfiguration s : tx.all(VpcEndpointServiceConfiguration.class)) {
            if (s.networkLoadBalancerArns().contains(arn)) {
                throw Elbv2Errors.resourceInUse("Load balancer '" + arn + "' cannot be deleted because it is currently associated with another service ("
                        + s.id() + ")");
            }
        }
        for (Listener l : ListenerOps.of(tx, arn)) tx.remove(Listener.class, l.id());
        LoadBalancerNodes.remove(tx, lb);
        tx.remove(LoadBalancer.class, arn);
    }

    public static LoadBalancer modifyAttributes(Tx tx, String arn, Map<String, String> changes) {
        LoadBalancer lb = require(tx, arn);
        Map<String, String> next = Elbv2Attributes.modifyLoadBalancer(lb.attributes(), changes);
        return tx.put(new LoadBalancer(lb.id(), lb.ownerId(), lb.name(), lb.type(), lb.scheme(), lb.vpcId(), lb.ipAddressType(),
                lb.securityGroupIds(), lb.nodes(), lb.dnsName(), lb.canonicalHostedZoneId(), next, lb.createdAt(), lb.activeAt()));
    }
}
