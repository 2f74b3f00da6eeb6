package io.localvpc.core.iam;

import java.util.HashMap;
import java.util.Map;

/**
 * The base condition operators of AWS's grammar, without the {@code ForAllValues:}/{@code ForAnyValue:}
 * qualifier or the {@code IfExists} suffix (see {@link Condition}). Each is a value type, a comparison and
 * whether it is the negated form; a negated operator is true exactly when its positive form is false for
 * every policy value (so several values for one key act as AND, as AWS documents).
 */
enum ConditionOperator {
    StringEquals(Type.STRING, Cmp.EQ, false),
    StringNotEquals(Type.STRING, Cmp.EQ, true),
    StringEqualsIgnoreCase(Type.STRING_IGNORE_CASE, Cmp.EQ, false),
    StringNotEqualsIgnoreCase(Type.STRING_IGNORE_CASE, Cmp.EQ, true),
    StringLike(Type.STRING_LIKE, Cmp.EQ, false),
    StringNotLike(Type.STRING_LIKE, Cmp.EQ, true),
    NumericEquals(Type.NUMERIC, Cmp.EQ, false),
    NumericNotEquals(Type.NUMERIC, Cmp.EQ, true),
    NumericLessThan(Type.NUMERIC, Cmp.LT, false),
    NumericLessThanEquals(Type.NUMERIC, Cmp.LE, false),
    NumericGreaterThan(Type.NUMERIC, Cmp.GT, false),
    NumericGreaterThanEquals(Type.NUMERIC, Cmp.GE, false),
    DateEquals(Type.DATE, Cmp.EQ, false),
    DateNotEquals(Type.DATE, Cmp.EQ, true),
    DateLessThan(Type.DATE, Cmp.LT, false),
    DateLessThanEquals(Type.DATE, Cmp.LE, false),
    DateGreaterThan(Type.DATE, Cmp.GT, false),
    DateGreaterThanEquals(Type.DATE, Cmp.GE, false),
    Bool(Type.BOOL, Cmp.EQ, false),
    BinaryEquals(Type.BINARY, Cmp.EQ, false),
    IpAddress(Type.IP, Cmp.EQ, false),
    NotIpAddress(Type.IP, Cmp.EQ, true),
    ArnEquals(Type.ARN, Cmp.EQ, false),
    ArnLike(Type.ARN, Cmp.EQ, false),
    ArnNotEquals(Type.ARN, Cmp.EQ, true),
    ArnNotLike(Type.ARN, Cmp.EQ, true),
    Null(Type.NULL, Cmp.EQ, false);

    enum Type { STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL }

    enum Cmp { EQ, LT, LE, GT, GE }

    private static final Map<String, ConditionOperator> BY_NAME = new HashMap<>();

    static {
        for (ConditionOperator op : values()) BY_NAME.put(op.name(), op);
    }

    final Type type;
    final Cmp cmp;
    final boolean negated;

    ConditionOperator(Type type, Cmp cmp, boolean negated) {
        this.type = type;
        this.cmp = cmp;
        this.negated = negated;
    }

    /** The operator spelled exactly {@code name} (operator names are case-sensitive), or null. */
    static ConditionOperator named(String name) {
        return BY_NAME.get(name);
    }

    /** Whether policy variables are substituted in this operator's values (AWS: string and ARN operators). */
    boolean takesVariables() {
        return type == Type.STRING || type == Type.STRING_IGNORE_CASE || type == Type.STRING_LIKE || type == Type.ARN;
    }

    boolean compare(int c) {
        return switch (cmp) {
            case EQ -> c == 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }
}
