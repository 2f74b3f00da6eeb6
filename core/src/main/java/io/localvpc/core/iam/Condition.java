package io.localvpc.core.iam;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One key under one operator of a Condition block, compiled: e.g. {@code "ForAnyValue:StringLikeIfExists":
 * {"aws:TagKeys": ["env*", "team"]}}. Several values for the key are alternatives (OR); a statement's
 * conditions all have to hold (AND).
 * <p>
 * AWS's rules for a key the request does not carry: {@code …IfExists} is true; {@code ForAllValues:} is
 * true; {@code ForAnyValue:} is false; otherwise a negated operator (StringNotEquals, NotIpAddress, …) is
 * true and any other false. {@code Null: true} holds when the key is absent, {@code Null: false} when present.
 * <p>
 * Without a qualifier, a key with several values in the request is treated like {@code ForAnyValue:} for
 * positive operators, and for negated ones as "no request value matches any policy value".
 * A policy variable that cannot be resolved makes the condition false (AWS: the statement does not apply).
 */
final class Condition {
    enum Qualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    private final ConditionOperator op;
    private final Qualifier qualifier;
    private final boolean ifExists;
    private final String key;
    /** Compiled policy values: Template (string, ARN), BigDecimal, Long (date), Boolean (Bool, Null), byte[], Cidr. */
    private final Object[] values;
    private final boolean anyVariables;

    Condition(ConditionOperator op, Qualifier qualifier, boolean ifExists, String lowerKey, Object[] values) {
        this.op = op;
        this.qualifier = qualifier;
        this.ifExists = ifExists;
        this.key = lowerKey;
        this.values = values;
        boolean vars = false;
        for (Object v : values) vars |= v instanceof Template t && t.hasVariables();
        this.anyVariables = vars;
    }

    boolean holds(RequestContext ctx) {
        ContextValue cv = ctx.value(key);
        if (op == ConditionOperator.Null) {
            boolean absent = cv == null;
            for (Object v : values) {
                if ((Boolean) v == absent) return true;
            }
            return false;
        }
        if (cv == null) {
            if (ifExists) return true;
            return switch (qualifier) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> op.negated;
            };
        }
        Object[] policy = values;
        if (anyVariables) {
            policy = resolved(ctx);
            if (policy == null) return false;
        }
        int n = cv.size();
        switch (qualifier) {
            case FOR_ALL_VALUES -> {
                for (int i = 0; i < n; i++) {
                    if (anyMatch(cv, i, policy) == op.negated) return false;
                }
                return true;
            }
            case FOR_ANY_VALUE -> {
                for (int i = 0; i < n; i++) {
                    if (anyMatch(cv, i, policy) != op.negated) return true;
                }
                return false;
            }
            default -> {
                boolean any = false;
                for (int i = 0; i < n && !any; i++) any = anyMatch(cv, i, policy);
                return any != op.negated;
            }
        }
    }

    private Object[] resolved(RequestContext ctx) {
        Object[] out = Arrays.copyOf(values, values.length);
        for (int j = 0; j < out.length; j++) {
            if (out[j] instanceof Template t && t.hasVariables()) {
                PolicyWildcard w = t.resolve(ctx);
                if (w == null) return null;
                out[j] = w;
            }
        }
        return out;
    }

    /** Whether request value i matches at least one policy value under the positive form of the operator. */
    private boolean anyMatch(ContextValue cv, int i, Object[] policy) {
        for (Object p : policy) {
            if (test(cv, i, p)) return true;
        }
        return false;
    }

    private boolean test(ContextValue cv, int i, Object p) {
        return switch (op.type) {
            case STRING -> equalsText(pattern(p), cv.get(i), false);
            case STRING_IGNORE_CASE -> equalsText(pattern(p), cv.get(i), true);
            case STRING_LIKE -> pattern(p).matches(cv.get(i));
            case ARN -> pattern(p).matchesArn(cv.get(i));
            case NUMERIC -> {
                BigDecimal v = cv.number(i);
                yield v != null && op.compare(v.compareTo((BigDecimal) p));
            }
            case DATE -> cv.dateValid(i) && op.compare(Long.compare(cv.date(i), (Long) p));
            case BOOL -> cv.get(i).equalsIgnoreCase((String) p);
            case BINARY -> Arrays.equals(cv.binary(i), (byte[]) p);
            case IP -> ((Cidr) p).contains(cv.address(i));
            case NULL -> false;
        };
    }

    private static PolicyWildcard pattern(Object p) {
        return p instanceof Template t ? t.constant() : (PolicyWildcard) p;
    }

    /** Exact comparison: a star or question mark in the policy value is an ordinary character here. */
    private static boolean equalsText(PolicyWildcard w, String s, boolean ignoreCase) {
        char[] c = w.chars;
        if (c.length != s.length()) return false;
        for (int k = 0; k < c.length; k++) {
            char a = c[k], b = s.charAt(k);
            if (a != b && !(ignoreCase && (Character.toLowerCase(a) == Character.toLowerCase(b)
                    || Character.toUpperCase(a) == Character.toUpperCase(b)))) return false;
        }
        return true;
    }
}
