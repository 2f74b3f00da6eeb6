package io.localvpc.server;

import io.localvpc.api.CallerDirectory;
import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.identity.IamIdentityPolicies;
import io.localvpc.core.identity.IamPrincipal;
import io.localvpc.core.identity.IamPrincipals;
import io.localvpc.core.identity.IamScope;
import io.localvpc.core.sigv4.SigningSecret;
import io.localvpc.core.sigv4.SigningSecrets;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.View;
import io.localvpc.dataplane.classify.Principal;
import io.localvpc.dataplane.classify.PrincipalDirectory;
import io.localvpc.dataplane.policy.IdentityPolicies;
import io.localvpc.dataplane.policy.IdentityPolicySource;

import java.util.Map;
import java.util.Optional;

/**
 * The principals localvpc knows by access key, from both sources: those configured by {@code --iam-config}, and the
 * users and sessions its own IAM and STS issued keys to (found in the key's account's IAM scope). The API and the
 * endpoint front both ask here, so a key is the same principal wherever it signs. Every answer comes from the
 * store's in-memory snapshots ({@link Store#viewIfPresent}), never waiting for the writer: the front asks on its
 * event loops.
 */
final class KnownPrincipals implements CallerDirectory, IdentityPolicySource {
    private final Store store;
    private final IdentityPolicies configured;
    private final SigningSecret rootSecret;

    KnownPrincipals(Store store, IdentityPolicies configured, String rootSecret) {
        this.store = store;
        this.configured = configured;
        this.rootSecret = new SigningSecret(rootSecret, null);
    }

    /** The secrets of keys, for {@code --verify-signatures}: the API port and the endpoints check with the same ones. */
    SigningSecrets signingSecrets() {
        return this::secretOf;
    }

    /**
     * The secret a key signs with, or empty for a key no one issued. A configured key signs with its {@code secretAccessKey}, a key IAM or STS issued with its own secret
     * (and token). Any other key shaped like AWS's ({@code AKIA…}/{@code ASIA…}, 20 characters) is unknown, as AWS
     * would not know it; every other key ({@code test}, a 12-digit account id) is its account's root by localvpc's
     * convention and signs with the root secret ({@code --root-secret}), as does a configured key without a secret.
     */
    private Optional<SigningSecret> secretOf(String accessKeyId) {
        if (configured.find(accessKeyId).isPresent()) return Optional.of(configured.secretOf(accessKeyId).map(s -> new SigningSecret(s, null)).orElse(rootSecret));
        Optional<SigningSecret> issued = IamPrincipals.secretOf(scope -> store.viewIfPresent(scope).orElse(null), accessKeyId, store.clock().instant());
        if (issued.isPresent()) return issued;
        return looksIssuedByAws(accessKeyId) ? Optional.empty() : Optional.of(rootSecret);
    }

    private static boolean looksIssuedByAws(String key) {
        return key.length() == 20 && (key.startsWith("AKIA") || key.startsWith("ASIA"));
    }

    /** {@inheritDoc} An expired session or an inactive key is refused with AWS's error (an {@code AwsException}). */
    @Override
    public Optional<IamPrincipal> find(String accessKeyId) {
        Optional<IamPrincipal> fromConfig = configured.find(accessKeyId).map(p -> IamPrincipal.configured(p.accountId(), p.arn()));
        if (fromConfig.isPresent()) return fromConfig;
        return IamPrincipals.find(scope -> store.viewIfPresent(scope).orElse(null), accessKeyId, store.clock().instant());
    }

    /** The same directory as the endpoint front's policies see it. */
    PrincipalDirectory forEndpoints() {
        return key -> find(key).map(Principal::of);
    }

    /** A principal's identity-based policies by name: its configuration's, or those IAM holds for it. */
    Map<String, PolicyDocument> identityPolicies(IamPrincipal principal) {
        if (principal.session() == null && !configured.policiesOf(principal.arn()).isEmpty()) return configured.policiesOf(principal.arn());
        return store.viewIfPresent(IamScope.of(principal.account())).map(v -> IamIdentityPolicies.of(v, principal)).orElse(Map.of());
    }

    /**
     * {@inheritDoc} The endpoint front asks for every request: a principal's parsed policies are kept until its
     * account's IAM state changes, so a request parses no policy text.
     */
    @Override
    public Map<String, PolicyDocument> policiesOf(Principal principal) {
        IamPrincipal identity = principal.identity();
        if (identity == null || identity.session() == null && configured.policiesOf(principal) != null) return configured.policiesOf(principal);
        if (identity.isRoot()) return null; // the root (or its GetSessionToken session) may do anything in its account
        Optional<View> iam = store.viewIfPresent(IamScope.of(identity.account()));
        if (iam.isEmpty()) return Map.of();
        String key = identity.account() + " " + (identity.isRoleSession() ? identity.session().roleId() : identity.arn());
        ParsedPolicies cached = parsed.get(key);
        if (cached != null && cached.version() == iam.get().version()) return cached.policies();
        Map<String, PolicyDocument> policies = IamIdentityPolicies.of(iam.get(), identity);
        parsed.put(key, new ParsedPolicies(iam.get().version(), policies));
        return policies;
    }

    /** {@code version} is the IAM state's version object ({@link View#version()}): the same object while nothing changed. */
    private record ParsedPolicies(Object version, Map<String, PolicyDocument> policies) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, ParsedPolicies> parsed = new java.util.concurrent.ConcurrentHashMap<>();
}
