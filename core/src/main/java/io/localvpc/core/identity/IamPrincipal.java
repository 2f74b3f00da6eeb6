package io.localvpc.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Who signed a request, as STS and IAM describe it and as policies see it.
 *
 * @param account      the principal's account
 * @param arn          {@code arn:aws:iam::<a>:root}, {@code …:user/<path><name>}, {@code …:role/<name>} (a configured
 *                     role key) or {@code arn:aws:sts::<a>:assumed-role/<role>/<session>}
 * @param userId       AWS's unique id: the account for root, {@code AIDA…} for a user, {@code AROA…:<session>} for a session
 * @param principalArn what {@code aws:PrincipalArn} holds: the role's ARN for a role session, else {@code arn}
 * @param session      the temporary credentials the request was signed with, or null
 * @param identityTags the tags of the IAM user, or of the role behind a session, when the request was signed
 */
public record IamPrincipal(String account, String arn, String userId, String principalArn, StsSession session, Map<String, String> identityTags) {
    public IamPrincipal {
        identityTags = identityTags == null ? Map.of() : Map.copyOf(identityTags);
    }

    public IamPrincipal(String account, String arn, String userId, String principalArn, StsSession session) {
        this(account, arn, userId, principalArn, session, Map.of());
    }

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /** The account's root: what localvpc's convention makes of a key nothing else names. */
    public static IamPrincipal root(String account) {
        return new IamPrincipal(account, IamArns.root(account), account, IamArns.root(account), null);
    }

    public static IamPrincipal user(IamUser u) {
        return user(u, Map.of());
    }

    /** The user with its tags ({@code aws:PrincipalTag/…}). */
    public static IamPrincipal user(IamUser u, Map<String, String> tags) {
        return new IamPrincipal(u.account(), u.arn(), u.id(), u.arn(), null, tags);
    }

    /** A user or role named by {@code --iam-config} (not an IAM resource): its id is derived from its ARN, the same on every run. */
    public static IamPrincipal configured(String account, String arn) {
        if (arn.endsWith(":root")) return root(account);
        return new IamPrincipal(account, arn, (arn.contains(":role/") ? "AROA" : "AIDA") + stableId(arn), arn, null);
    }

    /** The principal temporary credentials act as. */
    public static IamPrincipal of(StsSession s, String roleArn) {
        return of(s, roleArn, Map.of());
    }

    /** The principal temporary credentials act as, with the tags of the role (or user) behind them. */
    public static IamPrincipal of(StsSession s, String roleArn, Map<String, String> identityTags) {
        return new IamPrincipal(s.account(), s.principalArn(), s.userId(), s.isRoleSession() ? roleArn : s.principalArn(), s, identityTags);
    }

    public boolean isRoot() {
        return arn.endsWith(":root");
    }

    public boolean isRoleSession() {
        return session != null && session.isRoleSession();
    }

    /** The IAM user's name with its path ({@code division/alice}), or null when the principal is not an IAM user. */
    public String userName() {
        int i = arn.indexOf(":user/");
        return i < 0 ? null : arn.substring(i + ":user/".length());
    }

    public Map<String, String> sessionTags() {
        return session == null ? Map.of() : session.tags();
    }

    /**
     * What {@code aws:PrincipalTag/…} holds: the user's or role's tags, and a session's tags, which win over a role tag
     * of the same key, as AWS has it.
     */
    public Map<String, String> principalTags() {
        if (sessionTags().isEmpty()) return identityTags;
        if (identityTags.isEmpty()) return sessionTags();
        Map<String, String> all = new java.util.LinkedHashMap<>(identityTags);
        all.putAll(sessionTags());
        return all;
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
