package io.localvpc.dataplane.tls;

/**
 * The hook where a request classifier and the endpoint/resource policies decide, from the request head, whether
 * a request may reach its backend. Called once per HTTP request on the connection's event loop, before any body
 * byte is forwarded (and before {@code 100 Continue} is sent), so it must not block: work that would (a commit to the
 * state store) is handed to another thread and answered as {@link RequestVerdict.Later}. Opaque TCP streams are not inspected.
 */
@FunctionalInterface
public interface RequestGuard {

    RequestVerdict inspect(RequestHead head);

    /** Forwards every request: the behaviour until policies are evaluated. */
    static RequestGuard allowAll() {
        return head -> RequestVerdict.allow();
    }
}
