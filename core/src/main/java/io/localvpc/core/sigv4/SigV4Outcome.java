package io.localvpc.core.sigv4;

/** What {@link SigV4Verifier} made of a request. */
public sealed interface SigV4Outcome {
    /** Neither an Authorization header nor presigned parameters: an anonymous request. */
    record Unsigned() implements SigV4Outcome {
    }

    /** The signature is the one the key's secret makes, at a time it is good for. */
    record Verified(String accessKeyId) implements SigV4Outcome {
    }

    /**
     * The signature could not be computed because the payload's hash is not known: a body the endpoint front streams
     * and does not hold, of a service that signs the body's hash without sending it. Let through, as README says.
     */
    record Unverifiable(String accessKeyId) implements SigV4Outcome {
    }

    record Refused(SigV4Failure failure) implements SigV4Outcome {
    }

    Unsigned UNSIGNED = new Unsigned();
}
