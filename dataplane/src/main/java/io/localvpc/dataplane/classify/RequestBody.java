package io.localvpc.dataplane.classify;

import java.nio.charset.StandardCharsets;

/**
 * The first bytes of a request body, for protocols that carry the operation's target in it (DynamoDB and SQS JSON:
 * {@code TableName}, {@code QueueUrl}; the Query protocol: a form body; S3 {@code DeleteObjects}: the keys). The
 * caller buffers up to {@link RequestClassifier#bodyBytesWanted} bytes before classifying, and says whether that is
 * the whole body.
 */
public final class RequestBody {

    private static final RequestBody ABSENT = new RequestBody(new byte[0], false);

    private final byte[] bytes;
    private final boolean complete;

    private RequestBody(byte[] bytes, boolean complete) {
        this.bytes = bytes;
        this.complete = complete;
    }

    /** The body was not read (the head alone is classified; body-borne targets make the request unclassifiable). */
    public static RequestBody absent() {
        return ABSENT;
    }

    /** The whole body. */
    public static RequestBody complete(byte[] body) {
        return new RequestBody(body.clone(), true);
    }

    /** The first bytes of a longer body. */
    public static RequestBody prefix(byte[] firstBytes) {
        return new RequestBody(firstBytes.clone(), false);
    }

    /** The whole body, as UTF-8 text (tests, small documents). */
    public static RequestBody complete(String body) {
        return new RequestBody(body.getBytes(StandardCharsets.UTF_8), true);
    }

    boolean isAbsent() {
        return this == ABSENT || (bytes.length == 0 && !complete);
    }

    /** Whether {@link #bytes()} is the entire body. */
    public boolean isComplete() {
        return complete;
    }

    byte[] bytes() {
        return bytes;
    }

    /** For messages: how much was seen. */
    String describe() {
        return complete ? "the body" : "the first " + bytes.length + " bytes of the body";
    }
}
