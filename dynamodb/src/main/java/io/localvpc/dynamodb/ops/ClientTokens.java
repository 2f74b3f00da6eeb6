package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.dynamodb.DynamoDbException;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * ClientRequestTokens of TransactWriteItems, honoured for ten minutes as DynamoDB documents: the same token with the
 * same request is answered without being applied again; with another request it is refused. Used under the database's lock.
 */
final class ClientTokens {
    private static final long WINDOW_MILLIS = 10 * 60 * 1000;

    private record Use(String request, long at) {
    }

    private final Map<String, Use> uses = new HashMap<>();

    /** Whether this token already made this request within the window; a different request with it is refused. */
    boolean seen(String token, JsonNode request, long now) {
        for (Iterator<Use> it = uses.values().iterator(); it.hasNext(); ) if (now - it.next().at() > WINDOW_MILLIS) it.remove();
        Use use = uses.get(token);
        if (use == null) return false;
        if (!use.request().equals(request.toString())) {
            throw DynamoDbException.idempotentParameterMismatch("The request uses the same client token as a previous, but non-identical request.");
        }
        return true;
    }

    void remember(String token, JsonNode request, long now) {
        uses.put(token, new Use(request.toString(), now));
    }
}
