package io.localvpc.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The identity behind an access key, as STS and IAM describe it: its account and ARN
 * ({@code arn:aws:iam::111122223333:root}, {@code …:user/alice}, {@code arn:aws:sts::…:assumed-role/r/s}).
 */
public record Caller(String accountId, String arn) {
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /** The account's root user: what localvpc's convention makes of a key no configuration names. */
    public static Caller root(String accountId) {
        return new Caller(accountId, "arn:aws:iam::" + accountId + ":root");
    }

    public boolean isRoot() {
        return arn.endsWith(":root");
    }

    /** The user's name with its path ({@code division/alice}), or null when the caller is not an IAM user. */
    public String userName() {
        int i = arn.indexOf(":user/");
        return i < 0 ? null : arn.substring(i + ":user/".length());
    }

    /**
     * AWS's unique id for the caller: the account id for root, {@code AIDA…} for a user, {@code AROA…:<session>}
     * for a role session. localvpc derives the id from the ARN, so it is the same on every run.
     */
    public String userId() {
        if (isRoot()) return accountId;
        int assumed = arn.indexOf(":assumed-role/");
        if (assumed >= 0) {
            String rest = arn.substring(assumed + ":assumed-role/".length());
            int slash = rest.indexOf('/');
            String role = slash < 0 ? rest : rest.substring(0, slash);
            String session = slash < 0 ? "" : rest.substring(slash + 1);
            return "AROA" + stableId("arn:aws:iam::" + accountId + ":role/" + role) + ":" + session;
        }
        return (arn.contains(":role/") ? "AROA" : "AIDA") + stableId(arn);
    }

    /** 17 base-32 characters derived from {@code text}, the length of the id part AWS uses. */
    private static String stableId(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(17);
            for (int i = 0; i < 17; i++) sb.append(BASE32.charAt((h[i] & 0xFF) % 32));
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
