package io.localvpc.dataplane.classify;

import io.localvpc.core.identity.IamPrincipal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who signed a request, as the {@code Principal} element of a policy names it.
 *
 * @param type      what kind of identity
 * @param arn       e.g. {@code arn:aws:iam::111122223333:root}, {@code arn:aws:sts::111122223333:assumed-role/r/s};
 *                  {@code *} for an anonymous request
 * @param accountId the principal's account, or null for an anonymous request
 * @param identity  what IAM and STS know of it (its unique id, the role behind a session, session tags and keys), or
 *                  null for a principal only named by localvpc's convention (a key nothing issued is the account's root)
 */
public record Principal(Type type, String arn, String accountId, IamPrincipal identity) {

    /** The kinds of principal a request can come from. */
    public enum Type { ROOT, USER, ROLE, ASSUMED_ROLE, ANONYMOUS }

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Principal ANONYMOUS = new Principal(Type.ANONYMOUS, "*", null, null);

    public Principal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arn, "arn");
        if (type != Type.ANONYMOUS && (accountId == null || !ACCOUNT.matcher(accountId).matches())) {
            throw new IllegalArgumentException("a principal's account id is 12 digits, got " + accountId);
        }
    }

    /** The account itself: {@code arn:aws:iam::<account>:root}. */
    public static Principal root(String accountId) {
        return new Principal(Type.ROOT, "arn:aws:iam::" + accountId + ":root", accountId, null);
    }

    /** An IAM user: {@code arn:aws:iam::<account>:user/<name>} (name may include a path, {@code division/ana}). */
    public static Principal user(String accountId, String name) {
        return new Principal(Type.USER, "arn:aws:iam::" + accountId + ":user/" + name, accountId, null);
    }

    /** An IAM role itself: {@code arn:aws:iam::<account>:role/<name>}. */
    public static Principal role(String accountId, String name) {
        return new Principal(Type.ROLE, "arn:aws:iam::" + accountId + ":role/" + name, accountId, null);
    }

    /** A session of a role: {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}. */
    public static Principal assumedRole(String accountId, String roleName, String sessionName) {
        return new Principal(Type.ASSUMED_ROLE,
                "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName, accountId, null);
    }

    /** The principal IAM or STS knows under an access key: a user, a role session, a configured role, or a root. */
    public static Principal of(IamPrincipal p) {
        String arn = p.arn();
        Type type = p.isRoot() ? Type.ROOT : arn.contains(":assumed-role/") ? Type.ASSUMED_ROLE
                : arn.contains(":role/") ? Type.ROLE : Type.USER;
        return new Principal(type, arn, p.account(), p);
    }

    /** An unsigned request. */
    public static Principal anonymous() {
        return ANONYMOUS;
    }

    static boolean isAccountId(String s) {
        return s != null && ACCOUNT.matcher(s).matches();
    }
}
