package io.localvpc.core.sigv4;

/**
 * What a request's signature is checked with: the secret access key of its access key id, and for temporary
 * credentials the session token that must come with it.
 *
 * @param secretAccessKey the secret; never logged, never part of an answer
 * @param sessionToken    the session token of STS credentials, or null for long-term keys
 */
public record SigningSecret(String secretAccessKey, String sessionToken) {
    @Override
    public String toString() {
        return "SigningSecret[secretAccessKey=<hidden>, sessionToken=" + (sessionToken == null ? "none" : "<hidden>") + "]";
    }
}
