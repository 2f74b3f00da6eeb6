package io.localvpc.dataplane.route;

/**
 * What an S3 request names, read once at the endpoint: the bucket and key it addresses and, for a copy, the object
 * it reads. The policies are asked about these, and the embedded S3 is sent these (re-encoded), never the request's
 * own spelling of them.
 *
 * @param target     the bucket and key of the request
 * @param copySource the copy source, or null
 */
public record S3Names(S3Address target, S3CopySource copySource) {

    /**
     * @param method           the request method: only a {@code PUT} copies, so only a {@code PUT}'s copy source is read
     * @param rawPath          the request target's path, not decoded
     * @param copySourceHeader the {@code x-amz-copy-source} header, or null
     * @throws InvalidS3Address when either cannot be read safely
     */
    public static S3Names read(AwsHost host, String method, String rawPath, String copySourceHeader) {
        S3Address target = S3Address.ofPath(host, rawPath);
        boolean copy = copySourceHeader != null && method.equals("PUT");
        return new S3Names(target, copy ? S3CopySource.parse(copySourceHeader) : null);
    }
}
