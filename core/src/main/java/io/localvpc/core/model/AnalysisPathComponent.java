package io.localvpc.core.model;

import io.localvpc.core.model.NetworkInsightsAnalysis.Component;

/**
 * One step of an analysed path (AWS's PathComponent): the resource passed, the VPC and subnet it is in where
 * that applies, and the rule of it that let the traffic through. Fields that do not apply are null.
 */
public record AnalysisPathComponent(
        int sequenceNumber,
        Component component,
        Component vpc,
        Component subnet,
        Component attachedTo,
        AclRule aclRule,
        RouteTableRoute routeTableRoute,
        SecurityGroupRule securityGroupRule,
        String serviceName) {

    /** A network ACL entry as an analysis shows it (AWS's AnalysisAclRule); ports null where the protocol has none. */
    public record AclRule(String cidr, boolean egress, Integer portFrom, Integer portTo, String protocol, String ruleAction, int ruleNumber) {
    }

    /** A route as an analysis shows it (AWS's AnalysisRouteTableRoute). */
    public record RouteTableRoute(String destinationCidr, String destinationPrefixListId, String gatewayId, String natGatewayId,
                                  String networkInterfaceId, String instanceId, String egressOnlyInternetGatewayId, String origin,
                                  String state) {
    }

    /** A security group rule as an analysis shows it (AWS's AnalysisSecurityGroupRule). */
    public record SecurityGroupRule(String cidr, String direction, String securityGroupId, Integer portFrom, Integer portTo,
                                    String prefixListId, String protocol) {
    }
}
