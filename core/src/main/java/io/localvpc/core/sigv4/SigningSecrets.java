package io.localvpc.core.sigv4;

import java.util.Optional;

/** Where the secret of an access key id is found. Answers from memory: the endpoint front asks on its event loops. */
@FunctionalInterface
public interface SigningSecrets {
    /**
     * The key's secret, or empty when no one issued the key. May throw an {@code AwsException} for a key that is known
     * and refused ({@code ExpiredToken} for an expired session, {@code InvalidClientTokenId} for an inactive key).
     */
    Optional<SigningSecret> find(String accessKeyId);
}
