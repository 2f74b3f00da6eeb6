package io.localvpc.dynamodb.expr;

import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.KeyValueOrder;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Decides a {@link Condition} against an item (empty when there is none). As on DynamoDB, a comparison with an
 * attribute the item lacks, or between values of different types, is false, except {@code <>}, which is then true.
 */
public final class ConditionEvaluator {
    private ConditionEvaluator() {
    }

    public static boolean test(Condition c, Map<String, AttributeValue> item) {
        if (c instanceof Condition.True) return true;
        if (c instanceof Condition.And a) return test(a.left(), item) && test(a.right(), item);
        if (c instanceof Condition.Or o) return test(o.left(), item) || test(o.right(), item);
        if (c instanceof Condition.Not n) return !test(n.inner(), item);
        if (c instanceof Condition.Compare cmp) return compare(value(cmp.left(), item), cmp.op(), value(cmp.right(), item));
        if (c instanceof Condition.Between b) {
            AttributeValue v = value(b.value(), item);
            return compare(v, Condition.Comparator.GE, value(b.low(), item)) && compare(v, Condition.Comparator.LE, value(b.high(), item));
        }
        if (c instanceof Condition.In in) {
            AttributeValue v = value(in.value(), item);
            if (v == null) return false;
            for (Operand o : in.candidates()) if (v.equals(value(o, item))) return true;
            return false;
        }
        if (c instanceof Condition.Exists e) return (ItemPaths.get(item, e.path()) != null) == e.exists();
        if (c instanceof Condition.TypeIs t) {
            AttributeValue v = ItemPaths.get(item, t.path());
            return v != null && value(t.type(), item) instanceof AttributeValue.S s && v.type().equals(s.value());
        }
        if (c instanceof Condition.BeginsWith b) return beginsWith(value(b.value(), item), value(b.prefix(), item));
        return contains(value(((Condition.Contains) c).container(), item), value(((Condition.Contains) c).element(), item));
    }

    public static boolean compare(AttributeValue a, Condition.Comparator op, AttributeValue b) {
        if (op == Condition.Comparator.EQ) return a != null && a.equals(b);
        if (op == Condition.Comparator.NE) return a == null || !a.equals(b);
        if (a == null || b == null || !KeyValueOrder.comparable(a, b)) return false;
        int c = KeyValueOrder.INSTANCE.compare(a, b);
        return switch (op) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            default -> c >= 0;
        };
    }

    public static boolean beginsWith(AttributeValue v, AttributeValue prefix) {
        if (v instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) return s.value().startsWith(p.value());
        if (v instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) return b.value().startsWith(p.value());
        return false;
    }

    public static boolean contains(AttributeValue container, AttributeValue element) {
        if (container == null || element == null) return false;
        if (container instanceof AttributeValue.S s) return element instanceof AttributeValue.S e && s.value().contains(e.value());
        if (container instanceof AttributeValue.B b) return element instanceof AttributeValue.B e && b.value().contains(e.value());
        if (container instanceof AttributeValue.SS ss) return element instanceof AttributeValue.S e && ss.values().contains(e.value());
        if (container instanceof AttributeValue.NS ns) return element instanceof AttributeValue.N e && ns.values().contains(e.value());
        if (container instanceof AttributeValue.BS bs) return element instanceof AttributeValue.B e && bs.values().contains(e.value());
        if (container instanceof AttributeValue.L l) return l.values().contains(element);
        return false;
    }

    /** An operand's value for this item, or null where the item has nothing (conditions never fail on a missing attribute). */
    static AttributeValue value(Operand o, Map<String, AttributeValue> item) {
        if (o instanceof Operand.Value v) return v.value();
        if (o instanceof Operand.Path p) return ItemPaths.get(item, p.path());
        if (o instanceof Operand.Size s) return size(value(s.of(), item));
        throw new IllegalArgumentException("not a condition operand: " + o);
    }

    private static AttributeValue size(AttributeValue v) {
        long n;
        if (v instanceof AttributeValue.S s) {
            n = s.value().codePointCount(0, s.value().length());
        } else if (v instanceof AttributeValue.B b) {
            n = b.value().length();
        } else if (v instanceof AttributeValue.SS ss) {
            n = ss.values().size();
        } else if (v instanceof AttributeValue.NS ns) {
            n = ns.values().size();
        } else if (v instanceof AttributeValue.BS bs) {
            n = bs.values().size();
        } else if (v instanceof AttributeValue.L l) {
            n = l.values().size();
        } else if (v instanceof AttributeValue.M m) {
            n = m.values().size();
        } else {
            return null;
        }
        return new AttributeValue.N(BigDecimal.valueOf(n));
    }
}
