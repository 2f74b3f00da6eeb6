package io.localvpc.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.core.catalog.Regions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of the whole state, as {@code GET /_localvpc/state} exports it and {@code POST} imports it:
 * {@code {"format": "localvpc-state/2", "resources": [{"scope", "type", "id", "resource"}, …]}}.
 *
 * <p>{@link #read} checks the whole document before anything is done with it: its shape, every row's scope,
 * type and resource, duplicates, and (through {@link StateIntegrity}) that the rows together make a state
 * localvpc could have made itself. The first fault found is thrown, naming its row.
 */
public final class StateDocument {
    public static final String FORMAT = "localvpc-state/2";
    /** Exports of releases before state schema 1: rows' types are the Java class names of that release. */
    public static final String FORMAT_1 = "localvpc-state/1";

    private StateDocument() {
    }

    /** One row of a document: where it stood ({@code resources[index]}) and what it holds. */
    record Row(int index, Scope scope, String type, Resource resource) {
        String label() {
            return "resources[" + index + "] (" + type + " " + resource.id() + " in " + scope.key() + ")";
        }
    }

    public static ObjectNode write(List<Change> rows) {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("format", FORMAT);
        ArrayNode out = o.putArray("resources");
        for (Change c : rows) {
            ObjectNode row = out.addObject().put("scope", c.scope().key()).put("type", c.type()).put("id", c.id());
            try {
                row.set("resource", ResourceCodec.mapper().readTree(c.json()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("stored " + c.type() + " " + c.id() + " is not JSON", e);
            }
        }
        return o;
    }

    /** The rows of a document, each re-serialised from its decoded resource; throws {@link InvalidStateException}. */
    public static List<Change> read(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw new InvalidStateException("the body must be a JSON object as GET /_localvpc/state returns, with \"format\": \""
                    + FORMAT + "\" and \"resources\"");
        }
        String format = doc.path("format").asText("");
        if (!FORMAT.equals(format) && !FORMAT_1.equals(format)) {
            throw new InvalidStateException("\"format\" must be \"" + FORMAT + "\" (or \"" + FORMAT_1 + "\" from earlier releases), as GET /_localvpc/state returns; was "
                    + (doc.has("format") ? doc.get("format").toString() : "missing"));
        }
        JsonNode resources = doc.get("resources");
        if (resources == null || !resources.isArray()) {
            throw new InvalidStateException("\"resources\" must be an array of rows, each {\"scope\", \"type\", \"id\", \"resource\"}; was "
                    + (resources == null ? "missing" : "a " + resources.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        List<Row> rows = new ArrayList<>(resources.size());
        Map<String, Row> byKey = new HashMap<>();
        Map<String, Row> byId = new HashMap<>();
        for (int i = 0; i < resources.size(); i++) {
            Row row = row(i, resources.get(i), format.equals(FORMAT_1));
            Row same = byKey.putIfAbsent(row.scope().key() + " " + row.type() + " " + row.resource().id(), row);
            if (same != null) throw new InvalidStateException(row.label() + ": duplicates resources[" + same.index() + "]");
            // Ids are unique in a scope across types; only a tags row shares its resource's id.
            if (!row.type().equals(TAGS)) {
                Row other = byId.putIfAbsent(row.scope().key() + " " + row.resource().id(), row);
                if (other != null) {
                    throw new InvalidStateException(row.label() + ": the id is already used by " + other.label() + "; ids are unique within an account and region");
                }
            }
            rows.add(row);
        }
        StateIntegrity.check(rows);
        List<Change> changes = new ArrayList<>(rows.size());
        for (Row r : rows) changes.add(Change.written(r.scope(), r.type(), r.resource()));
        return changes;
    }

    private static final String TAGS = ResourceTypes.nameOf(io.localvpc.core.model.ResourceTags.class);

    private static Row row(int index, JsonNode row, boolean format1) {
        String where = "resources[" + index + "]";
        if (row == null || !row.isObject()) {
            throw new InvalidStateException(where + " is " + (row == null || row.isNull() ? "null" : "not an object")
                    + "; each row is {\"scope\": \"<account>/<region>\", \"type\", \"id\", \"resource\": {…}}");
        }
        Scope scope = scope(where, row.get("scope"));
        String type = text(where, row, "type");
        if (format1) type = ResourceTypes.fromSchema0(type).orElse(type);
        if (ResourceTypes.classOf(type).isEmpty()) {
            throw new InvalidStateException(where + ": unknown type \"" + type + "\"; the types are " + String.join(", ", ResourceTypes.names()));
        }
        String id = text(where, row, "id");
        JsonNode json = row.get("resource");
        if (json == null || !json.isObject()) {
            throw new InvalidStateException(where + " (" + type + " " + id + "): \"resource\" must be an object as exported");
        }
        Resource resource;
        try {
            resource = ResourceCodec.fromJson(type, json.toString());
        } catch (IllegalStateException e) {
            throw new InvalidStateException(where + " (" + type + " " + id + "): the resource is not a valid " + type + ": " + firstLine(e));
        }
        if (!id.equals(resource.id())) {
            throw new InvalidStateException(where + " (" + type + " " + id + "): the resource's own id is "
                    + (resource.id() == null ? "missing" : "\"" + resource.id() + "\"") + ", not the row's id");
        }
        return new Row(index, scope, type, resource);
    }

    private static Scope scope(String where, JsonNode node) {
        String text = node == null || !node.isTextual() ? null : node.asText();
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new InvalidStateException(where + ": \"scope\" must be \"<account>/<region>\", e.g. \"000000000000/us-east-1\"; was "
                    + (node == null ? "missing" : node.toString()));
        }
        String account = text.substring(0, slash);
        String region = text.substring(slash + 1);
        if (!account.matches("[0-9]{12}")) {
            throw new InvalidStateException(where + ": the account in scope \"" + text + "\" must be 12 digits");
        }
        if (Regions.find(region).isEmpty()) {
            throw new InvalidStateException(where + ": the region in scope \"" + text + "\" is not a region localvpc knows (see DescribeRegions)");
        }
        return new Scope(account, region);
    }

    private static String text(String where, JsonNode row, String field) {
        JsonNode n = row.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new InvalidStateException(where + ": \"" + field + "\" must be a non-empty string; was " + (n == null ? "missing" : n.toString()));
        }
        return n.asText();
    }

    /** The decoder's own words, without the JSON source it quotes. */
    private static String firstLine(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String m = cause instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
        if (m == null) m = cause.getClass().getSimpleName();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
