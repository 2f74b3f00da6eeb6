package io.localvpc.dataplane.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.iam.PolicyException;
import io.localvpc.core.iam.PolicyKind;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.dataplane.classify.Principal;
import io.localvpc.dataplane.classify.PrincipalDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM users and roles configured for strict mode ({@code --iam-config}): each has an access key, an ARN
 * and identity policies. A request signed with such a key is that principal, and its identity policies
 * take part in every decision. Keys not listed keep localvpc's convention (the account's root user). A principal may
 * carry its {@code secretAccessKey}, which {@code --verify-signatures} checks its requests' signatures with.
 * <pre>
 * {"principals": [{"accessKeyId": "AKIAEXAMPLEALICE", "secretAccessKey": "alice-secret", "arn": "arn:aws:iam::111122223333:user/alice",
 *                  "policies": {"s3-read": {"Version": "2012-10-17", "Statement": [...]}}}]}
 * </pre>
 */
public final class IdentityPolicies implements PrincipalDirectory, IdentityPolicySource {
    private final Map<String, Principal> byKey = new HashMap<>();
    private final Map<String, Map<String, PolicyDocument>> byArn = new HashMap<>();
    private final Map<String, String> secretByKey = new HashMap<>();

    private IdentityPolicies() {
    }

    public static IdentityPolicies none() {
        return new IdentityPolicies();
    }

    public static IdentityPolicies load(Path file) {
        JsonNode root;
        try {
            root = ResourceCodec.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the IAM configuration " + file + ": " + e.getMessage(), e);
        }
        IdentityPolicies out = new IdentityPolicies();
        int i = 0;
        for (JsonNode p : root.path("principals")) {
            String where = file + ": principals[" + i++ + "]";
            String key = p.path("accessKeyId").asText("");
            String arn = p.path("arn").asText("");
            if (key.isEmpty() || !arn.startsWith("arn:aws:iam::")) {
                throw new IllegalArgumentException(where + " needs an accessKeyId and an IAM user or role arn (arn:aws:iam::<account>:user/<name>)");
            }
            out.byKey.put(key, principalFor(arn, where));
            JsonNode secret = p.path("secretAccessKey");
            if (!secret.isMissingNode() && !secret.isNull()) {
                if (!secret.isTextual() || secret.asText().isEmpty()) throw new IllegalArgumentException(where + ": secretAccessKey must be a non-empty string");
                out.secretByKey.put(key, secret.asText());
            }
            Map<String, PolicyDocument> policies = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = p.path("policies").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    policies.put(e.getKey(), PolicyDocument.parse(e.getValue().toString(), PolicyKind.IDENTITY));
                } catch (PolicyException bad) {
                    throw new IllegalArgumentException(where + " policy " + e.getKey() + ": " + bad.getMessage(), bad);
                }
            }
            out.byArn.put(arn, policies);
        }
        return out;
    }

    private static Principal principalFor(String arn, String where) {
        String account = arn.split(":")[4];
        String resource = arn.substring(arn.indexOf(':', "arn:aws:iam::".length()) + 1);
        if (resource.startsWith("user/")) return Principal.user(account, resource.substring("user/".length()));
        if (resource.startsWith("role/")) return Principal.role(account, resource.substring("role/".length()));
        if (resource.equals("root")) return Principal.root(account);
        throw new IllegalArgumentException(where + ": " + arn + " is neither a user, a role nor an account root");
    }

    @Override
    public Optional<Principal> find(String accessKeyId) {
        return Optional.ofNullable(byKey.get(accessKeyId));
    }

    /** The secret a configured key was given, or empty when the configuration gives it none. */
    public Optional<String> secretOf(String accessKeyId) {
        return Optional.ofNullable(secretByKey.get(accessKeyId));
    }

    /** The identity policies of a configured principal; empty when it has none or is not configured. */
    public Map<String, PolicyDocument> policiesOf(String principalArn) {
        return byArn.getOrDefault(principalArn, Map.of());
    }

    @Override
    public Map<String, PolicyDocument> policiesOf(Principal principal) {
        return byArn.get(principal.arn());
    }

    boolean isConfigured(String principalArn) {
        return byArn.containsKey(principalArn);
    }

    List<String> principals() {
        return List.copyOf(byArn.keySet());
    }
}
