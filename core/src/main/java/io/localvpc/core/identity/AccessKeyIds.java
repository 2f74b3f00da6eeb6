package io.localvpc.core.identity;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Access key ids and unique ids in AWS's forms ({@code AKIA…}, {@code ASIA…}: 20 characters; {@code AIDA…},
 * {@code AROA…}: 21), and secrets. An access key id carries its account, as AWS's do (STS
 * GetAccessKeyInfo reads it): after the four-letter prefix, eight base-32 characters hold the account number
 * (40 bits hold any 12-digit number), then eight random ones. So a key can be traced to its account's IAM
 * scope without a global index.
 */
public final class AccessKeyIds {
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccessKeyIds() {
    }

    /** A long-term key ({@code AKIA}) or a session key ({@code ASIA}) of {@code account}. */
    public static String newAccessKeyId(boolean temporary, String account) {
        StringBuilder sb = new StringBuilder(20).append(temporary ? "ASIA" : "AKIA");
        long n = Long.parseLong(account);
        for (int i = 7; i >= 0; i--) sb.append(BASE32[(int) ((n >>> (i * 5)) & 31)]);
        for (int i = 0; i < 8; i++) sb.append(BASE32[RANDOM.nextInt(32)]);
        return sb.toString();
    }

    /** The account an access key id made by localvpc belongs to; empty for any other key. */
    public static OptionalLong accountOf(String accessKeyId) {
        if (accessKeyId == null || accessKeyId.length() != 20 || !(accessKeyId.startsWith("AKIA") || accessKeyId.startsWith("ASIA"))) {
            return OptionalLong.empty();
        }
        long n = 0;
        for (int i = 4; i < 12; i++) {
            int v = indexOf(accessKeyId.charAt(i));
            if (v < 0) return OptionalLong.empty();
            n = (n << 5) | v;
        }
        return n < 1_000_000_000_000L ? OptionalLong.of(n) : OptionalLong.empty();
    }

    /** The 12-digit form of an account number. */
    public static String account(long n) {
        return String.format("%012d", n);
    }

    /** A unique id: the prefix ({@code AIDA}, {@code AROA}, {@code ANPA}, {@code AIPA}) and 17 random base-32 characters. */
    public static String newUniqueId(String prefix) {
        StringBuilder sb = new StringBuilder(21).append(prefix);
        for (int i = 0; i < 17; i++) sb.append(BASE32[RANDOM.nextInt(32)]);
        return sb.toString();
    }

    /** A secret access key: 40 characters, as AWS's. */
    public static String newSecret() {
        byte[] b = new byte[30];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** A session token (opaque to clients; long, as AWS's are). */
    public static String newSessionToken() {
        byte[] b = new byte[96];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static int indexOf(char c) {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= '2' && c <= '7') return 26 + (c - '2');
        return -1;
    }
}
