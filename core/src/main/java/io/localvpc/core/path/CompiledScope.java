package io.localvpc.core.path;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.Listener;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkAclAssociation;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.RouteTableAssociation;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.state.Resource;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.View;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lookup structures derived from one version of a scope, built lazily and shared by every decision
 * made against that version: which route table and network ACL govern a subnet (compiled), compiled
 * security groups, which interface holds an address in a VPC, workloads and interfaces as the source
 * and target of flows with all of the above resolved for them, and the parts of a trace that do not
 * depend on the flow (a source's hop, an endpoint's hops and {@link Target.Via}).
 */
final class CompiledScope {
    final Scope scope;
    final Object version;
    private final View view;
    private final Map<String, RouteLookup> routesBySubnet = new ConcurrentHashMap<>();
    private final Map<String, NetworkAclCheck> aclBySubnet = new ConcurrentHashMap<>();
    private final Map<String, SecurityGroupCheck> groups = new ConcurrentHashMap<>();
    private volatile Map<String, AddressMap<NetworkInterface>> interfacesByVpc;
    private volatile Map<String, VpcEndpoint> endpointByInterface;
    private final Map<Class<?>, Map<String, Resource>> byId = new ConcurrentHashMap<>();
    private final Map<String, SourceInterface> workloads = new ConcurrentHashMap<>();
    private final Map<String, TargetInterface> targets = new ConcurrentHashMap<>();
    private final Map<String, EndpointRoute> gateways = new ConcurrentHashMap<>();
    private volatile Map<String, LoadBalancerNode> nodesByInterface;
    private volatile Map<String, Listener> listenersByPort;

    CompiledScope(View view) {
        this.view = view;
        this.scope = view.scope();
        this.version = view.version();
    }

    /**
     * A resource by id from a hash index of its type, built on first use for this version: cheaper than the
     * store's sorted persistent maps for the handful of lookups every decision makes.
     */
    @SuppressWarnings("unchecked")
    <R extends Resource> R find(Class<R> type, String id) {
        Map<String, Resource> index = byId.get(type);
        if (index == null) {
            Map<String, Resource> built = new HashMap<>();
            for (R r : view.all(type)) built.put(r.id(), r);
            byId.putIfAbsent(type, built);
            index = byId.get(type);
        }
        return id == null ? null : (R) index.get(id);
    }

    /** The subnet's explicitly associated table, else its VPC's main table (null if the VPC has none). */
    RouteLookup routes(Subnet subnet) {
        RouteLookup found = routesBySubnet.get(subnet.id());
        if (found == null) {
            found = compileRoutes(subnet); // two threads may both compile; either result serves
            if (found != null) routesBySubnet.putIfAbsent(subnet.id(), found);
        }
        return found;
    }

    private RouteLookup compileRoutes(Subnet subnet) {
        RouteTable main = null;
        for (RouteTable t : view.all(RouteTable.class)) {
            if (!t.vpcId().equals(subnet.vpcId())) continue;
            for (RouteTableAssociation a : t.associations()) {
                if (subnet.id().equals(a.subnetId())) return RouteLookup.compile(view, t);
                if (a.main()) main = t;
            }
        }
        return main == null ? null : RouteLookup.compile(view, main);
    }

    /** The network ACL the subnet is associated with (every subnet has one). */
    NetworkAclCheck acl(Subnet subnet) {
        NetworkAclCheck found = aclBySubnet.get(subnet.id());
        if (found == null) {
            found = compileAcl(subnet.id());
            if (found != null) aclBySubnet.putIfAbsent(subnet.id(), found);
        }
        return found;
    }

    private NetworkAclCheck compileAcl(String subnetId) {
        for (NetworkAcl acl : view.all(NetworkAcl.class)) {
            for (NetworkAclAssociation a : acl.associations()) if (subnetId.equals(a.subnetId())) return NetworkAclCheck.compile(acl);
        }
        return null;
    }

    SecurityGroupCheck group(String groupId) {
        SecurityGroupCheck c = groups.get(groupId);
        if (c != null) return c;
        SecurityGroup g = view.find(SecurityGroup.class, groupId).orElse(null);
        if (g == null) return null;
        return groups.computeIfAbsent(groupId, id -> SecurityGroupCheck.compile(view, g));
    }

    /** The interface in the VPC that holds the address (primary or secondary), or null. */
    NetworkInterface interfaceAt(String vpcId, long address) {
        Map<String, AddressMap<NetworkInterface>> byVpc = interfacesByVpc;
        if (byVpc == null) {
            byVpc = new HashMap<>();
            for (NetworkInterface eni : view.all(NetworkInterface.class)) {
                AddressMap<NetworkInterface> m = byVpc.computeIfAbsent(eni.vpcId(), k -> new AddressMap<>());
                for (String ip : eni.privateIps()) m.put(Ipv4.parse(ip), eni);
            }
            interfacesByVpc = byVpc;
        }
        AddressMap<NetworkInterface> m = byVpc.get(vpcId);
        return m == null ? null : m.get(address);
    }

    /** The interface VPC endpoint that owns an interface, or null. */
    VpcEndpoint endpointOwning(String networkInterfaceId) {
        Map<String, VpcEndpoint> m = endpointByInterface;
        if (m == null) {
            m = new HashMap<>();
            for (VpcEndpoint e : view.all(VpcEndpoint.class)) {
                if (e.isActive() && e.variant() instanceof VpcEndpoint.Interface i) {
                    for (String eni : i.networkInterfaceIds()) m.put(eni, e);
                }
            }
            endpointByInterface = m;
        }
        return m.get(networkInterfaceId);
    }

    /** The compiled security groups of an interface, in its order (null where a group is gone). */
    SecurityGroupCheck[] groups(NetworkInterface eni) {
        return groups(eni.groupIds());
    }

    /** The compiled groups of these ids, in order (null where a group is gone): a load balancer's, say. */
    SecurityGroupCheck[] groups(java.util.List<String> groupIds) {
        SecurityGroupCheck[] checks = new SecurityGroupCheck[groupIds.size()];
        for (int i = 0; i < checks.length; i++) checks[i] = group(groupIds.get(i));
        return checks;
    }

    /**
     * The interface a flow's workload names: an instance's primary interface ({@code i-…}) or the interface
     * itself ({@code eni-…}); null when there is no such instance or interface (the engine then says which).
     */
    SourceInterface workload(String id) {
        if (id == null) return null;
        SourceInterface s = workloads.get(id);
        if (s == null) {
            s = resolveWorkload(id);
            if (s != null) workloads.putIfAbsent(id, s);
        }
        return s;
    }

    private SourceInterface resolveWorkload(String id) {
        Instance instance = null;
        String eniId = id;
        if (id.startsWith("i-")) {
            instance = find(Instance.class, id);
            eniId = instance == null ? null : instance.primaryNetworkInterfaceId();
        }
        NetworkInterface eni = find(NetworkInterface.class, eniId);
        return eni == null ? null : SourceInterface.of(instance, eni, find(Subnet.class, eni.subnetId()), this);
    }

    /** The interface (of this version) as the target of a flow. */
    TargetInterface target(NetworkInterface eni) {
        TargetInterface t = targets.get(eni.id());
        if (t == null) {
            t = TargetInterface.of(eni, find(Subnet.class, eni.subnetId()), this);
            targets.putIfAbsent(eni.id(), t);
        }
        return t;
    }

    /** The way through a gateway endpoint, or null if there is no such endpoint. */
    EndpointRoute gateway(String endpointId) {
        EndpointRoute r = gateways.get(endpointId);
        if (r != null) return r;
        VpcEndpoint endpoint = find(VpcEndpoint.class, endpointId);
        if (endpoint == null) return null;
        r = EndpointRoute.gateway(endpoint);
        gateways.putIfAbsent(endpointId, r);
        return r;
    }

    /** The load balancer node whose network interface this is, or null. */
    LoadBalancerNode loadBalancerNode(String networkInterfaceId) {
        Map<String, LoadBalancerNode> m = nodesByInterface;
        if (m == null) {
            m = new HashMap<>();
            for (LoadBalancer lb : view.all(LoadBalancer.class)) {
                for (LoadBalancer.Node n : lb.nodes()) if (n.networkInterfaceId() != null) m.put(n.networkInterfaceId(), new LoadBalancerNode(lb, n));
            }
            nodesByInterface = m;
        }
        return m.get(networkInterfaceId);
    }

    /** The listener of the load balancer on a port that takes TCP ({@code TCP}, {@code TLS}, {@code TCP_UDP}), or null. */
    Listener listener(String loadBalancerArn, int port) {
        Map<String, Listener> m = listenersByPort;
        if (m == null) {
            m = new HashMap<>();
            for (Listener l : view.all(Listener.class)) {
                if (!"UDP".equals(l.protocol())) m.put(l.loadBalancerArn() + " " + l.port(), l);
            }
            listenersByPort = m;
        }
        return m.get(loadBalancerArn + " " + port);
    }

    View view() {
        return view;
    }
}
