package io.localvpc.core.insights;

import io.localvpc.core.model.AnalysisExplanation;
import io.localvpc.core.model.AnalysisPathComponent;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.model.NetworkInsightsAnalysis.Component;
import io.localvpc.core.model.NetworkInsightsPath;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.ops.NatGatewayOps;
import io.localvpc.core.path.Hop;
import io.localvpc.core.path.Verdict;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a path is blocked, in AWS's explanation codes, from the hop of the engine's trace that refused the flow: the
 * explanation names the same route table, network ACL, security groups or gateway as that hop.
 */
final class Explanations {
    private final View view;
    private final Scope scope;
    private final NetworkInterface sourceEni;
    private final Destination destination;
    private final String address;

    Explanations(View view, NetworkInsightsPath path, NetworkInterface sourceEni, Destination destination, String address) {
        this.view = view;
        this.scope = view.scope();
        this.sourceEni = sourceEni;
        this.destination = destination;
        this.address = address;
    }

    /** The explanations of a decision that did not reach the destination. */
    List<AnalysisExplanation> of(Verdict v) {
        if (v instanceof Verdict.Delivered) return List.of(deliveredElsewhere(v));
        Hop h = v.trace().decisive();
        Draft d = switch (h.kind()) {
            case SOURCE -> instanceState(h.resourceId());
            case ROUTE -> !(h.subject() instanceof Route)
                    ? new Draft("NO_ROUTE_TO_DESTINATION").routeTable(h.resourceId())
                    : new Draft("BAD_STATE_ROUTE").routeTable(h.resourceId()).route(PathComponents.route((Route) h.subject(), "blackhole"));
            case SECURITY_GROUP_EGRESS, SECURITY_GROUP_INGRESS -> securityGroups(h);
            case NETWORK_ACL_OUT, NETWORK_ACL_IN, NETWORK_ACL_RETURN_OUT, NETWORK_ACL_RETURN_IN -> acl(h.resourceId(), (NetworkAclEntry) h.subject(),
                    h.kind() == Hop.Kind.NETWORK_ACL_OUT || h.kind() == Hop.Kind.NETWORK_ACL_RETURN_OUT ? "egress" : "ingress", h.kind());
            case ENDPOINT -> endpointState(h.resourceId());
            case NAT_GATEWAY -> natGateway(h.resourceId());
            case INTERNET_GATEWAY -> new Draft("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS").component(h.resourceId()).internetGateway(h.resourceId())
                    .networkInterface(sourceEni.id());
            default -> refused(h);
        };
        return List.of(d.build());
    }

    /** The path names a source address its interface does not hold. */
    AnalysisExplanation sourceAddressNotHeld(String sourceIp) {
        return new Draft("ENI_SOURCE_DEST_CHECK_RESTRICTION").component(sourceEni.id()).networkInterface(sourceEni.id())
                .subnet(sourceEni.subnetId()).address(sourceIp).build();
    }

    /** The engine delivered the flow, but not to the path's destination: the first route took it elsewhere. */
    private AnalysisExplanation deliveredElsewhere(Verdict v) {
        for (Hop h : v.trace().hops()) {
            if (h.kind() == Hop.Kind.ROUTE && h.subject() instanceof Route r) {
                return new Draft("NO_ROUTE_TO_DESTINATION").routeTable(h.resourceId()).route(PathComponents.route(r)).build();
            }
        }
        return new Draft("NO_ROUTE_TO_DESTINATION").build();
    }

    /** The source, or the destination instance, is not running (or, at the source, not there at all). */
    private Draft instanceState(String instanceId) {
        Instance instance = view.find(Instance.class, instanceId).orElse(null);
        Draft d = new Draft("BAD_STATE").component(instanceId);
        return instance == null ? d : d.state(instance.stateAt(view.now()).awsName());
    }

    private Draft securityGroups(Hop h) {
        NetworkInterface eni = (NetworkInterface) h.subject();
        Draft d = new Draft("ENI_SG_RULES_MISMATCH").direction(h.kind() == Hop.Kind.SECURITY_GROUP_EGRESS ? "egress" : "ingress")
                .component(eni.id()).networkInterface(eni.id()).subnet(eni.subnetId());
        for (String g : eni.groupIds()) d.securityGroups.add(AnalysisArns.component(scope, g));
        return d;
    }

    /** {@code direction} is null for an ACL with no entry for the packet (no catch-all), whose hop does not say which way. */
    private Draft acl(String aclId, NetworkAclEntry entry, String direction, Hop.Kind kind) {
        Draft d = new Draft("SUBNET_ACL_RESTRICTION").component(aclId).acl(aclId).direction(direction);
        d.aclRule = PathComponents.aclRule(entry);
        String subnet = aclSubnet(aclId, kind);
        return subnet == null ? d : d.subnet(subnet);
    }

    /**
     * The subnet on the path whose ACL this is: the source's or the destination interface's. When both have it, the
     * packet's direction says which: outbound forward and inbound return traffic cross the source's subnet boundary.
     */
    private String aclSubnet(String aclId, Hop.Kind kind) {
        NetworkAcl acl = view.find(NetworkAcl.class, aclId).orElse(null);
        if (acl == null) return null;
        boolean source = acl.associationForSubnet(sourceEni.subnetId()).isPresent();
        String other = destination instanceof Destination.Interface i ? i.eni().subnetId() : null;
        boolean target = other != null && acl.associationForSubnet(other).isPresent();
        boolean sourceSide = kind == Hop.Kind.NETWORK_ACL_OUT || kind == Hop.Kind.NETWORK_ACL_RETURN_IN;
        if (source && (!target || sourceSide)) return sourceEni.subnetId();
        return target ? other : null;
    }

    private Draft endpointState(String endpointId) {
        VpcEndpoint e = view.find(VpcEndpoint.class, endpointId).orElse(null);
        Draft d = new Draft("BAD_STATE").component(endpointId).vpcEndpoint(endpointId);
        return e == null ? d : d.state(e.state(view.now()).awsName());
    }

    private Draft natGateway(String natId) {
        NatGateway nat = view.find(NatGateway.class, natId).orElse(null);
        if (nat == null || NatGatewayOps.stateOf(view, nat) != NatGateway.State.AVAILABLE) {
            Draft d = new Draft("BAD_STATE").component(natId).natGateway(natId);
            return nat == null ? d : d.state(NatGatewayOps.stateOf(view, nat).awsName());
        }
        // available, but private, or its subnet does not route the address to an internet gateway
        return new Draft("NO_ROUTE_TO_DESTINATION").component(natId).natGateway(natId);
    }

    /** The engine's other refusals: an ACL without a matching entry, an address nothing answers for, a gateway's far side. */
    private Draft refused(Hop h) {
        String id = h.resourceId();
        if (id.startsWith("acl-")) return acl(id, null, null, Hop.Kind.REFUSED);
        if (id.startsWith("i-")) return instanceState(id); // the destination instance is not running
        Draft d = new Draft("NO_POSSIBLE_DESTINATION");
        if (!AnalysisArns.named(id)) return d; // a route to an appliance localvpc does not model: no resource to name
        d.component(id);
        if (id.startsWith("igw-")) d.internetGateway(id);
        if (id.startsWith("nat-")) d.natGateway(id);
        if (id.startsWith("eni-")) d.networkInterface(id);
        return d;
    }

    /** An explanation being filled in; every one carries the source's VPC and the address the flow was sent to. */
    private final class Draft {
        private final String code;
        private final List<Component> securityGroups = new ArrayList<>();
        private String direction;
        private Component component;
        private Component acl;
        private AnalysisPathComponent.AclRule aclRule;
        private Component routeTable;
        private AnalysisPathComponent.RouteTableRoute route;
        private Component networkInterface;
        private Component subnet;
        private Component internetGateway;
        private Component natGateway;
        private Component vpcEndpoint;
        private String state;
        private String address;

        Draft(String code) {
            this.code = code;
        }

        Draft direction(String v) {
            this.direction = v;
            return this;
        }

        Draft component(String id) {
            this.component = c(id);
            return this;
        }

        Draft acl(String id) {
            this.acl = c(id);
            return this;
        }

        Draft routeTable(String id) {
            this.routeTable = id.startsWith("rtb-") ? c(id) : null; // "subnet-… (no route table)" names no table
            if (this.routeTable != null) this.component = this.routeTable;
            return this;
        }

        Draft route(AnalysisPathComponent.RouteTableRoute r) {
            this.route = r;
            return this;
        }

        Draft networkInterface(String id) {
            this.networkInterface = c(id);
            return this;
        }

        Draft subnet(String id) {
            this.subnet = c(id);
            return this;
        }

        Draft internetGateway(String id) {
            this.internetGateway = c(id);
            return this;
        }

        Draft natGateway(String id) {
            this.natGateway = c(id);
            return this;
        }

        Draft vpcEndpoint(String id) {
            this.vpcEndpoint = c(id);
            return this;
        }

        Draft state(String s) {
            this.state = s;
            return this;
        }

        Draft address(String a) {
            this.address = a;
            return this;
        }

        AnalysisExplanation build() {
            return new AnalysisExplanation(code, direction, component, acl, aclRule, routeTable, route, securityGroups,
                    networkInterface, subnet, c(sourceEni.vpcId()), internetGateway, natGateway, vpcEndpoint, state,
                    address != null ? address : Explanations.this.address);
        }

        private Component c(String id) {
            return AnalysisArns.component(scope, id);
        }
    }
}
