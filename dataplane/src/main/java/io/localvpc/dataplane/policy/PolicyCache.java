package io.localvpc.dataplane.policy;

import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.iam.PolicyKind;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Parsed policies by their text, so each distinct policy is parsed and compiled once, not per request. */
final class PolicyCache {
    private static final int MAX_ENTRIES = 4096;
    private final Map<Key, PolicyDocument> parsed = new ConcurrentHashMap<>();

    /** The text itself is the key (a string caches its hash), not a copy of it: policies run to 20 KB. */
    private record Key(PolicyKind kind, String text) {
    }

    PolicyDocument get(String text, PolicyKind kind) {
        Key key = new Key(kind, text);
        PolicyDocument doc = parsed.get(key);
        if (doc != null) return doc;
        doc = PolicyDocument.parse(text, kind);
        if (parsed.size() >= MAX_ENTRIES) parsed.clear();
        parsed.put(key, doc);
        return doc;
    }
}
