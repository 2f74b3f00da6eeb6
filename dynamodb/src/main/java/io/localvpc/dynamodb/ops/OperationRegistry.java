package io.localvpc.dynamodb.ops;

import java.util.HashMap;
import java.util.Map;

/** Every operation this DynamoDB serves, by its name in X-Amz-Target. */
public final class OperationRegistry {
    private OperationRegistry() {
    }

    public static Map<String, Operation> all() {
        Map<String, Operation> ops = new HashMap<>();
        ops.put("CreateTable", new CreateTableOperation());
        ops.put("DescribeTable", new TableOperations.DescribeTable());
        ops.put("ListTables", new TableOperations.ListTables());
        ops.put("UpdateTable", new UpdateTableOperation());
        ops.put("DeleteTable", new TableOperations.DeleteTable());
        ops.put("DescribeTimeToLive", new TableOperations.DescribeTimeToLive());
        ops.put("UpdateTimeToLive", new TableOperations.UpdateTimeToLive());
        ops.put("DescribeContinuousBackups", new TableOperations.DescribeContinuousBackups());
        ops.put("DescribeLimits", new TableOperations.DescribeLimits());
        ops.put("DescribeEndpoints", new TableOperations.DescribeEndpoints());
        ops.put("TagResource", new Tagging.TagResource());
        ops.put("UntagResource", new Tagging.UntagResource());
        ops.put("ListTagsOfResource", new Tagging.ListTagsOfResource());
        ops.put("PutItem", new PutItemOperation());
        ops.put("GetItem", new GetItemOperation());
        ops.put("UpdateItem", new UpdateItemOperation());
        ops.put("DeleteItem", new DeleteItemOperation());
        ops.put("Query", new QueryOperation());
        ops.put("Scan", new ScanOperation());
        ops.put("BatchGetItem", new BatchGetItemOperation());
        ops.put("BatchWriteItem", new BatchWriteItemOperation());
        ops.put("TransactGetItems", new TransactGetItemsOperation());
        ops.put("TransactWriteItems", new TransactWriteItemsOperation(new ClientTokens()));
        return Map.copyOf(ops);
    }
}
