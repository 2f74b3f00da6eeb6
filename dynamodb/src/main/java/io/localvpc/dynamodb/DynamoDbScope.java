package io.localvpc.dynamodb;

/**
 * The account and region a request acts in. Tables are per account and region, as on AWS; whoever receives the
 * request (the endpoint front, or the test server) decides the scope from what it has verified.
 */
public record DynamoDbScope(String accountId, String region) {
    public DynamoDbScope {
        if (!isAccountId(accountId)) throw new IllegalArgumentException("not a 12-digit account id: " + accountId);
        if (region == null || region.isEmpty()) throw new IllegalArgumentException("no region");
    }

    public static boolean isAccountId(String s) {
        if (s == null || s.length() != 12) return false;
        for (int i = 0; i < 12; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }
}
