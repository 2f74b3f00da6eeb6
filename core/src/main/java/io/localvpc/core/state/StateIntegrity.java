package io.localvpc.core.state;

import io.localvpc.core.catalog.Region;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.model.Address;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.ManagedPrefixList;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkAclAssociation;
import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.model.NetworkInsightsAnalysis;
import io.localvpc.core.model.NetworkInsightsPath;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.RouteTableAssociation;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcCidrAssociation;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.net.Ipv4Cidr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rows of an imported state must hold together, so that no later call meets a state localvpc could
 * not have made itself: CIDRs and addresses that parse; a subnet inside its VPC's CIDRs and clear of its
 * siblings; and every reference that localvpc's own operations keep valid (a subnet's VPC, an interface's
 * subnet and groups, an association's subnet, an attached gateway's VPC) naming a resource of the same
 * account and region. References AWS lets dangle stay unchecked: a route's target (a blackhole route), and
 * the subnet of a terminated instance or a deleted NAT gateway.
 */
final class StateIntegrity {
    private final Map<Scope, Map<String, StateDocument.Row>> byId = new HashMap<>();

    private StateIntegrity(List<StateDocument.Row> rows) {
        for (StateDocument.Row r : rows) {
            if (!(r.resource() instanceof ResourceTags)) byId.computeIfAbsent(r.scope(), s -> new HashMap<>()).put(r.resource().id(), r);
        }
    }

    /**
     * Throws {@link InvalidStateException} for the first row that breaks a rule. Each row's own values are
     * checked first, for every row, so that the references checked next only ever meet values that parse.
     */
    static void check(List<StateDocument.Row> rows) {
        StateIntegrity check = new StateIntegrity(rows);
        for (StateDocument.Row row : rows) ownValues(row);
        // Parents before children (the table's order: VPCs, then subnets, …), so the row reported is the cause.
        List<String> order = new ArrayList<>();
        ResourceTypes.names().forEach(order::add);
        List<StateDocument.Row> parentsFirst = new ArrayList<>(rows);
        parentsFirst.sort(Comparator.comparingInt(r -> order.indexOf(r.type())));
        for (StateDocument.Row row : parentsFirst) check.references(row);
        check.subnetsDoNotOverlap(rows);
    }

    private static void ownValues(StateDocument.Row row) {
        Resource r = row.resource();
        if (r instanceof Vpc v) vpc(row, v);
        else if (r instanceof Subnet s) cidr(row, "CIDR", s.cidrBlock());
        else if (r instanceof RouteTable t) routes(row, t);
        else if (r instanceof SecurityGroup g) rules(row, g);
        else if (r instanceof NetworkAcl a) entries(row, a);
        else if (r instanceof NetworkInterface n) addresses(row, n);
        else if (r instanceof VpcEndpoint e && e.variant() == null) fail(row, "it has no variant (Gateway or Interface)");
        else if (r instanceof Instance i && i.state() == null) fail(row, "it has no state");
        else if (r instanceof ManagedPrefixList p) prefixList(row, p);
        else if (r instanceof ResourceTags t) tags(row, t);
        else if (r instanceof io.localvpc.core.model.FlowLog f) flowLog(row, f);
    }

    private void references(StateDocument.Row row) {
        Resource r = row.resource();
        if (r instanceof Subnet s) subnet(row, s);
        else if (r instanceof RouteTable t) routeTable(row, t);
        else if (r instanceof SecurityGroup g) ref(row, "VPC", g.vpcId(), Vpc.class);
        else if (r instanceof NetworkAcl a) networkAcl(row, a);
        else if (r instanceof NetworkInterface n) networkInterface(row, n);
        else if (r instanceof InternetGateway g && g.attachedVpcId() != null) ref(row, "attached VPC", g.attachedVpcId(), Vpc.class);
        else if (r instanceof VpcEndpoint e) endpoint(row, e);
        else if (r instanceof NatGateway n) natGateway(row, n);
        else if (r instanceof Instance i) instance(row, i);
        else if (r instanceof Address a) address(row, a);
        // AWS keeps a path while it has analyses (DeleteNetworkInsightsPath refuses), so an analysis always has its path.
        else if (r instanceof NetworkInsightsAnalysis a) ref(row, "network insights path", a.pathId(), NetworkInsightsPath.class);
        else if (r instanceof io.localvpc.core.model.LoadBalancer lb) loadBalancer(row, lb);
        else if (r instanceof io.localvpc.core.model.TargetGroup g) ref(row, "VPC", g.vpcId(), Vpc.class);
        else if (r instanceof io.localvpc.core.model.Listener l) listener(row, l);
    }

    /** A load balancer's nodes are interfaces in its subnets of its VPC, with its security groups. */
    private void loadBalancer(StateDocument.Row row, io.localvpc.core.model.LoadBalancer lb) {
        ref(row, "VPC", lb.vpcId(), Vpc.class);
        if (lb.nodes().isEmpty()) fail(row, "it has no node (a Network Load Balancer has one per subnet)");
        for (io.localvpc.core.model.LoadBalancer.Node n : lb.nodes()) {
            sameVpc(row, ref(row, "subnet", n.subnetId(), Subnet.class), lb.vpcId());
            NetworkInterface eni = ref(row, "node network interface", n.networkInterfaceId(), NetworkInterface.class);
            if (!eni.subnetId().equals(n.subnetId())) fail(row, "its node " + eni.id() + " is in " + eni.subnetId() + ", not in " + n.subnetId());
        }
        for (String group : lb.securityGroupIds()) ref(row, "security group", group, SecurityGroup.class);
    }

    /** A listener belongs to a load balancer and forwards to target groups of the same scope. */
    private void listener(StateDocument.Row row, io.localvpc.core.model.Listener l) {
        ref(row, "load balancer", l.loadBalancerArn(), io.localvpc.core.model.LoadBalancer.class);
        for (io.localvpc.core.model.Listener.Action a : l.defaultActions()) {
            for (io.localvpc.core.model.Listener.WeightedTargetGroup g : a.targetGroups()) {
                ref(row, "target group", g.targetGroupArn(), io.localvpc.core.model.TargetGroup.class);
            }
        }
    }

    // ---------------------------------------------------------------- each row alone

    private static void vpc(StateDocument.Row row, Vpc v) {
        if (v.cidrs().isEmpty()) fail(row, "a VPC needs at least its primary CIDR");
        for (VpcCidrAssociation a : v.cidrs()) {
            Ipv4Cidr cidr = cidr(row, "CIDR", a.cidrBlock());
            if (cidr.prefixLength() < 16 || cidr.prefixLength() > 28) fail(row, "the CIDR " + a.cidrBlock() + " is not between /16 and /28");
            if (!VpcCidrAssociation.ASSOCIATED.equals(a.state()) && !VpcCidrAssociation.DISASSOCIATED.equals(a.state())) {
                fail(row, "the CIDR " + a.cidrBlock() + " has state " + a.state() + "; expected associated or disassociated");
            }
        }
        if (!VpcCidrAssociation.ASSOCIATED.equals(v.cidrs().get(0).state())) fail(row, "the primary CIDR is not associated");
    }

    private static void routes(StateDocument.Row row, RouteTable t) {
        for (Route route : t.routes()) {
            if (route.destinationCidrBlock() != null) cidr(row, "route destination", route.destinationCidrBlock());
        }
    }

    private static void rules(StateDocument.Row row, SecurityGroup g) {
        for (SecurityGroupRule rule : g.rules()) {
            if (rule.cidrIpv4() != null) cidr(row, "rule CIDR", rule.cidrIpv4());
        }
    }

    private static void entries(StateDocument.Row row, NetworkAcl a) {
        for (NetworkAclEntry e : a.entries()) {
            if (e.cidrBlock() != null) cidr(row, "entry CIDR", e.cidrBlock());
        }
    }

    private static void addresses(StateDocument.Row row, NetworkInterface n) {
        if (n.privateIpAddress() == null) fail(row, "its private IP is missing");
        for (String ip : n.privateIps()) {
            if (!Ipv4.isValid(ip)) fail(row, "its private IP " + ip + " is not an IPv4 address");
        }
    }

    private static void prefixList(StateDocument.Row row, ManagedPrefixList p) {
        if (p.versions().isEmpty()) fail(row, "a prefix list needs at least one version");
        for (ManagedPrefixList.Version v : p.versions()) {
            for (ManagedPrefixList.Entry e : v.entries()) cidr(row, "entry CIDR", e.cidr());
        }
    }

    private static void tags(StateDocument.Row row, ResourceTags t) {
        t.tags().forEach((k, v) -> {
            if (k == null || v == null) fail(row, "a tag has no key or no value");
        });
    }

    /**
     * A flow log must hold what CreateFlowLogs would have accepted; its resource may be gone (a deleted VPC's flow log
     * stays and logs nothing), so that reference is not checked.
     */
    private static void flowLog(StateDocument.Row row, io.localvpc.core.model.FlowLog f) {
        if (f.resourceId() == null || f.resourceType() == null || !io.localvpc.core.ops.FlowLogOps.RESOURCE_TYPES.contains(f.resourceType())) {
            fail(row, "its resource type " + f.resourceType() + " is not VPC, Subnet or NetworkInterface");
        }
        if (!io.localvpc.core.ops.FlowLogOps.TRAFFIC_TYPES.contains(String.valueOf(f.trafficType()))) {
            fail(row, "its traffic type " + f.trafficType() + " is not ACCEPT, REJECT or ALL");
        }
        if (!"s3".equals(f.destinationType()) || f.destination() == null || !f.destination().startsWith(io.localvpc.core.model.FlowLog.S3_ARN)
                || f.bucket().isEmpty()) {
            fail(row, "its destination " + f.destinationType() + " " + f.destination() + " is not an S3 bucket ARN");
        }
        if (f.maxAggregationInterval() != 60 && f.maxAggregationInterval() != 600) {
            fail(row, "its aggregation interval " + f.maxAggregationInterval() + " is not 60 or 600");
        }
        if (!"plain-text".equals(f.fileFormat())) fail(row, "its file format " + f.fileFormat() + " is not plain-text");
        try {
            io.localvpc.core.flowlogs.FlowLogFormat.parse(f.logFormat());
        } catch (io.localvpc.core.AwsException e) {
            fail(row, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- rows together

    private void subnet(StateDocument.Row row, Subnet s) {
        Vpc vpc = ref(row, "VPC", s.vpcId(), Vpc.class);
        Ipv4Cidr cidr = Ipv4Cidr.parseOrNull(s.cidrBlock());
        boolean inside = vpc.associatedCidrs().stream().anyMatch(a -> Ipv4Cidr.parse(a.cidrBlock()).orElseThrow().contains(cidr));
        if (!inside) {
            fail(row, "its CIDR " + s.cidrBlock() + " is outside the CIDRs of its VPC " + vpc.id() + " ("
                    + String.join(", ", vpc.associatedCidrs().stream().map(VpcCidrAssociation::cidrBlock).toList()) + ")");
        }
        Region region = Regions.find(row.scope().region()).orElseThrow();
        if (s.availabilityZone() == null || region.zoneByName(s.availabilityZone()).isEmpty()) {
            fail(row, "its availability zone " + s.availabilityZone() + " is not a zone of " + region.name());
        }
    }

    private void routeTable(StateDocument.Row row, RouteTable t) {
        ref(row, "VPC", t.vpcId(), Vpc.class);
        for (RouteTableAssociation a : t.associations()) {
            if (a.subnetId() != null) sameVpc(row, ref(row, "associated subnet", a.subnetId(), Subnet.class), t.vpcId());
        }
    }

    private void networkAcl(StateDocument.Row row, NetworkAcl a) {
        ref(row, "VPC", a.vpcId(), Vpc.class);
        for (NetworkAclAssociation assoc : a.associations()) {
            sameVpc(row, ref(row, "associated subnet", assoc.subnetId(), Subnet.class), a.vpcId());
        }
    }

    private void networkInterface(StateDocument.Row row, NetworkInterface n) {
        Subnet subnet = ref(row, "subnet", n.subnetId(), Subnet.class);
        sameVpc(row, subnet, n.vpcId());
        Ipv4Cidr cidr = Ipv4Cidr.parse(subnet.cidrBlock()).orElseThrow();
        for (String ip : n.privateIps()) {
            if (!cidr.contains(Ipv4.parse(ip))) fail(row, "its private IP " + ip + " is outside its subnet " + subnet.id() + " (" + subnet.cidrBlock() + ")");
        }
        for (String group : n.groupIds()) ref(row, "security group", group, SecurityGroup.class);
    }

    private void endpoint(StateDocument.Row row, VpcEndpoint e) {
        if (!e.isActive()) return; // a deleting endpoint no longer holds its VPC, routes or interfaces
        ref(row, "VPC", e.vpcId(), Vpc.class);
        if (e.variant() instanceof VpcEndpoint.Gateway g) {
            for (String table : g.routeTableIds()) ref(row, "route table", table, RouteTable.class);
        } else if (e.variant() instanceof VpcEndpoint.Interface i) {
            for (String subnet : i.subnetIds()) sameVpc(row, ref(row, "subnet", subnet, Subnet.class), e.vpcId());
            for (String group : i.groupIds()) ref(row, "security group", group, SecurityGroup.class);
        }
    }

    private void natGateway(StateDocument.Row row, NatGateway n) {
        // A deleted or failed gateway keeps the ids it had; its subnet may be gone since.
        if (n.deleteRequestedAt() == null && n.failureCode() == null) ref(row, "subnet", n.subnetId(), Subnet.class);
    }

    private void instance(StateDocument.Row row, Instance i) {
        if (i.state() == Instance.State.SHUTTING_DOWN || i.state() == Instance.State.TERMINATED) return;
        sameVpc(row, ref(row, "subnet", i.subnetId(), Subnet.class), i.vpcId());
        for (String eni : i.networkInterfaceIds()) ref(row, "network interface", eni, NetworkInterface.class);
    }

    private void address(StateDocument.Row row, Address a) {
        if (a.isAssociated() && a.networkInterfaceId() != null) ref(row, "network interface", a.networkInterfaceId(), NetworkInterface.class);
    }

    /** Subnets of one VPC never overlap (CreateSubnet refuses it): sorted by first address, neighbours must not. */
    private void subnetsDoNotOverlap(List<StateDocument.Row> rows) {
        Map<String, List<StateDocument.Row>> byVpc = new HashMap<>();
        for (StateDocument.Row r : rows) {
            if (r.resource() instanceof Subnet s) byVpc.computeIfAbsent(r.scope().key() + " " + s.vpcId(), k -> new ArrayList<>()).add(r);
        }
        for (List<StateDocument.Row> subnets : byVpc.values()) {
            subnets.sort(Comparator.comparingLong(r -> Ipv4Cidr.parse(((Subnet) r.resource()).cidrBlock()).orElseThrow().first()));
            for (int i = 1; i < subnets.size(); i++) {
                Ipv4Cidr a = Ipv4Cidr.parse(((Subnet) subnets.get(i - 1).resource()).cidrBlock()).orElseThrow();
                Ipv4Cidr b = Ipv4Cidr.parse(((Subnet) subnets.get(i).resource()).cidrBlock()).orElseThrow();
                if (a.overlaps(b)) fail(subnets.get(i), "its CIDR " + b + " overlaps " + subnets.get(i - 1).label() + " (" + a + ")");
            }
        }
    }

    /** The resource a row refers to, which must be in the same account and region and of the expected type. */
    private <R extends Resource> R ref(StateDocument.Row row, String what, String id, Class<R> type) {
        if (id == null) fail(row, "its " + what + " is missing");
        StateDocument.Row target = byId.getOrDefault(row.scope(), Map.of()).get(id);
        if (target == null) fail(row, "its " + what + " " + id + " is not in the document (in " + row.scope().key() + ")");
        if (!type.isInstance(target.resource())) fail(row, "its " + what + " " + id + " is " + target.label() + ", not a " + ResourceTypes.nameOf(type));
        return type.cast(target.resource());
    }

    private static void sameVpc(StateDocument.Row row, Subnet subnet, String vpcId) {
        if (!java.util.Objects.equals(subnet.vpcId(), vpcId)) fail(row, "its subnet " + subnet.id() + " is in " + subnet.vpcId() + ", not in its VPC " + vpcId);
    }

    private static Ipv4Cidr cidr(StateDocument.Row row, String what, String text) {
        Ipv4Cidr cidr = Ipv4Cidr.parseOrNull(text);
        if (cidr == null) {
            fail(row, "its " + what + " " + (text == null ? "is missing" : "\"" + text + "\" is not an IPv4 CIDR such as 10.0.0.0/16"));
        }
        return cidr;
    }

    private static void fail(StateDocument.Row row, String fault) {
        throw new InvalidStateException(row.label() + ": " + fault);
    }
}
