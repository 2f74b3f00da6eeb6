package io.localvpc.dynamodb;

/**
 * The account and region a request acts in. Tables are per account and region, as on AWS; whoever receives the
 * request (the endpoint front, or the test server) decides the scope from what it has verified.
 */
public record DynamoDbScope(String accountId, String region) {
    public DynamoDbScope {
        if (accountId == null || !accountId.matches("\\d{12}")) throw new IllegalArgumentException("not a 12-digit account id: " + accountId);
        if (region == null || region.isEmpty()) throw new IllegalArgumentException("no region");
    }
}
