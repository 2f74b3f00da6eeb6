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

    private static boolean mentions(Operand o, String attribute) {
        if (o instanceof Operand.Path p) return p.path().attribute().equals(attribute);
        if (o instanceof Operand.Size s) return mentions(s.of(), attribute);
        return false;
    }
}
