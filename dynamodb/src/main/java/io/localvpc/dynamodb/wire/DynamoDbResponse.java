package io.localvpc.dynamodb.wire;

import java.util.Map;

/** An HTTP answer of DynamoDB's: status, headers (Content-Length is the transport's to add) and body. */
public record DynamoDbResponse(int status, Map<String, String> headers, byte[] body) {
    public DynamoDbResponse {
        headers = Map.copyOf(headers);
    }
}
