package io.localvpc.core.iam;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates a policy document's JSON into compiled statements; every fault is a {@link PolicyException}. */
final class PolicyParser {
    static final String V2012 = "2012-10-17";
    static final String V2008 = "2008-10-17";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
    private static final Set<String> ELEMENTS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    private static final Pattern IDENTITY_SID = Pattern.compile("[0-9A-Za-z]*");

    private final PolicyKind kind;
    private boolean variables;

    private PolicyParser(PolicyKind kind) {
        this.kind = kind;
    }

    static PolicyDocument parse(String json, PolicyKind kind) {
        if (json == null || json.isBlank()) throw PolicyException.at("", "Syntax errors in policy: the document is empty.");
        int size = kind.sizeOf(json);
        if (size > kind.maxSize()) {
            String detail = kind.isIam()
                    ? "Cannot exceed quota for PolicySize: " + kind.maxSize()
                    : "Policy document is " + size + (kind == PolicyKind.RESOURCE ? " bytes" : " characters")
                      + "; the limit is " + kind.maxSize() + ".";
            throw new PolicyException(PolicyException.Fault.SIZE, "", detail);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw PolicyException.at("", "Syntax errors in policy: " + e.getOriginalMessage() + where + ".");
        }
        if (root == null || !root.isObject()) throw PolicyException.at("", "Syntax errors in policy: the document must be a JSON object.");
        return new PolicyParser(kind).document(root);
    }

    private PolicyDocument document(JsonNode root) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TOP.contains(f)) throw PolicyException.at(f, "Syntax errors in policy: unknown element " + f + " (a policy has Version, Id and Statement).");
        }
        String version = null;
        JsonNode v = root.get("Version");
        if (v != null) {
            if (!v.isTextual() || !(v.asText().equals(V2012) || v.asText().equals(V2008))) {
                throw PolicyException.at("Version", "The policy failed legacy parsing: Version must be \"" + V2012
                        + "\" or \"" + V2008 + "\", not " + v + ".");
            }
            version = v.asText();
        }
        variables = V2012.equals(version);
        JsonNode idNode = root.get("Id");
        if (idNode != null && !idNode.isTextual()) throw PolicyException.at("Id", "Id must be a string.");
        JsonNode st = root.get("Statement");
        if (st == null) throw PolicyException.at("", "Missing required field Statement.");
        List<Statement> statements = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        if (st.isObject()) {
            statements.add(statement(st, 0, "Statement", sids));
        } else if (st.isArray()) {
            if (st.isEmpty()) throw PolicyException.at("Statement", "Syntax errors in policy: Statement must contain at least one statement.");
            for (int i = 0; i < st.size(); i++) statements.add(statement(st.get(i), i, "Statement[" + i + "]", sids));
        } else {
            throw PolicyException.at("Statement", "Syntax errors in policy: Statement must be an object or a list of objects.");
        }
        return new PolicyDocument(kind, version, idNode == null ? null : idNode.asText(), statements);
    }

    private Statement statement(JsonNode s, int index, String path, Set<String> sids) {
        if (!s.isObject()) throw PolicyException.at(path, "Syntax errors in policy: a statement must be a JSON object.");
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ELEMENTS.contains(f)) {
                throw PolicyException.at(path + "." + f, "Syntax errors in policy: unknown element " + f
                        + " (a statement has Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition).");
            }
        }
        String sid = sid(s.get("Sid"), path, sids);
        Effect effect = effect(s.get("Effect"), path);
        pair(s, path, "Action", "NotAction", true, "Policy statement must contain actions.");
        boolean notAction = s.has("NotAction");
        List<PolicyWildcard> actions = actions(s.get(notAction ? "NotAction" : "Action"), path + "." + (notAction ? "NotAction" : "Action"));
        if (kind == PolicyKind.TRUST && (s.has("Resource") || s.has("NotResource"))) {
            throw PolicyException.at(path + "." + (s.has("Resource") ? "Resource" : "NotResource"), "Has prohibited field Resource");
        }
        pair(s, path, "Resource", "NotResource", kind.isIdentityBased(), "Policy statement must contain resources.");
        boolean notResource = s.has("NotResource");
        JsonNode res = s.get(notResource ? "NotResource" : "Resource");
        List<Template> resources = res == null ? null : resources(res, path + "." + (notResource ? "NotResource" : "Resource"));
        PrincipalSet principals = null;
        boolean notPrincipal = s.has("NotPrincipal");
        if (kind.isIdentityBased()) {
            if (s.has("Principal") || notPrincipal) {
                throw PolicyException.at(path + "." + (notPrincipal ? "NotPrincipal" : "Principal"), "Policy document should not specify a principal.");
            }
        } else {
            pair(s, path, "Principal", "NotPrincipal", true, "Missing required field Principal.");
            String name = notPrincipal ? "NotPrincipal" : "Principal";
            principals = principals(s.get(name), path + "." + name);
        }
        List<Condition> conditions = s.has("Condition") ? Conditions.parse(s.get("Condition"), path + ".Condition", variables) : List.of();
        return new Statement(index, sid, effect, actions, notAction, resources, notResource, principals, notPrincipal, conditions);
    }

    private String sid(JsonNode n, String path, Set<String> sids) {
        if (n == null) return null;
        if (!n.isTextual()) throw PolicyException.at(path + ".Sid", "Sid must be a string.");
        String sid = n.asText();
        if (kind.isIdentityBased() && !IDENTITY_SID.matcher(sid).matches()) {
            throw PolicyException.at(path + ".Sid", "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*");
        }
        if (!sid.isEmpty() && !sids.add(sid)) {
            throw PolicyException.at(path + ".Sid", "Statement IDs (SID) in a single policy must be unique: " + sid + " is used twice.");
        }
        return sid;
    }

    private static Effect effect(JsonNode n, String path) {
        if (n == null) throw PolicyException.at(path, "Missing required field Effect.");
        if (n.isTextual() && n.asText().equals("Allow")) return Effect.ALLOW;
        if (n.isTextual() && n.asText().equals("Deny")) return Effect.DENY;
        throw PolicyException.at(path + ".Effect", "Invalid effect: " + (n.isTextual() ? n.asText() : n.toString()) + " (use Allow or Deny).");
    }

    /** Exactly one of {@code a} / {@code b} (or at most one when not required). */
    private static void pair(JsonNode s, String path, String a, String b, boolean required, String missing) {
        if (s.has(a) && s.has(b)) throw PolicyException.at(path, "Syntax errors in policy: a statement cannot have both " + a + " and " + b + ".");
        if (required && !s.has(a) && !s.has(b)) throw PolicyException.at(path, missing);
    }

    private static List<String> strings(JsonNode n, String path, String what) {
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            out.add(n.asText());
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isTextual()) throw PolicyException.at(path + "[" + i + "]", "Syntax errors in policy: " + what + " must be a string.");
                out.add(n.get(i).asText());
            }
        } else {
            throw PolicyException.at(path, "Syntax errors in policy: " + what + " must be a string or a list of strings.");
        }
        return out;
    }

    private static String at(JsonNode n, String path, int i) {
        return n.isArray() ? path + "[" + i + "]" : path;
    }

    private static List<PolicyWildcard> actions(JsonNode n, String path) {
        List<String> list = strings(n, path, "an action");
        if (list.isEmpty()) throw PolicyException.at(path, "Policy statement must contain actions.");
        List<PolicyWildcard> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String a = list.get(i);
            int colon = a.indexOf(':');
            if (!a.equals("*") && (colon <= 0 || colon == a.length() - 1)) {
                throw PolicyException.at(at(n, path, i), "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. (got \"" + a + "\").");
            }
            out.add(PolicyWildcard.of(a.toLowerCase(java.util.Locale.ROOT)));
        }
        return out;
    }

    private List<Template> resources(JsonNode n, String path) {
        List<String> list = strings(n, path, "a resource");
        if (list.isEmpty()) throw PolicyException.at(path, "Policy statement must contain resources.");
        List<Template> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String r = list.get(i);
            if (!r.equals("*") && !(r.startsWith("arn:") && r.indexOf(':', 4) > 0)) {
                throw PolicyException.at(at(n, path, i), "Resource " + r + " must be in ARN format or \"*\".");
            }
            out.add(Template.parse(r, variables));
        }
        return out;
    }

    private static PrincipalSet principals(JsonNode n, String path) {
        if (n.isTextual()) {
            if (n.asText().equals("*")) return PrincipalSet.everyone();
            throw PolicyException.at(path, "Invalid principal in policy: " + n + " (use \"*\" or an object such as {\"AWS\": \"123456789012\"}).");
        }
        if (!n.isObject() || n.isEmpty()) throw PolicyException.at(path, "Invalid principal in policy: " + n + ".");
        PrincipalSet set = new PrincipalSet();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String type = e.getKey();
            if (!PRINCIPAL_TYPES.contains(type)) {
                throw PolicyException.at(path + "." + type, "Invalid principal in policy: unknown principal type " + type + " (use AWS, Service, Federated or CanonicalUser).");
            }
            List<String> values = strings(e.getValue(), path + "." + type, "a principal");
            if (values.isEmpty()) throw PolicyException.at(path + "." + type, "Invalid principal in policy: the list is empty.");
            for (int i = 0; i < values.size(); i++) {
                if (!set.add(type, values.get(i))) {
                    throw PolicyException.at(at(e.getValue(), path + "." + type, i), "Invalid principal in policy: \"" + type + "\":\"" + values.get(i) + "\"");
                }
            }
        }
        return set;
    }
}
