package io.localvpc.core.sigv4;

/**
 * How a service puts the request path into the canonical request. S3 encodes each path once and keeps it as sent
 * ({@code /a/../b} is a key); every other service normalizes the path and encodes it twice (the SDKs encode the
 * already-encoded path again). {@link #NORMALIZED_ONCE} is the form AWS's published SigV4 test suite uses.
 */
public enum UriEncoding {
    S3(false, 1),
    DOUBLE(true, 2),
    NORMALIZED_ONCE(true, 1);

    final boolean normalize;
    final int times;

    UriEncoding(boolean normalize, int times) {
        this.normalize = normalize;
        this.times = times;
    }
}
