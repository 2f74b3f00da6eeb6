package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.expr.Condition;
import io.localvpc.dynamodb.expr.ConditionCompiler;
import io.localvpc.dynamodb.expr.DocumentPath;
import io.localvpc.dynamodb.expr.ExpressionAttributes;
import io.localvpc.dynamodb.expr.ExpressionProblem;
import io.localvpc.dynamodb.expr.ProjectionCompiler;
import io.localvpc.dynamodb.expr.UpdateAction;
import io.localvpc.dynamodb.expr.UpdateCompiler;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.AttributeValueJson;
import io.localvpc.dynamodb.value.AttributeValueProblem;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The expressions of one request, compiled together (they share their placeholders), with DynamoDB's checks around
 * them: expression and legacy parameters are not mixed, placeholders need expressions and well-formed names, every
 * placeholder is used.
 */
final class RequestExpressions {
    private static final Pattern NAME_KEY = Pattern.compile("#[0-9a-zA-Z_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[0-9a-zA-Z_]+");

    /** What a request's expressions say; a part the request does not have is null. */
    record Compiled(List<UpdateAction> update, Condition condition, Condition keyCondition, Condition filter, List<DocumentPath> projection) {
    }

    private RequestExpressions() {
    }

    /**
     * DynamoDB's first check of an operation's parameters: an expression and its legacy counterpart may not be used
     * together, and placeholders are only for requests with expressions (values only for those that take values).
     */
    static void checkParameters(JsonNode in, List<String> expressions, List<String> legacy) {
        List<String> usedExpressions = present(in, expressions);
        if (!usedExpressions.isEmpty()) {
            List<String> legacyToCheck = new ArrayList<>(legacy);
            if (Requests.has(in, "KeyConditions") && !Requests.has(in, "KeyConditionExpression")) legacyToCheck.remove("KeyConditions");
            List<String> usedLegacy = present(in, legacyToCheck);
            if (!usedLegacy.isEmpty()) {
                throw DynamoDbException.validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {"
                        + String.join(", ", usedLegacy) + "} Expression parameters: {" + String.join(", ", usedExpressions) + "}");
            }
        }
        if (Requests.has(in, "ExpressionAttributeNames") && usedExpressions.isEmpty()) {
            throw DynamoDbException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        List<String> valueExpressions = new ArrayList<>(expressions);
        valueExpressions.remove("ProjectionExpression");
        if (!valueExpressions.isEmpty() && Requests.has(in, "ExpressionAttributeValues") && present(in, valueExpressions).isEmpty()) {
            throw DynamoDbException.validation("ExpressionAttributeValues can only be specified when using expressions: "
                    + String.join(" and ", valueExpressions) + (valueExpressions.size() > 1 ? " are" : " is") + " null");
        }
    }

    private static List<String> present(JsonNode in, List<String> members) {
        List<String> out = new ArrayList<>();
        for (String m : members) if (Requests.has(in, m)) out.add(m);
        return out;
    }

    /** Compiles whichever expressions the request has, then refuses placeholders none of them used. */
    static Compiled compile(JsonNode in) {
        ExpressionAttributes attributes = attributes(in);
        List<UpdateAction> update = null;
        Condition condition = null;
        Condition keyCondition = null;
        Condition filter = null;
        List<DocumentPath> projection = null;
        String member = null;
        try {
            if (Requests.has(in, member = "UpdateExpression")) update = UpdateCompiler.compile(Requests.text(in, member), attributes);
            if (Requests.has(in, member = "ConditionExpression")) condition = ConditionCompiler.compile(Requests.text(in, member), attributes);
            if (Requests.has(in, member = "KeyConditionExpression")) keyCondition = ConditionCompiler.compile(Requests.text(in, member), attributes);
            if (Requests.has(in, member = "FilterExpression")) filter = ConditionCompiler.compile(Requests.text(in, member), attributes);
            if (Requests.has(in, member = "ProjectionExpression")) projection = ProjectionCompiler.compile(Requests.text(in, member), attributes);
        } catch (ExpressionProblem e) {
            throw DynamoDbException.validation("Invalid " + member + ": " + e.getMessage());
        }
        attributes.unused().ifPresent(message -> {
            throw DynamoDbException.validation(message);
        });
        return new Compiled(update, condition, keyCondition, filter, projection);
    }

    private static ExpressionAttributes attributes(JsonNode in) {
        Map<String, String> names = null;
        Map<String, AttributeValue> values = null;
        JsonNode n = in.get("ExpressionAttributeNames");
        if (n != null && !n.isNull()) {
            if (n.size() == 0) throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
            names = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!NAME_KEY.matcher(e.getKey()).matches()) {
                    throw DynamoDbException.validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + e.getKey() + "\"");
                }
                if (!e.getValue().isNull()) names.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode v = in.get("ExpressionAttributeValues");
        if (v != null && !v.isNull()) {
            if (v.size() == 0) throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
            for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!VALUE_KEY.matcher(key).matches()) {
                    throw DynamoDbException.validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
                }
            }
            values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    values.put(e.getKey(), AttributeValueJson.read(e.getValue()));
                } catch (AttributeValueProblem p) {
                    throw DynamoDbException.validation("ExpressionAttributeValues contains invalid value: " + p.getMessage() + " for key " + e.getKey());
                }
            }
        }
        return new ExpressionAttributes(names, values);
    }
}
