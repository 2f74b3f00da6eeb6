package io.localvpc.api;

import io.localvpc.core.AwsException;
import io.localvpc.core.sigv4.SigV4Errors;
import io.localvpc.core.sigv4.SigV4Outcome;
import io.localvpc.core.sigv4.SigV4Request;
import io.localvpc.core.sigv4.SigV4Verifier;
import io.localvpc.core.sigv4.UriEncoding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --verify-signatures} at the API port: a request to EC2, STS or IAM passes only with a good SigV4 signature of a
 * key localvpc knows; otherwise it gets the service's own refusal (EC2's {@code AuthFailure}, STS's and IAM's
 * {@code InvalidClientTokenId}, {@code SignatureDoesNotMatch}, {@code ExpiredToken}…). The whole body is at hand here,
 * so the payload's hash is always computed.
 */
final class ApiSignatures {
    private final SigV4Verifier verifier;

    ApiSignatures(SigV4Verifier verifier) {
        this.verifier = verifier;
    }

    /** Why the call is refused, or null when its signature is good. */
    AwsException refusal(ApiCall call, String service) {
        Map<String, List<String>> headers = new HashMap<>(call.headers().size() * 2);
        call.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        SigV4Outcome outcome = verifier.verify(new SigV4Request(call.method(), call.path(), call.rawQuery(), headers, call.body()), UriEncoding.DOUBLE);
        SigV4Errors.Family family = service.equals("ec2") ? SigV4Errors.Family.EC2 : SigV4Errors.Family.QUERY;
        if (outcome instanceof SigV4Outcome.Refused refused) {
            SigV4Errors.Answer a = SigV4Errors.answer(refused.failure(), family);
            return new AwsException(a.code(), a.message(), a.status());
        }
        if (outcome instanceof SigV4Outcome.Unsigned) {
            return new AwsException("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
        }
        return null;
    }
}
