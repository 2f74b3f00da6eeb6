package io.localvpc.dataplane.classify;

import java.util.Objects;

/**
 * A request the service itself would refuse before authorizing anything (a copy source that names no object, a
 * {@code CreateBucketConfiguration} that is not XML): answered at the endpoint with the service's error code, so
 * nothing the policies could not judge reaches the service.
 *
 * @param service the IAM service prefix ({@code s3})
 * @param code    the service's error code, e.g. {@code InvalidArgument}, {@code MalformedXML}
 * @param message what is wrong, for a person
 */
public record InvalidRequest(String service, String code, String message) implements Classification {
    public InvalidRequest {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
