package io.localvpc.dataplane.imds;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * IMDSv2 session tokens: each names the instance it was issued to and when it expires, signed with a key this process
 * made at start, so a token is good only at the metadata service of its own instance until its TTL runs out (or
 * localvpc restarts, as an instance's tokens end with a reboot). Nothing is stored per token.
 */
final class MetadataTokens {
    /** EC2's bounds on {@code X-aws-ec2-metadata-token-ttl-seconds}. */
    static final int MIN_TTL_SECONDS = 1;
    static final int MAX_TTL_SECONDS = 21_600;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final SecretKeySpec key;

    MetadataTokens() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    String issue(String instanceId, Instant expiresAt) {
        String claim = instanceId + ":" + expiresAt.getEpochSecond();
        return ENCODER.encodeToString(claim.getBytes(StandardCharsets.US_ASCII)) + "." + ENCODER.encodeToString(mac(claim));
    }

    /** Whether {@code token} was issued here to {@code instanceId} and has not expired at {@code now}. */
    boolean valid(String token, String instanceId, Instant now) {
        if (token == null) return false;
        int dot = token.indexOf('.');
        if (dot < 0) return false;
        String claim;
        byte[] signature;
        try {
            claim = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.US_ASCII);
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        if (!MessageDigest.isEqual(signature, mac(claim))) return false;
        int colon = claim.lastIndexOf(':');
        if (colon < 0 || !claim.substring(0, colon).equals(instanceId)) return false;
        try {
            return now.getEpochSecond() < Long.parseLong(claim.substring(colon + 1));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private byte[] mac(String claim) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(claim.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
