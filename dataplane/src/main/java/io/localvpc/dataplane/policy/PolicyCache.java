package io.localvpc.dataplane.policy;

import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.iam.PolicyKind;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Parsed policies by their text, so each distinct policy is parsed and compiled once, not per request. */
final class PolicyCache {
    private static final int MAX_ENTRIES = 4096;
    private final Map<String, PolicyDocument> parsed = new ConcurrentHashMap<>();

    PolicyDocument get(String text, PolicyKind kind) {
        String key = kind.name() + "\u0000" + text;
        PolicyDocument doc = parsed.get(key);
        if (doc != null) return doc;
        doc = PolicyDocument.parse(text, kind);
        if (parsed.size() >= MAX_ENTRIES) parsed.clear();
        parsed.put(key, doc);
        return doc;
    }
}
