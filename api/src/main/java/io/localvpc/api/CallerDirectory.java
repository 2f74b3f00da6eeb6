package io.localvpc.api;

import io.localvpc.core.identity.IamPrincipal;

import java.util.Optional;

/**
 * Who an access key is: a principal configured by {@code --iam-config}, a user or session localvpc's IAM and STS
 * issued it to, or by localvpc's convention the account's root (a 12-digit key is that account, any other the
 * default account).
 */
@FunctionalInterface
public interface CallerDirectory {
    /** The principal a key is known as (configured or issued), or empty. May refuse an expired or inactive key. */
    Optional<IamPrincipal> find(String accessKeyId);

    static CallerDirectory none() {
        return key -> Optional.empty();
    }

    /** The principal an access key stands for, known or by the convention. */
    default IamPrincipal resolve(SigV4Scope scope, String defaultAccount) {
        return find(scope.accessKeyId()).orElseGet(() -> IamPrincipal.root(scope.account(defaultAccount)));
    }
}
