package io.localvpc.dynamodb.wire;

import io.localvpc.dynamodb.ops.Operation;

import java.util.Map;
import java.util.Set;

/**
 * The operations served, by the name in X-Amz-Target, and which of them check TableName (the table-level ones) or
 * ResourceArn (the tagging ones) before anything else, as DynamoDB does.
 */
record Operations(Map<String, Operation> byName) {
    /** Operations that only read without taking the database's lock: they never wait, so they may run on an event loop. */
    static final Set<String> NEVER_WAIT = Set.of("GetItem", "Query", "Scan", "BatchGetItem", "DescribeTable", "ListTables", "DescribeTimeToLive",
            "ListTagsOfResource", "DescribeLimits", "DescribeEndpoints", "DescribeContinuousBackups");
    static final Set<String> RESOURCE_ARN_FIRST = Set.of("TagResource", "UntagResource", "ListTagsOfResource");
    static final Set<String> TABLE_NAME_FIRST = Set.of("CreateTable", "DeleteTable", "DescribeTable", "UpdateTable", "DescribeTimeToLive", "UpdateTimeToLive");
}
