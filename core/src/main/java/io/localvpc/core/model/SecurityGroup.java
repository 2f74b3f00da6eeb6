package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.util.List;

/** A security group. Rules are kept one per source/destination, as DescribeSecurityGroupRules shows them. */
public record SecurityGroup(
        String id,
        String ownerId,
        String vpcId,
        String groupName,
        String description,
        List<SecurityGroupRule> rules) implements Resource {

    public SecurityGroup {
        rules = List.copyOf(rules);
    }

    public boolean isDefault() {
        return "default".equals(groupName);
    }

    public List<SecurityGroupRule> ingress() {
        return rules.stream().filter(r -> !r.egress()).toList();
    }

    public List<SecurityGroupRule> egress() {
        return rules.stream().filter(SecurityGroupRule::egress).toList();
    }

    public SecurityGroup withRules(List<SecurityGroupRule> next) {
        return new SecurityGroup(id, ownerId, vpcId, groupName, description, next);
    }
}
