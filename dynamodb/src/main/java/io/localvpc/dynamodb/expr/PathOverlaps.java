package io.localvpc.dynamodb.expr;

import java.util.List;

/**
 * DynamoDB refuses an update or projection naming one place twice: a path that is a prefix of another overlaps it;
 * two paths that part at a list index against a map key conflict. Every overlap is looked for before any conflict.
 */
final class PathOverlaps {
    private PathOverlaps() {
    }

    static void check(List<DocumentPath> paths) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (isPrefix(paths.get(i), paths.get(j)) || isPrefix(paths.get(j), paths.get(i))) {
                    throw new ExpressionProblem("Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                            + paths.get(i) + ", path two: " + paths.get(j));
                }
            }
        }
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (conflict(paths.get(i), paths.get(j))) {
                    throw new ExpressionProblem("Two document paths conflict with each other; must remove or rewrite one of these paths; path one: "
                            + paths.get(i) + ", path two: " + paths.get(j));
                }
            }
        }
    }

    private static boolean isPrefix(DocumentPath a, DocumentPath b) {
        List<DocumentPath.Element> x = a.elements();
        List<DocumentPath.Element> y = b.elements();
        return x.size() <= y.size() && y.subList(0, x.size()).equals(x);
    }

    private static boolean conflict(DocumentPath a, DocumentPath b) {
        List<DocumentPath.Element> x = a.elements();
        List<DocumentPath.Element> y = b.elements();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            DocumentPath.Element p = x.get(i);
            DocumentPath.Element q = y.get(i);
            if (p.equals(q)) continue;
            return p.getClass() != q.getClass();
        }
        return false;
    }
}
