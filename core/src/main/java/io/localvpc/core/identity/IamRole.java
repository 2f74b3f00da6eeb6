package io.localvpc.core.identity;

import io.localvpc.core.state.Resource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An IAM role, kept under its unique id ({@code AROA…}): who may assume it (the trust policy), for how long
 * at most, and what it may do (inline policies by name, managed policies by ARN).
 */
public record IamRole(String id, String account, String name, String path, String assumeRolePolicyDocument, String description,
                      int maxSessionDurationSeconds, Instant createdAt, Map<String, String> inlinePolicies,
                      List<String> attachedPolicyArns) implements Resource {
    public IamRole {
        inlinePolicies = Map.copyOf(inlinePolicies);
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
    }

    public String arn() {
        return IamArns.of(account, "role", path, name);
    }

    public IamRole withInlinePolicies(Map<String, String> policies) {
        return new IamRole(id, account, name, path, assumeRolePolicyDocument, description, maxSessionDurationSeconds, createdAt, policies, attachedPolicyArns);
    }

    public IamRole withAttachedPolicyArns(List<String> arns) {
        return new IamRole(id, account, name, path, assumeRolePolicyDocument, description, maxSessionDurationSeconds, createdAt, inlinePolicies, arns);
    }

    public IamRole withTrust(String document) {
        return new IamRole(id, account, name, path, document, description, maxSessionDurationSeconds, createdAt, inlinePolicies, attachedPolicyArns);
    }

    public IamRole withSettings(String newDescription, int newMaxSessionDurationSeconds) {
        return new IamRole(id, account, name, path, assumeRolePolicyDocument, newDescription, newMaxSessionDurationSeconds, createdAt, inlinePolicies, attachedPolicyArns);
    }
}
