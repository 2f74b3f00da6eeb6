package io.localvpc.dynamodb.expr;

import io.localvpc.dynamodb.value.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads, writes and removes the value at a document path of an item. Writes copy the maps and lists along the path; values are never changed in place. */
public final class ItemPaths {
    static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";

    private ItemPaths() {
    }

    /** The value at {@code path}, or null when the item has none there. */
    public static AttributeValue get(Map<String, AttributeValue> item, DocumentPath path) {
        List<DocumentPath.Element> elements = path.elements();
        AttributeValue v = item.get(path.attribute());
        for (int i = 1; i < elements.size() && v != null; i++) v = child(v, elements.get(i));
        return v;
    }

    private static AttributeValue child(AttributeValue v, DocumentPath.Element e) {
        if (e instanceof DocumentPath.Name n) return v instanceof AttributeValue.M m ? m.values().get(n.name()) : null;
        int index = ((DocumentPath.Index) e).index();
        return v instanceof AttributeValue.L l && index < l.values().size() ? l.values().get(index) : null;
    }

    /** Puts {@code value} at {@code path} in the (mutable) item; an index past a list's end appends. */
    static void set(Map<String, AttributeValue> item, DocumentPath path, AttributeValue value) {
        if (path.isTopLevel()) {
            item.put(path.attribute(), value);
            return;
        }
        AttributeValue top = item.get(path.attribute());
        if (top == null) throw new EvaluationProblem(INVALID_PATH);
        item.put(path.attribute(), setIn(top, path.elements(), 1, value));
    }

    private static AttributeValue setIn(AttributeValue container, List<DocumentPath.Element> elements, int i, AttributeValue value) {
        boolean last = i == elements.size() - 1;
        DocumentPath.Element e = elements.get(i);
        if (e instanceof DocumentPath.Name n) {
            if (!(container instanceof AttributeValue.M m)) throw new EvaluationProblem(INVALID_PATH);
            Map<String, AttributeValue> copy = new LinkedHashMap<>(m.values());
            if (last) {
                copy.put(n.name(), value);
            } else {
                AttributeValue next = copy.get(n.name());
                if (next == null) throw new EvaluationProblem(INVALID_PATH);
                copy.put(n.name(), setIn(next, elements, i + 1, value));
            }
            return new AttributeValue.M(copy);
        }
        int index = ((DocumentPath.Index) e).index();
        if (!(container instanceof AttributeValue.L l)) throw new EvaluationProblem(INVALID_PATH);
        List<AttributeValue> copy = new ArrayList<>(l.values());
        if (last) {
            if (index < copy.size()) {
                copy.set(index, value);
            } else {
                copy.add(value);
            }
        } else {
            if (index >= copy.size()) throw new EvaluationProblem(INVALID_PATH);
            copy.set(index, setIn(copy.get(index), elements, i + 1, value));
        }
        return new AttributeValue.L(copy);
    }

    /** Takes the value at {@code path} out of the (mutable) item; nothing there is no error, a path through a missing or wrong-typed parent is. */
    static void remove(Map<String, AttributeValue> item, DocumentPath path) {
        if (path.isTopLevel()) {
            item.remove(path.attribute());
            return;
        }
        AttributeValue top = item.get(path.attribute());
        if (top == null) throw new EvaluationProblem(INVALID_PATH);
        item.put(path.attribute(), removeIn(top, path.elements(), 1));
    }

    private static AttributeValue removeIn(AttributeValue container, List<DocumentPath.Element> elements, int i) {
        boolean last = i == elements.size() - 1;
        DocumentPath.Element e = elements.get(i);
        if (e instanceof DocumentPath.Name n) {
            if (!(container instanceof AttributeValue.M m)) throw new EvaluationProblem(INVALID_PATH);
            Map<String, AttributeValue> copy = new LinkedHashMap<>(m.values());
            if (last) {
                copy.remove(n.name());
            } else {
                AttributeValue next = copy.get(n.name());
                if (next == null) throw new EvaluationProblem(INVALID_PATH);
                copy.put(n.name(), removeIn(next, elements, i + 1));
            }
            return new AttributeValue.M(copy);
        }
        int index = ((DocumentPath.Index) e).index();
        if (!(container instanceof AttributeValue.L l)) throw new EvaluationProblem(INVALID_PATH);
        List<AttributeValue> copy = new ArrayList<>(l.values());
        if (last) {
            if (index < copy.size()) copy.remove(index);
        } else {
            if (index >= copy.size()) throw new EvaluationProblem(INVALID_PATH);
            copy.set(index, removeIn(copy.get(index), elements, i + 1));
        }
        return new AttributeValue.L(copy);
    }
}
