package io.localvpc.dynamodb.wire;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where DynamoDB's front end checks requests differently from what botocore's model says (botocore's model is written
 * for clients and is more lenient or differently ordered). Each entry is a fact about DynamoDB's answers, as recorded
 * by tests run against DynamoDB itself (dynalite's suite, MIT).
 */
final class DynamoDbCorrections {
    /** DynamoDB lists each enum's values in its own order in "Member must satisfy enum value set" errors. */
    private static final Map<String, List<String>> ENUM_ORDER = Map.of(
            "ScalarAttributeType", List.of("B", "N", "S"),
            "ProjectionType", List.of("ALL", "INCLUDE", "KEYS_ONLY"),
            "ReturnValue", List.of("ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"),
            "Select", List.of("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"),
            "ComparisonOperator", List.of("IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT", "NOT_NULL", "NE", "LE", "BEGINS_WITH", "GE", "CONTAINS"),
            "ConditionalOperator", List.of("OR", "AND"),
            "BillingMode", List.of("PROVISIONED", "PAY_PER_REQUEST"));

    /** Members DynamoDB requires that the model leaves optional. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "CreateTableInput", List.of("AttributeDefinitions", "KeySchema"),
            "UpdateGlobalSecondaryIndexAction", List.of("IndexName", "ProvisionedThroughput"));

    private DynamoDbCorrections() {
    }

    static void apply(Map<String, ApiModel.Shape> shapes) {
        ENUM_ORDER.forEach((name, order) -> {
            ApiModel.Shape s = shapes.get(name);
            if (s != null && s.enumValues != null) {
                List<String> rest = s.enumValues.stream().filter(v -> !order.contains(v)).toList();
                s.enumValues = java.util.stream.Stream.concat(order.stream().filter(s.enumValues::contains), rest.stream()).toList();
            }
        });
        REQUIRED.forEach((name, members) -> {
            ApiModel.Shape s = shapes.get(name);
            if (s != null) {
                Set<String> required = new HashSet<>(s.required);
                required.addAll(members);
                s.required = Set.copyOf(required);
            }
        });
        // a key schema has a partition key and at most one sort key
        ApiModel.Shape keySchema = shapes.get("KeySchema");
        if (keySchema != null) keySchema.max = 2L;
    }
}
