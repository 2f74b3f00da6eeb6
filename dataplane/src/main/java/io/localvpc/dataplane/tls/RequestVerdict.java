package io.localvpc.dataplane.tls;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A {@link RequestGuard}'s answer: forward the request, answer it with a service-specific error, serve it here, or
 * (for work that must not run on an event loop) any of these later.
 */
public sealed interface RequestVerdict {

    /** Forward the request to its backend. */
    record Allow() implements RequestVerdict {
    }

    /**
     * Answer with this response instead of forwarding. The request body, if any, is not forwarded.
     *
     * @param status      the HTTP status, e.g. 403
     * @param contentType e.g. {@code application/xml} for S3, {@code application/x-amz-json-1.0} for DynamoDB
     * @param body        the error document in the service's own format
     * @param headers     extra headers, e.g. {@code x-amz-request-id}
     */
    record Refuse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers)
            implements RequestVerdict {
        public Refuse {
            body = body.clone();
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Answer the request here, from its body: localvpc serves some requests itself (an S3 bucket policy it
     * enforces, say). The body, at most {@code maxBodyBytes}, is read in full and handed to {@code answer}, whose
     * answer may come later (a commit to the state store runs off the event loop); a larger body is refused.
     */
    record Serve(int maxBodyBytes, java.util.function.Function<byte[], CompletionStage<Refuse>> answer) implements RequestVerdict {
    }

    /**
     * The verdict once {@code verdict} completes, on whatever thread: the work behind it (a commit to the state store)
     * must not run on an event loop. The connection reads nothing further meanwhile, so its requests are answered in
     * the order they came.
     */
    record Later(CompletionStage<? extends RequestVerdict> verdict) implements RequestVerdict {
    }

    /**
     * Decide after seeing the start of the body (a DynamoDB table name is in the JSON body): the first
     * {@code maxBodyBytes} (or the whole body, if shorter) are handed to {@code then}, which answers
     * {@link Allow} or {@link Refuse}. Nothing reaches the backend before that.
     */
    record Inspect(int maxBodyBytes, java.util.function.Function<byte[], RequestVerdict> then) implements RequestVerdict {
    }

    Allow ALLOW = new Allow();

    static RequestVerdict allow() {
        return ALLOW;
    }

    static Refuse refuse(HttpResponseStatus status, String contentType, String body) {
        return new Refuse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
