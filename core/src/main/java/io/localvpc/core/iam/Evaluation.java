package io.localvpc.core.iam;

/**
 * The decision of one policy document for one request and the statement that decided it (for a trace):
 * the first matching Deny for {@link Decision#EXPLICIT_DENY}, the first matching Allow for
 * {@link Decision#ALLOW}; none ({@code statementIndex == -1}) for {@link Decision#IMPLICIT_DENY}.
 */
public record Evaluation(Decision decision, int statementIndex, String sid, Effect effect) {
    public static final Evaluation IMPLICIT_DENY = new Evaluation(Decision.IMPLICIT_DENY, -1, null, null);

    public boolean allowed() {
        return decision == Decision.ALLOW;
    }

    @Override
    public String toString() {
        if (statementIndex < 0) return decision.name();
        return decision + " by Statement[" + statementIndex + "]" + (sid == null ? "" : " (Sid " + sid + ")");
    }
}
