package io.localvpc.core.ops;

import io.localvpc.core.AwsException;

/**
 * The kinds of AWS id localvpc hands out, each with the error codes and wording AWS uses when such an id
 * is malformed or names nothing.
 */
public enum IdKind {
    VPC("vpc", "InvalidVpcID", "InvalidVpcID.NotFound", "The vpc ID '%s' does not exist"),
    SUBNET("subnet", "InvalidSubnetID", "InvalidSubnetID.NotFound", "The subnet ID '%s' does not exist"),
    ROUTE_TABLE("rtb", "InvalidRouteTableID", "InvalidRouteTableID.NotFound", "The routeTable ID '%s' does not exist"),
    ROUTE_TABLE_ASSOCIATION("rtbassoc", "InvalidAssociationID", "InvalidAssociationID.NotFound", "The association ID '%s' does not exist"),
    INTERNET_GATEWAY("igw", "InvalidInternetGatewayID", "InvalidInternetGatewayID.NotFound", "The internetGateway ID '%s' does not exist"),
    NAT_GATEWAY("nat", "InvalidNatGatewayID", "NatGatewayNotFound", "The Nat Gateway %s was not found"),
    ALLOCATION("eipalloc", "InvalidAllocationID", "InvalidAllocationID.NotFound", "The allocation ID '%s' does not exist"),
    EIP_ASSOCIATION("eipassoc", "InvalidAssociationID", "InvalidAssociationID.NotFound", "The association ID '%s' does not exist"),
    SECURITY_GROUP("sg", "InvalidGroupId", "InvalidGroup.NotFound", "The security group '%s' does not exist"),
    SECURITY_GROUP_RULE("sgr", "InvalidSecurityGroupRuleId", "InvalidSecurityGroupRuleId.NotFound", "The security group rule ID '%s' does not exist"),
    NETWORK_ACL("acl", "InvalidNetworkAclID", "InvalidNetworkAclID.NotFound", "The networkAcl ID '%s' does not exist"),
    NETWORK_ACL_ASSOCIATION("aclassoc", "InvalidAssociationID", "InvalidAssociationID.NotFound", "The association ID '%s' does not exist"),
    NETWORK_INTERFACE("eni", "InvalidNetworkInterfaceID", "InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '%s' does not exist"),
    INSTANCE("i", "InvalidInstanceID", "InvalidInstanceID.NotFound", "The instance ID '%s' does not exist"),
    // Before VPC_ENDPOINT: "vpce-svc-…" also starts with "vpce-", and a loop over the kinds must meet these first.
    VPC_ENDPOINT_SERVICE_PERMISSION("vpce-svc-perm", "InvalidVpcEndpointServicePermissionId", "InvalidVpcEndpointServicePermissionId.NotFound",
            "The VpcEndpointServicePermission Id '%s' does not exist"),
    VPC_ENDPOINT_SERVICE("vpce-svc", "InvalidVpcEndpointServiceId", "InvalidVpcEndpointServiceId.NotFound",
            "The VpcEndpointService Id '%s' does not exist"),
    CONNECTION_NOTIFICATION("vpce-nfn", "InvalidConnectionNotification", "InvalidConnectionNotification",
            "The connection notification '%s' does not exist"),
    VPC_ENDPOINT("vpce", "InvalidVpcEndpointId", "InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '%s' does not exist"),
    PREFIX_LIST("pl", "InvalidPrefixListID", "InvalidPrefixListID.NotFound", "The prefix list ID '%s' does not exist"),
    NETWORK_INSIGHTS_PATH("nip", "InvalidNetworkInsightsPathId", "InvalidNetworkInsightsPathId.NotFound",
            "The NetworkInsightsPath ID '%s' does not exist"),
    NETWORK_INSIGHTS_ANALYSIS("nia", "InvalidNetworkInsightsAnalysisId", "InvalidNetworkInsightsAnalysisId.NotFound",
            "The NetworkInsightsAnalysis ID '%s' does not exist"),
    FLOW_LOG("fl", "InvalidFlowLogId", "InvalidFlowLogId.NotFound", "Flow log %s does not exist");

    private final String prefix;
    private final String malformedCode;
    private final String notFoundCode;
    private final String notFoundMessage;

    IdKind(String prefix, String malformedPrefix, String notFoundCode, String notFoundMessage) {
        this.prefix = prefix;
        this.malformedCode = malformedPrefix + ".Malformed";
        this.notFoundCode = notFoundCode;
        this.notFoundMessage = notFoundMessage;
    }

    public String prefix() {
        return prefix;
    }

    /** AWS ids are the prefix, a dash and 8 (old style) or 17 lowercase hex digits. */
    public boolean isWellFormed(String id) {
        if (id == null || !id.startsWith(prefix + "-")) return false;
        int n = id.length() - prefix.length() - 1;
        if (n != 8 && n != 17) return false;
        for (int i = prefix.length() + 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        }
        return true;
    }

    public AwsException malformed(String id) {
        return new AwsException(malformedCode, "Invalid id: \"" + id + "\" (expecting \"" + prefix + "-...\")");
    }

    public AwsException notFound(String id) {
        return new AwsException(notFoundCode, String.format(notFoundMessage, id));
    }

    /** Throws the Malformed error unless the id is well formed. */
    public String check(String id) {
        if (!isWellFormed(id)) throw malformed(id);
        return id;
    }
}
