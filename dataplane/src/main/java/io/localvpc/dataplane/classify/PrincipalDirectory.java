package io.localvpc.dataplane.classify;

import java.util.Map;
import java.util.Optional;

/**
 * The access keys the caller has configured (users, role sessions). Keys it does not know follow localvpc's
 * convention instead (see {@link RequestClassifier#principalFor(String)}): a 12-digit key is that account's root,
 * any other key the default account's root.
 */
@FunctionalInterface
public interface PrincipalDirectory {

    /** The principal {@code accessKeyId} belongs to, or empty when the key is not configured. Must not block. */
    Optional<Principal> find(String accessKeyId);

    /** No configured keys: every key follows the convention. */
    static PrincipalDirectory none() {
        return key -> Optional.empty();
    }

    /** A fixed table of keys. */
    static PrincipalDirectory of(Map<String, Principal> byAccessKeyId) {
        Map<String, Principal> copy = Map.copyOf(byAccessKeyId);
        return key -> Optional.ofNullable(copy.get(key));
    }
}
