package io.localvpc.dynamodb.expr;

import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.Binary;
import io.localvpc.dynamodb.value.DynamoNumbers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies update actions to an item and answers the new item. As on DynamoDB every operand is read from the item as
 * it was before the update; SETs go first, then ADDs and DELETEs, then REMOVEs (list elements from the highest index
 * down, so every index means what it meant in the old item).
 */
public final class UpdateApplier {
    private static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";

    private UpdateApplier() {
    }

    public static Map<String, AttributeValue> apply(Map<String, AttributeValue> old, List<UpdateAction> actions) {
        List<AttributeValue> setValues = new ArrayList<>();
        for (UpdateAction a : actions) {
            if (a instanceof UpdateAction.Set s) setValues.add(value(s.value(), old));
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(old);
        List<UpdateAction.Set> sets = new ArrayList<>();
        int i = 0;
        for (UpdateAction a : actions) {
            if (a instanceof UpdateAction.Set s) sets.add(new UpdateAction.Set(s.path(), new Operand.Value(setValues.get(i++))));
        }
        for (UpdateAction.Set s : inIndexOrder(sets)) ItemPaths.set(item, s.path(), ((Operand.Value) s.value()).value());
        List<UpdateAction> changes = new ArrayList<>();
        for (UpdateAction a : actions) if (a instanceof UpdateAction.Add || a instanceof UpdateAction.Delete) changes.add(a);
        for (UpdateAction a : inIndexOrder(changes)) {
            if (a instanceof UpdateAction.Add add) add(item, add);
            if (a instanceof UpdateAction.Delete del) delete(item, del);
        }
        List<DocumentPath> removals = new ArrayList<>();
        for (UpdateAction a : actions) {
            if (a instanceof UpdateAction.Remove r) removals.add(r.path());
        }
        removals.sort(HIGHEST_INDEX_FIRST);
        for (DocumentPath p : removals) ItemPaths.remove(item, p);
        return item;
    }

    private static void add(Map<String, AttributeValue> item, UpdateAction.Add add) {
        AttributeValue current = currentForSetChange(item, add.path());
        AttributeValue v = add.value();
        AttributeValue result;
        if (current == null) {
            result = v;
        } else if (current instanceof AttributeValue.N n && v instanceof AttributeValue.N d) {
            result = new AttributeValue.N(number(() -> DynamoNumbers.add(n.value(), d.value())));
        } else if (current instanceof AttributeValue.SS s && v instanceof AttributeValue.SS d) {
            Set<String> u = new LinkedHashSet<>(s.values());
            u.addAll(d.values());
            result = new AttributeValue.SS(u);
        } else if (current instanceof AttributeValue.NS s && v instanceof AttributeValue.NS d) {
            Set<BigDecimal> u = new LinkedHashSet<>(s.values());
            u.addAll(d.values());
            result = new AttributeValue.NS(u);
        } else if (current instanceof AttributeValue.BS s && v instanceof AttributeValue.BS d) {
            Set<Binary> u = new LinkedHashSet<>(s.values());
            u.addAll(d.values());
            result = new AttributeValue.BS(u);
        } else {
            throw new EvaluationProblem(WRONG_TYPE);
        }
        ItemPaths.set(item, add.path(), result);
    }

    private static void delete(Map<String, AttributeValue> item, UpdateAction.Delete del) {
        AttributeValue current = currentForSetChange(item, del.path());
        if (current == null) return;
        AttributeValue v = del.value();
        AttributeValue result;
        boolean empty;
        if (current instanceof AttributeValue.SS s && v instanceof AttributeValue.SS d) {
            Set<String> left = new LinkedHashSet<>(s.values());
            left.removeAll(d.values());
            empty = left.isEmpty();
            result = empty ? null : new AttributeValue.SS(left);
        } else if (current instanceof AttributeValue.NS s && v instanceof AttributeValue.NS d) {
            Set<BigDecimal> left = new LinkedHashSet<>(s.values());
            left.removeAll(d.values());
            empty = left.isEmpty();
            result = empty ? null : new AttributeValue.NS(left);
        } else if (current instanceof AttributeValue.BS s && v instanceof AttributeValue.BS d) {
            Set<Binary> left = new LinkedHashSet<>(s.values());
            left.removeAll(d.values());
            empty = left.isEmpty();
            result = empty ? null : new AttributeValue.BS(left);
        } else {
            throw new EvaluationProblem(WRONG_TYPE);
        }
        if (empty) {
            ItemPaths.remove(item, del.path());
        } else {
            ItemPaths.set(item, del.path(), result);
        }
    }

    /** The value ADD or DELETE changes; a nested path must lead through existing maps and lists, as for SET. */
    private static AttributeValue currentForSetChange(Map<String, AttributeValue> item, DocumentPath path) {
        AttributeValue current = ItemPaths.get(item, path);
        if (current == null && !path.isTopLevel()) {
            List<DocumentPath.Element> parentElements = path.elements().subList(0, path.elements().size() - 1);
            AttributeValue parent = ItemPaths.get(item, new DocumentPath(parentElements));
            DocumentPath.Element last = path.elements().get(path.elements().size() - 1);
            boolean fits = last instanceof DocumentPath.Name ? parent instanceof AttributeValue.M : parent instanceof AttributeValue.L;
            if (!fits) throw new EvaluationProblem(ItemPaths.INVALID_PATH);
        }
        return current;
    }

    /** A SET value, read from the old item; here a missing attribute is an error, not a false. */
    static AttributeValue value(Operand o, Map<String, AttributeValue> item) {
        if (o instanceof Operand.Value v) return v.value();
        if (o instanceof Operand.Path p) {
            AttributeValue v = ItemPaths.get(item, p.path());
            if (v == null) throw new EvaluationProblem("The provided expression refers to an attribute that does not exist in the item");
            return v;
        }
        if (o instanceof Operand.IfNotExists f) {
            AttributeValue v = ItemPaths.get(item, f.path());
            return v != null ? v : value(f.fallback(), item);
        }
        if (o instanceof Operand.ListAppend la) {
            AttributeValue a = value(la.first(), item);
            AttributeValue b = value(la.second(), item);
            if (!(a instanceof AttributeValue.L x) || !(b instanceof AttributeValue.L y)) throw new EvaluationProblem(WRONG_TYPE);
            List<AttributeValue> joined = new ArrayList<>(x.values());
            joined.addAll(y.values());
            return new AttributeValue.L(joined);
        }
        if (o instanceof Operand.Arithmetic ar) {
            AttributeValue a = value(ar.left(), item);
            AttributeValue b = value(ar.right(), item);
            if (!(a instanceof AttributeValue.N x) || !(b instanceof AttributeValue.N y)) throw new EvaluationProblem(WRONG_TYPE);
            return new AttributeValue.N(number(() -> DynamoNumbers.add(x.value(), ar.plus() ? y.value() : y.value().negate())));
        }
        throw new IllegalArgumentException("not an update operand: " + o);
    }

    private static BigDecimal number(java.util.function.Supplier<BigDecimal> computation) {
        try {
            return computation.get();
        } catch (DynamoNumbers.NumberProblem e) {
            throw new EvaluationProblem(e.getMessage());
        }
    }

    /**
     * Actions on list elements go last and by index, lowest first, so that several elements set past a list's end are
     * appended in index order, as DynamoDB appends them; the others keep their order.
     */
    private static <A extends UpdateAction> List<A> inIndexOrder(List<A> actions) {
        List<A> out = new ArrayList<>();
        List<A> elements = new ArrayList<>();
        for (A a : actions) {
            List<DocumentPath.Element> e = a.path().elements();
            (e.get(e.size() - 1) instanceof DocumentPath.Index ? elements : out).add(a);
        }
        elements.sort(Comparator.comparing((A a) -> a.path().elements().subList(0, a.path().elements().size() - 1).toString())
                .thenComparingInt(a -> ((DocumentPath.Index) a.path().elements().get(a.path().elements().size() - 1)).index()));
        out.addAll(elements);
        return out;
    }

    /** Orders paths so that, among elements of one list, higher indexes come first. */
    private static final Comparator<DocumentPath> HIGHEST_INDEX_FIRST = (a, b) -> {
        List<DocumentPath.Element> x = a.elements();
        List<DocumentPath.Element> y = b.elements();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            DocumentPath.Element p = x.get(i);
            DocumentPath.Element q = y.get(i);
            if (p.equals(q)) continue;
            if (p instanceof DocumentPath.Index pi && q instanceof DocumentPath.Index qi) return Integer.compare(qi.index(), pi.index());
            return p.toString().compareTo(q.toString());
        }
        return Integer.compare(y.size(), x.size());
    };
}
