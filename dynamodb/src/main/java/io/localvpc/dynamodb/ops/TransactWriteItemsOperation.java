package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.expr.ConditionEvaluator;
import io.localvpc.dynamodb.expr.EvaluationProblem;
import io.localvpc.dynamodb.expr.UpdateApplier;
import io.localvpc.dynamodb.table.StoredItem;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.AttributeValueJson;
import io.localvpc.dynamodb.value.ItemSizes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TransactWriteItems: up to 100 condition checks, puts, updates and deletes, all or nothing. Every condition is
 * decided and every new item computed under the database's lock before anything is written; one failure cancels the
 * whole transaction with a reason for each action, as DynamoDB answers. A repeated ClientRequestToken (within ten
 * minutes, same request) answers success without writing again.
 */
final class TransactWriteItemsOperation implements Operation {
    private static final List<String> KINDS = List.of("ConditionCheck", "Put", "Delete", "Update");

    private record Action(String kind, JsonNode node, Table table, Map<String, AttributeValue> key, RequestExpressions.Compiled expressions,
                          Map<String, AttributeValue> item) {
    }

    private final ClientTokens tokens;

    TransactWriteItemsOperation(ClientTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
        List<Action> parsed = new ArrayList<>();
        for (JsonNode ti : in.get("TransactItems")) {
            String kind = null;
            for (String k : KINDS) {
                if (Requests.has(ti, k)) {
                    if (kind != null) throw DynamoDbException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
                    kind = k;
                }
            }
            if (kind == null) throw DynamoDbException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
            JsonNode node = ti.get(kind);
            Map<String, AttributeValue> item = null;
            if (kind.equals("Put")) {
                item = Requests.item(node.get("Item"));
                if (ItemSizes.item(item) > ItemSizes.MAX_ITEM) throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
            } else {
                Requests.item(node.get("Key"));
            }
            parsed.add(new Action(kind, node, null, null, RequestExpressions.compile(node), item));
        }
        List<Action> actions = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        for (Action a : parsed) {
            Table t = Requests.table(db, a.node(), "TableName", scope);
            Map<String, AttributeValue> key = a.kind().equals("Put") ? ItemKeys.itemKey(t.definition(), a.item())
                    : ItemKeys.key(t.definition(), Requests.item(a.node().get("Key")));
            if (!seen.add(List.of(t, key))) throw DynamoDbException.validation("Transaction request cannot include multiple operations on one item");
            actions.add(new Action(a.kind(), a.node(), t, key, a.expressions(), a.item()));
        }
        String token = Requests.text(in, "ClientRequestToken");
        return db.change(() -> {
            if (token != null && tokens.seen(token, in, db.clock().millis())) return response(in, actions);
            List<ObjectNode> reasons = new ArrayList<>();
            List<Database.Change> changes = new ArrayList<>();
            boolean cancelled = false;
            for (Action a : actions) {
                if (!db.isCurrent(a.table())) throw DynamoDbException.resourceNotFound("Requested resource not found");
                StoredItem old = a.table().get(a.key());
                ObjectNode reason = Requests.object();
                Map<String, AttributeValue> current = old == null ? Map.of() : old.attributes();
                if (a.expressions().condition() != null && !ConditionEvaluator.test(a.expressions().condition(), current)) {
                    reason.put("Code", "ConditionalCheckFailed").put("Message", "The conditional request failed");
                    if ("ALL_OLD".equals(Requests.text(a.node(), "ReturnValuesOnConditionCheckFailure")) && old != null) {
                        reason.set("Item", AttributeValueJson.writeItem(old.attributes()));
                    }
                    cancelled = true;
                } else {
                    try {
                        Database.Change change = change(a, old);
                        if (change != null) changes.add(change);
                        reason.put("Code", "None");
                    } catch (DynamoDbException | EvaluationProblem e) {
                        reason.put("Code", "ValidationError").put("Message", e.getMessage());
                        cancelled = true;
                    }
                }
                reasons.add(reason);
            }
            if (cancelled) {
                ObjectNode extra = Requests.object();
                ArrayNode list = extra.putArray("CancellationReasons");
                List<String> codes = new ArrayList<>();
                for (ObjectNode r : reasons) {
                    list.add(r);
                    codes.add(r.get("Code").asText());
                }
                throw DynamoDbException.transactionCanceled("Transaction cancelled, please refer cancellation reasons for specific reasons " + codes, extra);
            }
            db.write(changes);
            if (token != null) tokens.remember(token, in, db.clock().millis());
            return response(in, actions);
        });
    }

    private static Database.Change change(Action a, StoredItem old) {
        switch (a.kind()) {
            case "Put" -> {
                return new Database.Change(a.table(), a.key(), StoredItem.of(a.item()));
            }
            case "Delete" -> {
                return old == null ? null : new Database.Change(a.table(), a.key(), null);
            }
            case "Update" -> {
                Map<String, AttributeValue> start = old == null ? new LinkedHashMap<>(a.key()) : old.attributes();
                Map<String, AttributeValue> updated = a.expressions().update() == null ? start : UpdateApplier.apply(start, a.expressions().update());
                StoredItem after = StoredItem.of(updated);
                if (after.size() > ItemSizes.MAX_ITEM) throw DynamoDbException.validation("Item size to update has exceeded the maximum allowed size");
                ItemKeys.indexKeys(a.table().definition(), updated, true);
                return new Database.Change(a.table(), a.key(), after);
            }
            default -> {
                return null;
            }
        }
    }

    private static ObjectNode response(JsonNode in, List<Action> actions) {
        ObjectNode out = Requests.object();
        Map<String, Double> units = new LinkedHashMap<>();
        for (Action a : actions) units.merge(a.table().definition().name(), 2.0, Double::sum);
        Capacity.attachPerTable(out, in, units);
        return out;
    }
}
