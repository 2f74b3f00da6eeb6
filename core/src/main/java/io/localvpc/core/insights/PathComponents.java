package io.localvpc.core.insights;

import io.localvpc.core.model.AnalysisPathComponent;
import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.model.NetworkInsightsAnalysis.Component;
import io.localvpc.core.model.NetworkInsightsPath;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.path.Hop;
import io.localvpc.core.path.Protocols;
import io.localvpc.core.path.Target;
import io.localvpc.core.path.Verdict;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An open path's components, read off the trace of the decision that found it: one per hop, in the engine's order,
 * each naming the resource passed and the route, security-group rule or ACL entry that let the flow through. The
 * return path is the destination, the ACL entries that let the return traffic through (security groups are
 * stateful, so they pass it without a rule), and the source.
 */
final class PathComponents {
    private final Scope scope;
    private final List<AnalysisPathComponent> forward = new ArrayList<>();
    private final List<AnalysisPathComponent> returnPath = new ArrayList<>();
    private final Component vpc;
    private final Component sourceSubnet;

    PathComponents(View view, NetworkInsightsPath path, NetworkInterface sourceEni, Destination destination, Verdict verdict) {
        this.scope = view.scope();
        this.vpc = AnalysisArns.component(scope, sourceEni.vpcId());
        this.sourceSubnet = AnalysisArns.component(scope, sourceEni.subnetId());
        if (path.source().startsWith("i-")) add(forward, component(path.source()), vpc, sourceSubnet, null, null, null, null, null);
        Component sourceEniComponent = component(sourceEni.id());
        add(forward, sourceEniComponent, vpc, sourceSubnet, path.source().startsWith("i-") ? component(path.source()) : null, null, null, null, null);
        List<Hop> returnAcls = new ArrayList<>();
        for (Hop h : verdict.trace().hops()) {
            switch (h.kind()) {
                case ROUTE -> add(forward, component(h.resourceId()), vpc, null, null, null, route(h.subject() instanceof Route r ? r : null), null, null);
                case SECURITY_GROUP_EGRESS, SECURITY_GROUP_INGRESS -> add(forward, component(h.resourceId()), vpc, null, null, null, null,
                        rule(h.resourceId(), (SecurityGroupRule) h.subject()), null);
                case NETWORK_ACL_OUT, NETWORK_ACL_IN -> add(forward, component(h.resourceId()), vpc, null, null, aclRule((NetworkAclEntry) h.subject()),
                        null, null, null);
                case NETWORK_ACL_RETURN_OUT, NETWORK_ACL_RETURN_IN -> returnAcls.add(h);
                case ENDPOINT, NAT_GATEWAY, INTERNET_GATEWAY -> add(forward, component(h.resourceId()), vpc, null, null, null, null, null,
                        serviceName(verdict));
                // a found path refused only beyond its internet gateway: the gateway (or the NAT gateway in front of it)
                case REFUSED -> add(forward, component(h.resourceId()), vpc, null, null, null, null, null, null);
                default -> { } // the source (above), DNS (paths name addresses) and the delivery (below)
            }
        }
        Component end = destinationComponent(destination);
        if (end != null) add(forward, end, vpc, null, null, null, null, null, null);
        if (end != null && destination instanceof Destination.Interface) add(returnPath, end, vpc, null, null, null, null, null, null);
        for (Hop h : returnAcls) add(returnPath, component(h.resourceId()), vpc, null, null, aclRule((NetworkAclEntry) h.subject()), null, null, null);
        add(returnPath, sourceEniComponent, vpc, sourceSubnet, null, null, null, null, null);
    }

    List<AnalysisPathComponent> forward() {
        return forward;
    }

    List<AnalysisPathComponent> returnPath() {
        return returnPath;
    }

    /** The ids of the forward path's components, in order, each once. */
    Set<String> forwardIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (AnalysisPathComponent c : forward) ids.add(c.component().id());
        return ids;
    }

    private Component component(String id) {
        return AnalysisArns.named(id) ? AnalysisArns.component(scope, id) : new Component(id, null);
    }

    /**
     * The last component: the destination interface (or its instance), or an internet gateway that is not already the
     * last hop (one reached through a NAT gateway); none for an endpoint (a hop of the trace) or an address.
     */
    private Component destinationComponent(Destination destination) {
        if (destination instanceof Destination.Interface i) {
            return component(i.instance() != null ? i.instance().id() : i.eni().id());
        }
        if (destination instanceof Destination.InternetGateway g
                && (forward.isEmpty() || !forward.get(forward.size() - 1).component().id().equals(g.gatewayId()))) {
            return component(g.gatewayId());
        }
        return null;
    }

    private static void add(List<AnalysisPathComponent> list, Component component, Component vpc, Component subnet, Component attachedTo,
                            AnalysisPathComponent.AclRule aclRule, AnalysisPathComponent.RouteTableRoute route,
                            AnalysisPathComponent.SecurityGroupRule rule, String serviceName) {
        list.add(new AnalysisPathComponent(list.size() + 1, component, vpc, subnet, attachedTo, aclRule, route, rule, serviceName));
    }

    private static String serviceName(Verdict v) {
        return v instanceof Verdict.Delivered d && d.target() instanceof Target.AwsService s ? s.serviceName() : null;
    }

    static AnalysisPathComponent.RouteTableRoute route(Route r) {
        return route(r, "active");
    }

    static AnalysisPathComponent.RouteTableRoute route(Route r, String state) {
        if (r == null) return null;
        return new AnalysisPathComponent.RouteTableRoute(r.destinationCidrBlock(), r.destinationPrefixListId(), r.gatewayId(), r.natGatewayId(),
                r.networkInterfaceId(), r.instanceId(), r.egressOnlyInternetGatewayId(), r.origin(), state);
    }

    static AnalysisPathComponent.AclRule aclRule(NetworkAclEntry e) {
        if (e == null) return null;
        boolean ports = Protocols.hasPorts(Protocols.number(e.protocol()));
        return new AnalysisPathComponent.AclRule(e.cidrBlock(), e.egress(), ports ? e.portFrom() : null, ports ? e.portTo() : null,
                e.protocol(), e.ruleAction(), e.ruleNumber());
    }

    private static AnalysisPathComponent.SecurityGroupRule rule(String groupId, SecurityGroupRule r) {
        boolean ports = Protocols.hasPorts(Protocols.number(r.ipProtocol()));
        return new AnalysisPathComponent.SecurityGroupRule(r.cidrIpv4(), r.egress() ? "egress" : "ingress", groupId,
                ports ? r.fromPort() : null, ports ? r.toPort() : null, r.prefixListId(), r.ipProtocol());
    }
}
