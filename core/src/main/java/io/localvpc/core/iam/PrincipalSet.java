package io.localvpc.core.iam;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The principals a Principal (or NotPrincipal) element names. {@code "*"} and {@code {"AWS":"*"}} mean
 * everyone, anonymous callers included. A 12-digit account id means that account's root,
 * {@code arn:aws:iam::123456789012:root}, which stands for every principal of the account. A role ARN
 * also names that role's assumed-role sessions. Service and federated principals compare by name.
 */
final class PrincipalSet {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern PRINCIPAL_ARN = Pattern.compile("arn:aws[a-z-]*:(iam|sts)::\\d{12}:[^*?]+");

    private boolean anyone;
    private final Set<String> arns = new HashSet<>();
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> services = new HashSet<>();
    private final Set<String> federated = new HashSet<>();
    private final Set<String> canonicalUsers = new HashSet<>();

    static PrincipalSet everyone() {
        PrincipalSet s = new PrincipalSet();
        s.anyone = true;
        return s;
    }

    /** Adds one value of a Principal type; false when AWS would refuse it. */
    boolean add(String type, String value) {
        switch (type) {
            case "AWS" -> {
                if (value.equals("*")) {
                    anyone = true;
                } else if (ACCOUNT.matcher(value).matches()) {
                    accounts.add(value);
                } else if (PRINCIPAL_ARN.matcher(value).matches()) {
                    String[] p = Arns.split(value);
                    if (p[5].equals("root")) accounts.add(p[4]);
                    else arns.add(value);
                } else {
                    return false;
                }
            }
            case "Service" -> {
                if (value.isEmpty() || value.contains("*")) return false;
                services.add(value.toLowerCase(Locale.ROOT));
            }
            case "Federated" -> {
                if (value.isEmpty() || value.contains("*")) return false;
                federated.add(value);
            }
            case "CanonicalUser" -> {
                if (value.isEmpty() || value.contains("*")) return false;
                canonicalUsers.add(value);
            }
            default -> throw new IllegalArgumentException(type);
        }
        return true;
    }

    /**
     * Whether a NotPrincipal element with these principals leaves the caller out. AWS evaluates an IAM
     * caller as itself and as its account: the caller is left out only when its own ARN (or, for a role
     * session, its role) AND its account are listed. So the account alone does not exempt its users, and
     * a user listed without its account is not exempt either (IAM User Guide, NotPrincipal).
     */
    boolean exempts(RequestContext ctx) {
        if (anyone) return true;
        if (ctx.principalType() != RequestContext.PrincipalType.AWS) return matches(ctx);
        String account = ctx.principalAccount();
        if (account == null || !accounts.contains(account)) return false;
        if (ctx.principal().endsWith(":root")) return true;
        return arns.contains(ctx.principal()) || (ctx.principalRoleArn() != null && arns.contains(ctx.principalRoleArn()));
    }

    boolean matches(RequestContext ctx) {
        if (anyone) return true;
        String p = ctx.principal();
        return switch (ctx.principalType()) {
            case AWS -> arns.contains(p)
                    || (ctx.principalRoleArn() != null && arns.contains(ctx.principalRoleArn()))
                    || (ctx.principalAccount() != null && accounts.contains(ctx.principalAccount()));
            case SERVICE -> services.contains(p.toLowerCase(Locale.ROOT));
            case FEDERATED -> federated.contains(p);
            case CANONICAL_USER -> canonicalUsers.contains(p);
            case ANONYMOUS -> false;
        };
    }
}
