package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.core.insights.AnalysisArns;
import io.localvpc.core.model.AnalysisExplanation;
import io.localvpc.core.model.AnalysisPathComponent;
import io.localvpc.core.model.NetworkInsightsAnalysis;
import io.localvpc.core.state.View;

import java.util.List;

/**
 * A network insights analysis as DescribeNetworkInsightsAnalyses shows it. While it is {@code running} only what
 * it was asked is shown; the result (NetworkPathFound, the path's components, the explanations) once it is done.
 */
final class AnalysisRender {
    private AnalysisRender() {
    }

    static ObjectNode render(View view, NetworkInsightsAnalysis a) {
        NetworkInsightsAnalysis.Status status = a.status(view.now());
        ObjectNode o = Json.object();
        o.put("NetworkInsightsAnalysisId", a.id());
        o.put("NetworkInsightsAnalysisArn", AnalysisArns.of(view.scope(), a.id()));
        o.put("NetworkInsightsPathId", a.pathId());
        o.set("AdditionalAccounts", Json.array());
        o.set("FilterInArns", Json.strings(a.filterInArns()));
        o.set("FilterOutArns", Json.strings(a.filterOutArns()));
        o.put("StartDate", Json.timestamp(a.startedAt()));
        o.put("Status", status.awsName());
        if (status == NetworkInsightsAnalysis.Status.FAILED) o.put("StatusMessage", a.statusMessage());
        if (status == NetworkInsightsAnalysis.Status.SUCCEEDED) {
            if (a.warningMessage() != null) o.put("WarningMessage", a.warningMessage());
            o.put("NetworkPathFound", a.networkPathFound());
            o.set("ForwardPathComponents", components(a.forwardPathComponents()));
            o.set("ReturnPathComponents", components(a.returnPathComponents()));
            ArrayNode explanations = o.putArray("Explanations");
            for (AnalysisExplanation e : a.explanations()) explanations.add(explanation(e));
            o.set("AlternatePathHints", Json.array());
        }
        o.set("Tags", Tagging.tagSet(view, a.id()));
        return o;
    }

    private static ArrayNode components(List<AnalysisPathComponent> list) {
        ArrayNode out = Json.array();
        for (AnalysisPathComponent c : list) {
            ObjectNode o = out.addObject();
            o.put("SequenceNumber", c.sequenceNumber());
            if (c.aclRule() != null) o.set("AclRule", aclRule(c.aclRule()));
            component(o, "AttachedTo", c.attachedTo());
            component(o, "Component", c.component());
            if (c.routeTableRoute() != null) o.set("RouteTableRoute", route(c.routeTableRoute()));
            if (c.securityGroupRule() != null) o.set("SecurityGroupRule", sgRule(c.securityGroupRule()));
            component(o, "Subnet", c.subnet());
            component(o, "Vpc", c.vpc());
            if (c.serviceName() != null) o.put("ServiceName", c.serviceName());
        }
        return out;
    }

    private static ObjectNode explanation(AnalysisExplanation e) {
        ObjectNode o = Json.object();
        component(o, "Acl", e.acl());
        if (e.aclRule() != null) o.set("AclRule", aclRule(e.aclRule()));
        if (e.address() != null) o.put("Address", e.address());
        component(o, "Component", e.component());
        if (e.direction() != null) o.put("Direction", e.direction());
        o.put("ExplanationCode", e.explanationCode());
        component(o, "InternetGateway", e.internetGateway());
        component(o, "NatGateway", e.natGateway());
        component(o, "NetworkInterface", e.networkInterface());
        if (e.routeTableRoute() != null) o.set("RouteTableRoute", route(e.routeTableRoute()));
        component(o, "RouteTable", e.routeTable());
        if (!e.securityGroups().isEmpty()) {
            ArrayNode groups = o.putArray("SecurityGroups");
            for (NetworkInsightsAnalysis.Component g : e.securityGroups()) groups.add(component(g));
        }
        if (e.state() != null) o.put("State", e.state());
        component(o, "Subnet", e.subnet());
        component(o, "Vpc", e.vpc());
        component(o, "VpcEndpoint", e.vpcEndpoint());
        return o;
    }

    private static void component(ObjectNode parent, String member, NetworkInsightsAnalysis.Component c) {
        if (c != null) parent.set(member, component(c));
    }

    private static ObjectNode component(NetworkInsightsAnalysis.Component c) {
        ObjectNode o = Json.object().put("Id", c.id());
        if (c.arn() != null) o.put("Arn", c.arn());
        return o;
    }

    private static ObjectNode aclRule(AnalysisPathComponent.AclRule r) {
        ObjectNode o = Json.object();
        if (r.cidr() != null) o.put("Cidr", r.cidr());
        o.put("Egress", r.egress());
        if (r.portFrom() != null) o.set("PortRange", Json.object().put("From", r.portFrom()).put("To", r.portTo()));
        o.put("Protocol", r.protocol());
        o.put("RuleAction", r.ruleAction());
        o.put("RuleNumber", r.ruleNumber());
        return o;
    }

    private static ObjectNode route(AnalysisPathComponent.RouteTableRoute r) {
        ObjectNode o = Json.object();
        if (r.destinationCidr() != null) o.put("DestinationCidr", r.destinationCidr());
        if (r.destinationPrefixListId() != null) o.put("DestinationPrefixListId", r.destinationPrefixListId());
        if (r.egressOnlyInternetGatewayId() != null) o.put("EgressOnlyInternetGatewayId", r.egressOnlyInternetGatewayId());
        if (r.gatewayId() != null) o.put("GatewayId", r.gatewayId());
        if (r.instanceId() != null) o.put("InstanceId", r.instanceId());
        if (r.natGatewayId() != null) o.put("NatGatewayId", r.natGatewayId());
        if (r.networkInterfaceId() != null) o.put("NetworkInterfaceId", r.networkInterfaceId());
        if (r.origin() != null) o.put("Origin", r.origin());
        if (r.state() != null) o.put("State", r.state());
        return o;
    }

    private static ObjectNode sgRule(AnalysisPathComponent.SecurityGroupRule r) {
        ObjectNode o = Json.object();
        if (r.cidr() != null) o.put("Cidr", r.cidr());
        o.put("Direction", r.direction());
        o.put("SecurityGroupId", r.securityGroupId());
        if (r.portFrom() != null) o.set("PortRange", Json.object().put("From", r.portFrom()).put("To", r.portTo()));
        if (r.prefixListId() != null) o.put("PrefixListId", r.prefixListId());
        o.put("Protocol", r.protocol());
        return o;
    }
}
