package io.localvpc.api;

import java.util.Optional;

/**
 * The access keys configured with identities of their own (strict mode's {@code --iam-config}). Keys it does
 * not know follow localvpc's convention: a 12-digit key is that account's root, any other the default account's.
 */
@FunctionalInterface
public interface CallerDirectory {
    Optional<Caller> find(String accessKeyId);

    static CallerDirectory none() {
        return key -> Optional.empty();
    }

    /** The caller an access key stands for, configured or by the convention. */
    default Caller resolve(SigV4Scope scope, String defaultAccount) {
        return find(scope.accessKeyId()).orElseGet(() -> Caller.root(scope.account(defaultAccount)));
    }
}
