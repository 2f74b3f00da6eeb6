package io.localvpc.dynamodb.ops;

import io.localvpc.dynamodb.expr.Condition;
import io.localvpc.dynamodb.expr.Operand;

/** Which attributes a condition reads. */
final class ConditionPaths {
    private ConditionPaths() {
    }

    static boolean mentions(Condition c, String attribute) {
        if (c instanceof Condition.And a) return mentions(a.left(), attribute) || mentions(a.right(), attribute);
        if (c instanceof Condition.Or o) return mentions(o.left(), attribute) || mentions(o.right(), attribute);
        if (c instanceof Condition.Not n) return mentions(n.inner(), attribute);
        if (c instanceof Condition.Compare cmp) return mentions(cmp.left(), attribute) || mentions(cmp.right(), attribute);
        if (c instanceof Condition.Between b) return mentions(b.value(), attribute) || mentions(b.low(), attribute) || mentions(b.high(), attribute);
        if (c instanceof Condition.In in) {
            if (mentions(in.value(), attribute)) return true;
            for (Operand o : in.candidates()) if (mentions(o, attribute)) return true;
            return false;
        }
        if (c instanceof Condition.Exists e) return e.path().attribute().equals(attribute);
        if (c instanceof Condition.TypeIs t) return t.path().attribute().equals(attribute);
        if (c instanceof Condition.BeginsWith bw) return mentions(bw.value(), attribute) || mentions(bw.prefix(), attribute);
        if (c instanceof Condition.Contains ct) return mentions(ct.container(), attribute) || mentions(ct.element(), attribute);
        return false;
    }

    /** Every path a condition reads, in the order written. */
    static void collect(Condition c, java.util.List<io.localvpc.dynamodb.expr.DocumentPath> out) {
        if (c instanceof Condition.And a) {
            collect(a.left(), out);
            collect(a.right(), out);
        } else if (c instanceof Condition.Or o) {
            collect(o.left(), out);
            collect(o.right(), out);
        } else if (c instanceof Condition.Not n) {
            collect(n.inner(), out);
        } else if (c instanceof Condition.Compare cmp) {
            collect(cmp.left(), out);
            collect(cmp.right(), out);
        } else if (c instanceof Condition.Between b) {
            collect(b.value(), out);
            collect(b.low(), out);
            collect(b.high(), out);
        } else if (c instanceof Condition.In in) {
            collect(in.value(), out);
            in.candidates().forEach(o -> collect(o, out));
        } else if (c instanceof Condition.Exists e) {
            out.add(e.path());
        } else if (c instanceof Condition.TypeIs t) {
            out.add(t.path());
        } else if (c instanceof Condition.BeginsWith bw) {
            collect(bw.value(), out);
            collect(bw.prefix(), out);
        } else if (c instanceof Condition.Contains ct) {
            collect(ct.container(), out);
            collect(ct.element(), out);
        }
    }

    private static void collect(Operand o, java.util.List<io.localvpc.dynamodb.expr.DocumentPath> out) {
        if (o instanceof Operand.Path p) out.add(p.path());
        if (o instanceof Operand.Size s) collect(s.of(), out);
    }

    private static boolean mentions(Operand o, String attribute) {
        if (o instanceof Operand.Path p) return p.path().attribute().equals(attribute);
        if (o instanceof Operand.Size s) return mentions(s.of(), attribute);
        return false;
    }
}
