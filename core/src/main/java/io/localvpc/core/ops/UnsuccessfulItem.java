package io.localvpc.core.ops;

/** One item a batch call (delete, accept, reject…) could not act on, reported in its {@code Unsuccessful} set instead of failing the call. */
public record UnsuccessfulItem(String resourceId, String code, String message) {
}
