package io.localvpc.core.iam;

import io.localvpc.core.AwsException;

/**
 * A policy document refused at parse time. {@link #path()} points at the fault in JSON-path style
 * ({@code Statement[2].Condition}, 0-based statement index) and the message starts with it, so a person
 * can find the fault. The AWS error code depends on where the document was being attached; the caller
 * maps it with {@link #toAwsException(PolicyKind)}.
 */
public final class PolicyException extends RuntimeException {
    /** What kind of fault: most are grammar faults; a too-large document has its own code on IAM. */
    public enum Fault { SYNTAX, SIZE }

    private final Fault fault;
    private final String path;
    private final String detail;

    PolicyException(Fault fault, String path, String detail) {
        super(path == null || path.isEmpty() ? detail : path + ": " + detail, null, false, false);
        this.fault = fault;
        this.path = path == null ? "" : path;
        this.detail = detail;
    }

    static PolicyException at(String path, String detail) {
        return new PolicyException(Fault.SYNTAX, path, detail);
    }

    public Fault fault() {
        return fault;
    }

    /** Where the fault is, e.g. {@code Statement[1].Resource[0]}; empty for the document as a whole. */
    public String path() {
        return path;
    }

    /** The explanation without the path. */
    public String detail() {
        return detail;
    }

    /** AWS's error code for this fault when the document was meant as a policy of {@code kind}. */
    public String code(PolicyKind kind) {
        if (fault == Fault.SIZE && kind.isIam()) return "LimitExceeded";
        return kind.errorCode();
    }

    public AwsException toAwsException(PolicyKind kind) {
        return new AwsException(code(kind), getMessage());
    }
}
