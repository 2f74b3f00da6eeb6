package io.localvpc.core.identity;

import io.localvpc.core.state.Resource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An IAM user, kept under its unique id ({@code AIDA…}). Inline policies by name (their JSON), managed
 * policies by ARN. Its tags are kept as every resource's are.
 */
public record IamUser(String id, String account, String name, String path, Instant createdAt,
                      Map<String, String> inlinePolicies, List<String> attachedPolicyArns) implements Resource {
    public IamUser {
        inlinePolicies = Map.copyOf(inlinePolicies);
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
    }

    public String arn() {
        return IamArns.of(account, "user", path, name);
    }

    public IamUser withInlinePolicies(Map<String, String> policies) {
        return new IamUser(id, account, name, path, createdAt, policies, attachedPolicyArns);
    }

    public IamUser withAttachedPolicyArns(List<String> arns) {
        return new IamUser(id, account, name, path, createdAt, inlinePolicies, arns);
    }
}
