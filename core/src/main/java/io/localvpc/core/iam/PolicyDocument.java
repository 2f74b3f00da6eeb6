package io.localvpc.core.iam;

import java.util.List;

/**
 * A parsed, validated and compiled policy document. Parse once, evaluate many times: evaluation reads only
 * pre-compiled patterns and allocates nothing unless the policy uses variables.
 * <pre>
 * PolicyDocument p = PolicyDocument.parse(json, PolicyKind.ENDPOINT);   // or throws PolicyException
 * Evaluation e = p.evaluate(RequestContext.builder().principal(arn).action("s3:GetObject").resource(arn).build());
 * </pre>
 * Within one document AWS's logic applies: an applicable Deny wins over any Allow; with no applicable
 * statement the request is implicitly denied.
 */
public final class PolicyDocument {
    private final PolicyKind kind;
    private final String version;
    private final String id;
    private final List<Statement> statements;
    private final Statement[] array;

    PolicyDocument(PolicyKind kind, String version, String id, List<Statement> statements) {
        this.kind = kind;
        this.version = version;
        this.id = id;
        this.statements = List.copyOf(statements);
        this.array = statements.toArray(new Statement[0]);
    }

    /**
     * Parses {@code json} as a policy of {@code kind}.
     * @throws PolicyException with a message that points at the fault; map it with {@link PolicyException#toAwsException}
     */
    public static PolicyDocument parse(String json, PolicyKind kind) {
        return PolicyParser.parse(json, kind);
    }

    public PolicyKind kind() {
        return kind;
    }

    /** {@code 2012-10-17}, {@code 2008-10-17}, or null when the document has no Version (treated as 2008-10-17). */
    public String version() {
        return version;
    }

    /** The Id element, or null. */
    public String id() {
        return id;
    }

    public List<Statement> statements() {
        return statements;
    }

    public Evaluation evaluate(RequestContext ctx) {
        Statement firstAllow = null;
        for (Statement s : array) {
            if (s.effect() == Effect.ALLOW && firstAllow != null) continue; // one Allow is enough; only a Deny can change it
            if (!s.applies(ctx)) continue;
            if (s.effect() == Effect.DENY) return s.verdict;
            firstAllow = s;
        }
        return firstAllow == null ? Evaluation.IMPLICIT_DENY : firstAllow.verdict;
    }
}
