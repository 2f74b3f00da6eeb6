package io.localvpc.server;

import io.localvpc.api.CallerDirectory;
import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.identity.IamIdentityPolicies;
import io.localvpc.core.identity.IamPrincipal;
import io.localvpc.core.identity.IamPrincipals;
import io.localvpc.core.identity.IamScope;
import io.localvpc.core.state.Store;
import io.localvpc.dataplane.policy.IdentityPolicies;

import java.util.Map;
import java.util.Optional;

/**
 * The principals localvpc knows by access key, from both sources: those configured by {@code --iam-config}, and the
 * users and sessions its own IAM and STS issued keys to (found in the key's account's IAM scope).
 */
final class KnownPrincipals implements CallerDirectory {
    private final Store store;
    private final IdentityPolicies configured;

    KnownPrincipals(Store store, IdentityPolicies configured) {
        this.store = store;
        this.configured = configured;
    }

    @Override
    public Optional<IamPrincipal> find(String accessKeyId) {
        Optional<IamPrincipal> fromConfig = configured.find(accessKeyId).map(p -> IamPrincipal.configured(p.accountId(), p.arn()));
        if (fromConfig.isPresent()) return fromConfig;
        return IamPrincipals.find(scope -> store.viewIfPresent(scope).orElse(null), accessKeyId, store.clock().instant());
    }

    /** A principal's identity-based policies by name: its configuration's, or those IAM holds for it. */
    Map<String, PolicyDocument> identityPolicies(IamPrincipal principal) {
        if (principal.session() == null && !configured.policiesOf(principal.arn()).isEmpty()) return configured.policiesOf(principal.arn());
        return IamIdentityPolicies.of(store.view(IamScope.of(principal.account())), principal);
    }
}
