package io.localvpc.core.model;

import io.localvpc.core.model.AnalysisPathComponent.AclRule;
import io.localvpc.core.model.AnalysisPathComponent.RouteTableRoute;
import io.localvpc.core.model.NetworkInsightsAnalysis.Component;

import java.util.List;

/**
 * Why an analysed path is blocked (AWS's Explanation): AWS's explanation code and the resources it names.
 * Fields that do not apply to the code are null ({@code securityGroups} empty).
 */
public record AnalysisExplanation(
        String explanationCode,
        String direction,
        Component component,
        Component acl,
        AclRule aclRule,
        Component routeTable,
        RouteTableRoute routeTableRoute,
        List<Component> securityGroups,
        Component networkInterface,
        Component subnet,
        Component vpc,
        Component internetGateway,
        Component natGateway,
        Component vpcEndpoint,
        String state,
        String address) {

    public AnalysisExplanation {
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
    }
}
