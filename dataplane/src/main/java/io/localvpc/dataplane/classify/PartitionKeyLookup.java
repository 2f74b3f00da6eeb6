package io.localvpc.dataplane.classify;

import java.util.Optional;

/**
 * Which attribute is a DynamoDB table's (or index's) partition key, for {@code dynamodb:LeadingKeys}: IAM knows the
 * table, a request names only the key's attributes. Asked on an event loop, so it must answer without waiting.
 */
@FunctionalInterface
public interface PartitionKeyLookup {

    /** The partition key attribute of {@code table} (or of its {@code index}, when not null) in an account and region, if known. */
    Optional<String> partitionKey(String account, String region, String table, String index);

    /**
     * Completes once the lookup knows every table (localvpc's DynamoDB reads its tables when it starts): a request
     * judged before would find no key, so the guard waits for it, off the event loop.
     */
    default java.util.concurrent.CompletionStage<?> ready() {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Knows no table: a key of one attribute is taken as the partition key, and nothing else is. */
    PartitionKeyLookup NONE = (account, region, table, index) -> Optional.empty();
}
