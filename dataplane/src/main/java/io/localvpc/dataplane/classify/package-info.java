/**
 * Request classification: what AWS's authorization layer would ask about a request reaching an endpoint — service,
 * action, resource ARNs, principal (from the signature's access key) and condition keys — as plain data for the
 * endpoint and resource policy evaluation that follows. Entry point: {@link
 * io.localvpc.dataplane.classify.RequestClassifier}. No I/O; the caller supplies the request head and, where the
 * protocol needs it, the first bytes of the body.
 */
package io.localvpc.dataplane.classify;
