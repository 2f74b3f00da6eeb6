package io.localvpc.api;

/**
 * Told about every answered API call, so metrics can count them without the API knowing how they are kept.
 * Called on the API's worker thread after the answer is built; it must be quick and must not throw.
 */
@FunctionalInterface
public interface ApiCallListener {
    ApiCallListener NONE = (service, operation, status, nanos) -> { };

    /**
     * @param service   {@code ec2}, {@code sts}, {@code iam}, or {@code unknown} for a request no served service takes
     * @param operation the operation, when the service has it; {@code unknown} otherwise (so a caller cannot create
     *                  a label per made-up action name)
     * @param status    the answer's HTTP status
     * @param nanos     time from receiving the call to having its answer
     */
    void answered(String service, String operation, int status, long nanos);
}
