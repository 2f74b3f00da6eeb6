package io.localvpc.dataplane.classify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The request members a service classifier reads (JSON top-level members or Query parameters), and whether the
 * ones that are missing could still be in body bytes the classifier was not given.
 */
final class Members {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode json;
    private final Map<String, List<String>> form;
    private final RequestBody body;
    private final boolean complete;

    private Members(ObjectNode json, Map<String, List<String>> form, RequestBody body, boolean complete) {
        this.json = json;
        this.form = form;
        this.body = body;
        this.complete = complete;
    }

    /**
     * The top-level members of a JSON body. For a prefix, every member that ends within it is kept (a member cut
     * short is left out). Throws for a body that is not a JSON object.
     */
    static Members json(RequestBody body) throws IOException {
        ObjectNode members = JSON.createObjectNode();
        if (body.isAbsent()) {
            return new Members(members, Map.of(), body, false);
        }
        boolean complete = body.isComplete();
        try (JsonParser p = new JsonFactory(JSON).createParser(body.bytes())) {
            JsonToken first = p.nextToken();
            if (first == null && body.isComplete()) {
                return new Members(members, Map.of(), body, true); // empty body: no members
            }
            if (first != JsonToken.START_OBJECT) {
                throw new IOException("the body is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                JsonNode value = p.readValueAsTree();
                members.set(name, value);
            }
        } catch (JsonProcessingException e) {
            if (body.isComplete()) {
                throw e;
            }
            complete = false; // the prefix ends inside a member (maybe inside a UTF-8 sequence): keep the ones read
        }
        return new Members(members, Map.of(), body, complete);
    }

    /** Query-protocol parameters (query string and form body merged). */
    static Members form(Map<String, List<String>> parameters, RequestBody body, boolean bodyMatters) {
        return new Members(null, parameters, body, !bodyMatters || body.isComplete());
    }

    /** A string member, or null. */
    String string(String name) {
        if (json != null) {
            JsonNode n = json.get(name);
            return n != null && n.isValueNode() && !n.isNull() ? n.asText() : null;
        }
        return Signature.first(form, name);
    }

    /**
     * Every string of a member: a JSON string or array of strings; Query's {@code Name}, {@code Name.member.N} and
     * {@code Name.N} parameters, in order.
     */
    List<String> strings(String name) {
        List<String> out = new java.util.ArrayList<>();
        if (json != null) {
            JsonNode n = json.get(name);
            if (n != null && n.isValueNode() && !n.isNull()) out.add(n.asText());
            if (n != null && n.isArray()) n.forEach(v -> { if (v.isValueNode() && !v.isNull()) out.add(v.asText()); });
            return out;
        }
        String single = Signature.first(form, name);
        if (single != null) out.add(single);
        for (String prefix : List.of(name + ".member.", name + ".")) {
            java.util.TreeMap<Integer, String> numbered = new java.util.TreeMap<>();
            form.forEach((k, v) -> {
                if (k.startsWith(prefix) && !v.isEmpty() && k.substring(prefix.length()).chars().allMatch(Character::isDigit)
                        && k.length() > prefix.length() && k.length() - prefix.length() <= 6) {
                    numbered.put(Integer.parseInt(k.substring(prefix.length())), v.get(0));
                }
            });
            out.addAll(numbered.values());
        }
        return out;
    }

    /** Whether every member the request has lies within the body bytes supplied. */
    boolean complete() {
        return complete;
    }

    /** The JSON body's top-level members (an empty object for Query parameters). */
    JsonNode jsonObject() {
        return json == null ? JSON.createObjectNode() : json;
    }

    /** A JSON member (null for Query parameters or when absent). */
    JsonNode node(String name) {
        return json == null ? null : json.get(name);
    }

    /**
     * Why a required member is not there, as a sentence: the body was not supplied, the member lies beyond the
     * bytes supplied, or the request lacks it.
     */
    String whyMissing(String operation, String member) {
        if (body.isAbsent() && !complete) {
            return operation + " names its target in the body member " + member + ", and the body was not supplied "
                    + "(buffer RequestClassifier.bodyBytesWanted bytes of it)";
        }
        if (!complete) {
            return operation + "'s " + member + " is not within " + body.describe();
        }
        return operation + " request has no " + member;
    }
}
