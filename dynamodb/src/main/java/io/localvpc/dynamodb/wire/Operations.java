package io.localvpc.dynamodb.wire;

import io.localvpc.dynamodb.ops.Operation;

import java.util.Map;
import java.util.Set;

/**
 * The operations served, by the name in X-Amz-Target, and which of them check TableName (the table-level ones) or
 * ResourceArn (the tagging ones) before anything else, as DynamoDB does.
 */
record Operations(Map<String, Operation> byName) {
    static final Set<String> RESOURCE_ARN_FIRST = Set.of("TagResource", "UntagResource", "ListTagsOfResource");
    static final Set<String> TABLE_NAME_FIRST = Set.of("CreateTable", "DeleteTable", "DescribeTable", "UpdateTable", "DescribeTimeToLive", "UpdateTimeToLive");
}
