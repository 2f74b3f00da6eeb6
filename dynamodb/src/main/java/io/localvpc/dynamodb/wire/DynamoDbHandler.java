package io.localvpc.dynamodb.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.ops.Database;
import io.localvpc.dynamodb.ops.Operation;
import io.localvpc.dynamodb.ops.OperationRegistry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * DynamoDB's JSON 1.0 protocol, independent of any transport: a request's method, path, headers and body in; status,
 * headers and body out. POST / with {@code X-Amz-Target: DynamoDB_20120810.<Operation>} and a JSON body; the answer
 * carries x-amzn-RequestId and x-amz-crc32 (the CRC32 of the body, which SDKs check) as DynamoDB's does, and errors
 * are {@code {"__type": "…#Code", "message": "…"}} with status 400 (the caller's fault) or 500 (ours).
 * <p>
 * The handler never touches the network. A write waits for the database's lock and, when durable, for the store to
 * commit; {@link #mayWait} tells which requests those are, so a transport can answer the others on its event loop.
 */
public final class DynamoDbHandler {
    public static final int MAX_BODY = 16 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(DynamoDbHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final String AMZ_JSON = "application/x-amz-json-1.0";
    private static final byte[] NOT_FOUND = "<UnknownOperationException/>\n".getBytes(StandardCharsets.UTF_8);

    private final Database db;
    private final Operations operations;
    private final ApiModel model = ApiModel.get();
    private final RequestShapeCheck shapes = new RequestShapeCheck(ApiModel.get().shape("TableName"));

    private DynamoDbHandler(Database db, Operations operations) {
        this.db = db;
        this.operations = operations;
    }

    /** A handler serving every operation of {@link OperationRegistry} on this database. */
    public static DynamoDbHandler of(Database db) {
        return new DynamoDbHandler(db, new Operations(OperationRegistry.all()));
    }

    /**
     * Whether answering this request may wait (for the database's lock or the disk). A request that never waits
     * (a read, or one refused before it reaches the database) may be answered on an event loop; others belong on a
     * worker thread.
     */
    public static boolean mayWait(Map<String, String> headers) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase("X-Amz-Target") && e.getValue().startsWith(TARGET_PREFIX)) {
                return !Operations.NEVER_WAIT.contains(e.getValue().substring(TARGET_PREFIX.length()));
            }
        }
        return false;
    }

    /**
     * Answers one request. {@code headers} are looked up without regard to case; {@code scope} is the account and
     * region the request acts in, as the caller established it.
     */
    public DynamoDbResponse handle(String method, String uri, Map<String, String> headers, byte[] body, DynamoDbScope scope) {
        String requestId = RequestIds.next();
        Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("x-amzn-RequestId", requestId);
        if (h.containsKey("Origin")) out.put("Access-Control-Allow-Origin", "*");
        if (method.equals("OPTIONS") && h.containsKey("Origin")) {
            if (h.containsKey("Access-Control-Request-Headers")) out.put("Access-Control-Allow-Headers", h.get("Access-Control-Request-Headers"));
            if (h.containsKey("Access-Control-Request-Method")) out.put("Access-Control-Allow-Methods", h.get("Access-Control-Request-Method"));
            out.put("Access-Control-Max-Age", "172800");
            return answer(200, out, new byte[0], null);
        }
        if (method.equals("GET")) {
            return answer(200, out, ("healthy: dynamodb." + scope.region() + ".amazonaws.com ").getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        // DynamoDB reads a body-less request without a content type as JSON (an empty object)
        String contentType = h.containsKey("Content-Type") || body.length > 0 ? mediaType(h.get("Content-Type")) : "application/json";
        if (!method.equals("POST") || !(contentType.equals(AMZ_JSON) || contentType.equals("application/json"))) {
            return answer(404, out, NOT_FOUND, "text/html");
        }
        if (body.length > MAX_BODY) return answer(413, out, new byte[0], null);
        try {
            // a body is read before anything else; a missing one is refused only after the target and signature
            JsonNode request = body.length == 0 ? null : parse(body);
            String target = h.getOrDefault("X-Amz-Target", "");
            String name = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
            Operation op = name == null ? null : operations.byName().get(name);
            if (op == null) throw DynamoDbException.unknownOperation();
            SignatureChecks.check(h, uri);
            if (request == null || !request.isObject()) throw DynamoDbException.serialization(null);
            ApiModel.Shape input = model.input(name);
            RequestShapeCheck.types(request, input);
            if (Operations.TABLE_NAME_FIRST.contains(name)) tableNameFirst(request);
            if (Operations.RESOURCE_ARN_FIRST.contains(name) && (request.get("ResourceArn") == null || request.get("ResourceArn").isNull())) {
                throw DynamoDbException.validation("Invalid TableArn");
            }
            shapes.constraints(request, input);
            ObjectNode result = op.run(request, scope, db);
            return answer(200, out, JSON.writeValueAsBytes(result), contentType);
        } catch (DynamoDbException e) {
            return answer(e.status(), out, bytes(e.body()), contentType);
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.log(Level.SEVERE, "DynamoDB request " + requestId + " failed: " + e, e);
            return answer(500, out, bytes(DynamoDbException.internal("Internal server error").body()), contentType);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null) throw DynamoDbException.serialization(null);
            return n;
        } catch (IOException e) {
            throw DynamoDbException.serialization(null);
        }
    }

    /** Table-level operations check their TableName before anything else, with messages of their own. */
    private static void tableNameFirst(JsonNode request) {
        JsonNode t = request.get("TableName");
        if (t == null || t.isNull()) throw DynamoDbException.validation("The parameter 'TableName' is required but was not present in the request");
        String name = t.asText();
        if (!name.startsWith("arn:") && (name.length() < 3 || name.length() > 255)) {
            throw DynamoDbException.validation("TableName must be at least 3 characters long and at most 255 characters long");
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) return "";
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DynamoDbResponse answer(int status, Map<String, String> headers, byte[] body, String contentType) {
        CRC32 crc = new CRC32();
        crc.update(body);
        headers.put("x-amz-crc32", Long.toString(crc.getValue()));
        if (contentType != null) headers.put("Content-Type", contentType);
        return new DynamoDbResponse(status, headers, body);
    }
}
