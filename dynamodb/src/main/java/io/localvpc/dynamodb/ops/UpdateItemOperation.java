package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.expr.DocumentPath;
import io.localvpc.dynamodb.expr.EvaluationProblem;
import io.localvpc.dynamodb.expr.Operand;
import io.localvpc.dynamodb.expr.Projector;
import io.localvpc.dynamodb.expr.UpdateAction;
import io.localvpc.dynamodb.expr.UpdateApplier;
import io.localvpc.dynamodb.table.SecondaryIndex;
import io.localvpc.dynamodb.table.StoredItem;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.table.TableDefinition;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.AttributeValueJson;
import io.localvpc.dynamodb.value.ItemSizes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** UpdateItem: applies the update to the item with the given key (creating it when absent), if the condition holds. */
final class UpdateItemOperation implements Operation {
    @Override
    public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
        RequestExpressions.checkParameters(in, List.of("UpdateExpression", "ConditionExpression"), List.of("AttributeUpdates", "Expected"));
        Map<String, AttributeValue> given = Requests.item(in.get("Key"));
        LegacyParameters.checkAttributeUpdates(in);
        LegacyParameters.checkExpected(in);
        RequestExpressions.Compiled expressions = LegacyParameters.complete(in, RequestExpressions.compile(in));
        Table t = Requests.table(db, in, "TableName", scope);
        TableDefinition d = t.definition();
        Map<String, AttributeValue> key = ItemKeys.key(d, given);
        List<UpdateAction> actions = expressions.update() == null ? List.of() : expressions.update();
        checkKeysUntouched(d, actions);
        StoredItem[] result = db.change(() -> {
            ConditionalWrites.requireCurrent(db, t);
            StoredItem before = t.get(key);
            ConditionalWrites.check(expressions.condition(), before, in);
            Map<String, AttributeValue> start = before == null ? key : before.attributes();
            Map<String, AttributeValue> updated;
            try {
                updated = UpdateApplier.apply(start, actions);
            } catch (EvaluationProblem e) {
                boolean wrongType = e.getMessage().equals("An operand in the update expression has an incorrect data type");
                // DynamoDB words a wrong type differently when the update came as legacy AttributeUpdates
                throw DynamoDbException.validation(wrongType && LegacyParameters.usesAttributeUpdates(in) ? "Type mismatch for attribute to update" : e.getMessage());
            }
            StoredItem after = StoredItem.of(updated);
            if (after.size() > ItemSizes.MAX_ITEM) throw DynamoDbException.validation("Item size to update has exceeded the maximum allowed size");
            ItemKeys.indexKeys(d, updated, expressions.update() != null && Requests.has(in, "UpdateExpression"));
            db.write(List.of(new Database.Change(t, key, after)));
            return new StoredItem[]{before, after};
        });
        ObjectNode out = Requests.object();
        Map<String, AttributeValue> returned = returnValues(Requests.text(in, "ReturnValues"), result[0], result[1], actions);
        if (returned != null && !returned.isEmpty()) out.set("Attributes", AttributeValueJson.writeItem(returned));
        Capacity.attach(out, in, d.name(), Capacity.write(Math.max(result[1].size(), result[0] == null ? 0 : result[0].size())));
        ConditionalWrites.itemCollectionMetrics(out, in, t, key);
        return out;
    }

    static Map<String, AttributeValue> returnValues(String mode, StoredItem before, StoredItem after, List<UpdateAction> actions) {
        if (mode == null || mode.equals("NONE")) return null;
        List<DocumentPath> paths = new ArrayList<>();
        for (UpdateAction a : actions) paths.add(a.path());
        return switch (mode) {
            case "ALL_OLD" -> before == null ? null : before.attributes();
            case "ALL_NEW" -> after.attributes();
            case "UPDATED_OLD" -> before == null ? null : Projector.project(before.attributes(), paths);
            default -> Projector.project(after.attributes(), paths);
        };
    }

    /**
     * DynamoDB's static checks of an update against the table, in its order: no key attribute may be updated; a
     * value whose type is known before reading the item may not give an index key the wrong type; no path may look
     * inside a key attribute of the table or an index (they are scalars).
     */
    private static void checkKeysUntouched(TableDefinition d, List<UpdateAction> actions) {
        for (UpdateAction a : actions) {
            if (d.keys().isKey(a.path().attribute())) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Cannot update attribute " + a.path().attribute()
                        + ". This attribute is part of the key");
            }
        }
        List<SecondaryIndex> indexes = new ArrayList<>(d.localIndexes());
        indexes.addAll(d.globalIndexes());
        for (SecondaryIndex index : indexes) {
            for (String key : index.keys().names()) {
                for (UpdateAction a : actions) {
                    if (!a.path().isTopLevel() || !a.path().attribute().equals(key)) continue;
                    String type = a instanceof UpdateAction.Set s ? staticType(s.value()) : a instanceof UpdateAction.Add add ? add.value().type() : null;
                    if (type != null && !type.equals(index.keys().typeOf(key))) {
                        throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for Index Key " + key
                                + " Expected: " + index.keys().typeOf(key) + " Actual: " + type + " IndexName: " + index.name());
                    }
                }
            }
        }
        for (UpdateAction a : actions) {
            List<DocumentPath> paths = new ArrayList<>();
            paths.add(a.path());
            if (a instanceof UpdateAction.Set s) operandPaths(s.value(), paths);
            for (DocumentPath p : paths) ItemKeys.scalarKey(d, p);
        }
    }

    /** The type a SET value has whatever the item holds, or null when it depends on the item. */
    private static String staticType(Operand o) {
        if (o instanceof Operand.Value v) return v.value().type();
        if (o instanceof Operand.Arithmetic) return "N";
        if (o instanceof Operand.ListAppend) return "L";
        return null;
    }

    private static void operandPaths(Operand o, List<DocumentPath> out) {
        if (o instanceof Operand.Path p) out.add(p.path());
        if (o instanceof Operand.IfNotExists f) {
            out.add(f.path());
            operandPaths(f.fallback(), out);
        }
        if (o instanceof Operand.ListAppend la) {
            operandPaths(la.first(), out);
            operandPaths(la.second(), out);
        }
        if (o instanceof Operand.Arithmetic ar) {
            operandPaths(ar.left(), out);
            operandPaths(ar.right(), out);
        }
    }

}
