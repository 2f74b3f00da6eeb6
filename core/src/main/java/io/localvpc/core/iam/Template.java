package io.localvpc.core.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Resource or condition value that may hold policy variables (only in Version 2012-10-17 documents):
 * {@code ${aws:username}}, {@code ${aws:username, 'anonymous'}} (a default used when the key is absent),
 * and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}} for a literal star, question mark and dollar.
 * A substituted value is literal text: a {@code *} inside it is not a wildcard.
 * A variable whose key is absent (or has several values) and has no default cannot be resolved; AWS
 * then treats the element as not matching, and so does {@link #resolve}, by answering null.
 */
final class Template {
    private final String source;
    /** Set when the text has no variables: the compiled pattern, reused for every request. */
    private final PolicyWildcard constant;
    private final List<Object> parts; // PolicyWildcard (text) or Variable

    private record Variable(String key, String defaultValue) {}

    private Template(String source, PolicyWildcard constant, List<Object> parts) {
        this.source = source;
        this.constant = constant;
        this.parts = parts;
    }

    static Template literal(String text) {
        return new Template(text, PolicyWildcard.of(text), null);
    }

    /** Parses {@code text}; with {@code variables} false (Version 2008-10-17 or none) everything is literal. */
    static Template parse(String text, boolean variables) {
        if (!variables || !text.contains("${")) return literal(text);
        List<Object> parts = new ArrayList<>();
        StringBuilder chars = new StringBuilder();
        List<Boolean> wild = new ArrayList<>();
        boolean hasVariable = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int close = c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{' ? text.indexOf('}', i + 2) : -1;
            if (close < 0) {
                chars.append(c);
                wild.add(c == '*' || c == '?');
                i++;
                continue;
            }
            String inner = text.substring(i + 2, close).trim();
            if (inner.equals("*") || inner.equals("?") || inner.equals("$")) {
                chars.append(inner.charAt(0));
                wild.add(false);
            } else {
                flush(parts, chars, wild);
                parts.add(variable(inner));
                hasVariable = true;
            }
            i = close + 1;
        }
        flush(parts, chars, wild);
        if (!hasVariable) {
            return new Template(text, parts.isEmpty() ? PolicyWildcard.of("") : (PolicyWildcard) parts.get(0), null);
        }
        return new Template(text, null, List.copyOf(parts));
    }

    private static Variable variable(String inner) {
        int comma = inner.indexOf(',');
        if (comma < 0) return new Variable(inner.toLowerCase(Locale.ROOT), null);
        String key = inner.substring(0, comma).trim().toLowerCase(Locale.ROOT);
        String def = inner.substring(comma + 1).trim();
        if (def.length() >= 2 && def.charAt(0) == '\'' && def.charAt(def.length() - 1) == '\'') {
            def = def.substring(1, def.length() - 1).replace("''", "'");
        }
        return new Variable(key, def);
    }

    private static void flush(List<Object> parts, StringBuilder chars, List<Boolean> wild) {
        if (chars.length() == 0) return;
        boolean[] w = new boolean[wild.size()];
        boolean any = false;
        for (int k = 0; k < w.length; k++) {
            w[k] = wild.get(k);
            any |= w[k];
        }
        parts.add(new PolicyWildcard(chars.toString().toCharArray(), any ? w : null));
        chars.setLength(0);
        wild.clear();
    }

    boolean hasVariables() {
        return constant == null;
    }

    /** The compiled pattern when the template has no variables, else null. */
    PolicyWildcard constant() {
        return constant;
    }

    /** The pattern with every variable replaced by its value from {@code ctx}, or null if one cannot be resolved. */
    PolicyWildcard resolve(RequestContext ctx) {
        if (constant != null) return constant;
        StringBuilder chars = new StringBuilder();
        boolean[] wild = new boolean[16];
        int n = 0;
        for (Object part : parts) {
            if (part instanceof PolicyWildcard w) {
                wild = grow(wild, n + w.chars.length);
                chars.append(w.chars);
                if (w.wild != null) System.arraycopy(w.wild, 0, wild, n, w.chars.length);
                n += w.chars.length;
            } else {
                Variable v = (Variable) part;
                ContextValue value = ctx.value(v.key);
                String text = value != null && value.size() == 1 ? value.get(0) : v.defaultValue;
                if (text == null) return null;
                wild = grow(wild, n + text.length());
                chars.append(text);
                n += text.length();
            }
        }
        return new PolicyWildcard(chars.toString().toCharArray(), java.util.Arrays.copyOf(wild, n));
    }

    private static boolean[] grow(boolean[] a, int need) {
        return need <= a.length ? a : java.util.Arrays.copyOf(a, Math.max(need, a.length * 2));
    }

    @Override
    public String toString() {
        return source;
    }
}
