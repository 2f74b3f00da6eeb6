package io.localvpc.core.path;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.ops.AddressOps;
import io.localvpc.core.ops.DefaultVpc;
import io.localvpc.core.ops.EndpointProvisioning;
import io.localvpc.core.ops.InstanceOps;
import io.localvpc.core.ops.InternetGatewayOps;
import io.localvpc.core.ops.NatGatewayOps;
import io.localvpc.core.ops.NetworkAclEntries;
import io.localvpc.core.ops.NetworkAclOps;
import io.localvpc.core.ops.NetworkInterfaceOps;
import io.localvpc.core.ops.RouteTableOps;
import io.localvpc.core.ops.SecurityGroupOps;
import io.localvpc.core.ops.SecurityGroupRuleSpec;
import io.localvpc.core.ops.SubnetOps;
import io.localvpc.core.ops.VpcEndpointOps;
import io.localvpc.core.ops.VpcOps;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;
import io.localvpc.core.time.ManualClock;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A store with a hand-moved clock and builders that make state only through the core ops, as the API
 * would, so the path engine is tested against exactly what CreateX calls leave behind.
 */
public final class PathWorld {
    public static final Scope SCOPE = new Scope("000000000000", "us-east-1");


    public final ManualClock clock;
    public final Store store;
    /** The account and region this world builds in ({@link #SCOPE} unless made for another account of the same store). */
    public final Scope scope;

    public PathWorld() {
        this.clock = new ManualClock();
        this.store = new Store(Journal.NONE, clock, DefaultVpc::create);
        this.scope = SCOPE;
    }

    /** Another account's world in the same store, on the same clock (the provider of an endpoint service, say). */
    public PathWorld(PathWorld sameStore, Scope scope) {
        this.clock = sameStore.clock;
        this.store = sameStore.store;
        this.scope = scope;
    }

    public <T> T write(Function<Tx, T> work) {
        return store.write(scope, work);
    }

    public View view() {
        return store.view(scope);
    }

    /** Moves time past every lifecycle delay (interface endpoints pending, NAT gateways pending, instances pending). */
    public void settle() {
        Duration longest = EndpointProvisioning.delay();
        if (NatGatewayOps.transitionDelay().compareTo(longest) > 0) longest = NatGatewayOps.transitionDelay();
        clock.advance(longest.plusSeconds(5));
    }

    /** A VPC with DNS support and host names on, as needed for private DNS. */
    public Vpc vpc(String cidr) {
        return write(tx -> tx.put(VpcOps.create(tx, cidr, null, false).withDnsHostnames(true)));
    }

    public Subnet subnet(Vpc vpc, String cidr, String zoneName) {
        return write(tx -> SubnetOps.create(tx, vpc.id(), cidr, zoneName, null));
    }

    /** A new route table associated with the given subnets. */
    public RouteTable table(Vpc vpc, Subnet... subnets) {
        return write(tx -> {
            RouteTable t = RouteTableOps.create(tx, vpc.id());
            for (Subnet s : subnets) RouteTableOps.associate(tx, t.id(), s.id());
            return tx.find(RouteTable.class, t.id()).orElseThrow();
        });
    }

    public RouteTable mainTable(Vpc vpc) {
        return VpcOps.mainRouteTable(view(), vpc.id()).orElseThrow();
    }

    public void route(RouteTable table, String cidr, String gatewayId, String natGatewayId) {
        write(tx -> {
            RouteTableOps.createRoute(tx, table.id(), new RouteTableOps.Destination(cidr, null),
                    new RouteTableOps.Target(gatewayId, natGatewayId, null, null));
            return null;
        });
    }

    public void prefixListRoute(RouteTable table, String prefixListId, String gatewayId) {
        write(tx -> {
            RouteTableOps.createRoute(tx, table.id(), new RouteTableOps.Destination(null, prefixListId),
                    new RouteTableOps.Target(gatewayId, null, null, null));
            return null;
        });
    }

    public String internetGateway(Vpc vpc) {
        return write(tx -> {
            String id = InternetGatewayOps.create(tx).id();
            InternetGatewayOps.attach(tx, id, vpc.id());
            return id;
        });
    }

    public NatGateway publicNat(Subnet subnet) {
        return write(tx -> NatGatewayOps.create(tx, subnet.id(), null, AddressOps.allocate(tx, "vpc").id(), null));
    }

    public NatGateway privateNat(Subnet subnet) {
        return write(tx -> NatGatewayOps.create(tx, subnet.id(), "private", null, null));
    }

    /** A security group with AWS's default all-outbound rule. */
    public SecurityGroup group(Vpc vpc, String name) {
        return write(tx -> SecurityGroupOps.create(tx, vpc.id(), name, name + " group"));
    }

    public SecurityGroup defaultGroup(Vpc vpc) {
        return VpcOps.defaultSecurityGroup(view(), vpc.id()).orElseThrow();
    }

    public SecurityGroup authorize(SecurityGroup g, boolean egress, SecurityGroupRuleSpec... specs) {
        return write(tx -> {
            SecurityGroupOps.authorize(tx, tx.find(SecurityGroup.class, g.id()).orElseThrow(), egress, Arrays.asList(specs));
            return tx.find(SecurityGroup.class, g.id()).orElseThrow();
        });
    }

    /** Removes AWS's default "all traffic to 0.0.0.0/0" egress rule. */
    public SecurityGroup revokeAllEgress(SecurityGroup g) {
        return write(tx -> {
            SecurityGroupOps.revoke(tx, tx.find(SecurityGroup.class, g.id()).orElseThrow(), true, List.of(cidr("-1", null, null, "0.0.0.0/0")));
            return tx.find(SecurityGroup.class, g.id()).orElseThrow();
        });
    }

    public static SecurityGroupRuleSpec cidr(String protocol, Integer from, Integer to, String cidr) {
        return new SecurityGroupRuleSpec(protocol, from, to, cidr, null, null, null, null, null, null);
    }

    public static SecurityGroupRuleSpec tcpFromGroup(int port, String groupId) {
        return new SecurityGroupRuleSpec("tcp", port, port, null, null, null, groupId, null, null, null);
    }

    public static SecurityGroupRuleSpec prefixList(String protocol, Integer from, Integer to, String prefixListId) {
        return new SecurityGroupRuleSpec(protocol, from, to, null, null, prefixListId, null, null, null, null);
    }

    public NetworkAcl networkAcl(Vpc vpc) {
        return write(tx -> NetworkAclOps.create(tx, vpc.id()));
    }

    public NetworkAcl defaultAcl(Vpc vpc) {
        return VpcOps.defaultNetworkAcl(view(), vpc.id()).orElseThrow();
    }

    /** Moves a subnet to another network ACL (ReplaceNetworkAclAssociation). */
    public void associate(NetworkAcl acl, Subnet subnet) {
        write(tx -> {
            NetworkAcl current = NetworkAclOps.ofSubnet(tx, subnet.id()).orElseThrow();
            String assoc = current.associationForSubnet(subnet.id()).orElseThrow().associationId();
            return NetworkAclOps.replaceAssociation(tx, assoc, acl.id());
        });
    }

    public void aclEntry(NetworkAcl acl, int rule, boolean egress, String protocol, String action, String cidr, Integer from, Integer to) {
        write(tx -> {
            NetworkAclEntry e = NetworkAclEntries.build(rule, egress, protocol, action, cidr, null,
                    from == null ? null : new NetworkAclEntries.Ports(from, to), null);
            if (tx.find(NetworkAcl.class, acl.id()).orElseThrow().entry(rule, egress).isPresent()) NetworkAclOps.replaceEntry(tx, acl.id(), e);
            else NetworkAclOps.createEntry(tx, acl.id(), e);
            return null;
        });
    }

    /** A network interface (not attached) as a workload identity, with the given groups (empty: the VPC's default). */
    public NetworkInterface eni(Subnet subnet, String ip, SecurityGroup... groups) {
        return write(tx -> NetworkInterfaceOps.create(tx, new NetworkInterfaceOps.Spec(subnet.id(), ip,
                Arrays.stream(groups).map(SecurityGroup::id).toList(), "workload", 0)));
    }

    /** A running instance (no launch delay) in the subnet. */
    public Instance instance(Subnet subnet, SecurityGroup... groups) {
        return write(tx -> InstanceOps.run(tx, new InstanceOps.LaunchSpec("ami-12345678", null, 1, 1, subnet.id(),
                Arrays.stream(groups).map(SecurityGroup::id).toList(), List.of(), null, List.of(), null, null), Duration.ZERO)).instances().get(0);
    }

    public NetworkInterface primaryInterface(Instance i) {
        return view().find(NetworkInterface.class, i.primaryNetworkInterfaceId()).orElseThrow();
    }

    public VpcEndpoint gatewayEndpoint(Vpc vpc, String service, RouteTable... tables) {
        return write(tx -> VpcEndpointOps.create(tx, new VpcEndpointOps.Create(vpc.id(), "Gateway", service, null,
                Arrays.stream(tables).map(RouteTable::id).toList(), List.of(), List.of(), null, null, null, null, Map.of(), null)));
    }

    /** An interface endpoint; still pending until {@link #settle()}. */
    public VpcEndpoint interfaceEndpoint(Vpc vpc, String service, List<Subnet> subnets, List<SecurityGroup> groups, Boolean privateDns) {
        return write(tx -> VpcEndpointOps.create(tx, new VpcEndpointOps.Create(vpc.id(), "Interface", service, null, List.of(),
                subnets.stream().map(Subnet::id).toList(), groups.stream().map(SecurityGroup::id).toList(), privateDns, null, null, null,
                Map.of(), null)));
    }

    public List<NetworkInterface> interfacesOf(VpcEndpoint e) {
        return VpcEndpointOps.interfacesOf(view(), e);
    }

    public NetworkInterface interfaceIn(VpcEndpoint e, Subnet subnet) {
        return interfacesOf(e).stream().filter(n -> n.subnetId().equals(subnet.id())).findFirst().orElseThrow();
    }
}
