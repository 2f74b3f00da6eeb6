package io.localvpc.dataplane.classify;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who signed a request, as the {@code Principal} element of a policy names it.
 *
 * @param type      what kind of identity
 * @param arn       e.g. {@code arn:aws:iam::111122223333:root}, {@code arn:aws:sts::111122223333:assumed-role/r/s};
 *                  {@code *} for an anonymous request
 * @param accountId the principal's account, or null for an anonymous request
 */
public record Principal(Type type, String arn, String accountId) {

    /** The kinds of principal a request can come from. */
    public enum Type { ROOT, USER, ROLE, ASSUMED_ROLE, ANONYMOUS }

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Principal ANONYMOUS = new Principal(Type.ANONYMOUS, "*", null);

    public Principal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arn, "arn");
        if (type != Type.ANONYMOUS && (accountId == null || !ACCOUNT.matcher(accountId).matches())) {
            throw new IllegalArgumentException("a principal's account id is 12 digits, got " + accountId);
        }
    }

    /** The account itself: {@code arn:aws:iam::<account>:root}. */
    public static Principal root(String accountId) {
        return new Principal(Type.ROOT, "arn:aws:iam::" + accountId + ":root", accountId);
    }

    /** An IAM user: {@code arn:aws:iam::<account>:user/<name>} (name may include a path, {@code division/ana}). */
    public static Principal user(String accountId, String name) {
        return new Principal(Type.USER, "arn:aws:iam::" + accountId + ":user/" + name, accountId);
    }

    /** An IAM role itself: {@code arn:aws:iam::<account>:role/<name>}. */
    public static Principal role(String accountId, String name) {
        return new Principal(Type.ROLE, "arn:aws:iam::" + accountId + ":role/" + name, accountId);
    }

    /** A session of a role: {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}. */
    public static Principal assumedRole(String accountId, String roleName, String sessionName) {
        return new Principal(Type.ASSUMED_ROLE,
                "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName, accountId);
    }

    /** An unsigned request. */
    public static Principal anonymous() {
        return ANONYMOUS;
    }

    static boolean isAccountId(String s) {
        return s != null && ACCOUNT.matcher(s).matches();
    }
}
