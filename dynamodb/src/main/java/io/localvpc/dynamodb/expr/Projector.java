package io.localvpc.dynamodb.expr;

import io.localvpc.dynamodb.value.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Picks the attributes a projection names out of an item. Nested paths keep their shape: a map keeps only the keys
 * named, a list only the elements named, in their order.
 */
public final class Projector {
    private Projector() {
    }

    public static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<DocumentPath> paths) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (DocumentPath p : paths) {
            AttributeValue v = ItemPaths.get(item, p);
            if (v != null) place(tree, p.elements(), v);
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : tree.entrySet()) out.put(e.getKey(), build(e.getValue()));
        return out;
    }

    /** Builds a tree of maps (String keys) and sorted lists (Integer keys) whose leaves are the picked values. */
    @SuppressWarnings("unchecked")
    private static void place(Map<String, Object> tree, List<DocumentPath.Element> elements, AttributeValue v) {
        Map<Object, Object> node = (Map<Object, Object>) (Map<?, ?>) tree;
        for (int i = 0; i < elements.size(); i++) {
            DocumentPath.Element e = elements.get(i);
            Object key = e instanceof DocumentPath.Name n ? n.name() : ((DocumentPath.Index) e).index();
            if (i == elements.size() - 1) {
                node.put(key, v);
            } else {
                DocumentPath.Element next = elements.get(i + 1);
                Object child = node.get(key);
                if (!(child instanceof Map)) {
                    child = next instanceof DocumentPath.Name ? new LinkedHashMap<>() : new TreeMap<>();
                    node.put(key, child);
                }
                node = (Map<Object, Object>) child;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue build(Object node) {
        if (node instanceof AttributeValue v) return v;
        if (node instanceof TreeMap<?, ?> list) {
            List<AttributeValue> out = new ArrayList<>();
            for (Object child : list.values()) out.add(build(child));
            return new AttributeValue.L(out);
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) node).entrySet()) out.put(e.getKey(), build(e.getValue()));
        return new AttributeValue.M(out);
    }
}
