package io.localvpc.dataplane.route;

/**
 * A bucket and key as S3 reads them from a request, decoded: both null for the service itself ({@code GET /}), the
 * key null for a bucket.
 *
 * <p>Keys with {@code .} or {@code ..} segments, or empty segments ({@code a//b}, a leading {@code /}), are refused:
 * the embedded S3 keeps objects as files, where {@code open/../vault/k} is {@code vault/k} and {@code a//b} is
 * {@code a/b}, so such a key could be served as another object than the one the policies judged. A trailing slash
 * (a "folder" key, {@code dir/}) is kept.
 */
public record S3Address(String bucket, String key) {

    public static final S3Address SERVICE = new S3Address(null, null);

    /**
     * Reads a request's path: the bucket from the host when it names one (virtual-hosted style), else the path's first
     * segment (path style); the rest of the path is the key.
     *
     * @param rawPath the request target's path, not decoded, beginning with {@code /}
     * @throws InvalidS3Address ({@code InvalidURI}, {@code InvalidBucketName}) when the path cannot be read safely
     */
    public static S3Address ofPath(AwsHost host, String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (host.bucket() != null) {
            return of(host.bucket(), path.isEmpty() ? null : S3PathCoding.decode(path), "InvalidURI");
        }
        if (path.isEmpty()) return SERVICE;
        int slash = path.indexOf('/');
        String bucket = S3PathCoding.decode(slash < 0 ? path : path.substring(0, slash));
        String key = slash < 0 || slash == path.length() - 1 ? null : S3PathCoding.decode(path.substring(slash + 1));
        return of(bucket, key, "InvalidURI");
    }

    /** An object named outside a path (a {@code DeleteObjects} entry), checked as a path's key is. */
    public static S3Address object(String bucket, String key) {
        return of(bucket, key, "InvalidArgument");
    }

    /** A bucket and key checked as {@link #ofPath} checks them; {@code code} is the error to answer with. */
    static S3Address of(String bucket, String key, String code) {
        if (bucket.isEmpty()) {
            throw new InvalidS3Address(code, "Couldn't parse the specified URI: the bucket name is empty (the path begins with '//').");
        }
        if (bucket.equals(".") || bucket.equals("..")) {
            throw new InvalidS3Address(code, "Couldn't parse the specified URI: '" + bucket + "' is a dot segment, not a bucket name.");
        }
        if (bucket.indexOf('/') >= 0) {
            throw new InvalidS3Address("InvalidBucketName", "The specified bucket is not valid: '" + bucket + "' contains a slash.");
        }
        if (key != null) checkKey(key, code);
        return new S3Address(bucket, key);
    }

    private static void checkKey(String key, String code) {
        int start = 0;
        while (true) {
            int slash = key.indexOf('/', start);
            String segment = slash < 0 ? key.substring(start) : key.substring(start, slash);
            boolean last = slash < 0;
            if (segment.equals(".") || segment.equals("..") || (segment.isEmpty() && !(last && start > 0))) {
                throw new InvalidS3Address(code, "The object key '" + key + "' has " + (segment.isEmpty() ? "an empty segment" : "a '"
                        + segment + "' segment") + ". localvpc's embedded S3 keeps objects as files, where such a key could name another"
                        + " object, so it refuses keys with '.', '..' or empty segments (a leading '/', '//').");
            }
            if (last) return;
            start = slash + 1;
        }
    }

    /**
     * The path that names this address to a service reading paths as S3 does ({@code /bucket/key}), every byte but
     * the unreserved characters escaped, so it decodes to exactly this bucket and key.
     */
    public String path() {
        if (bucket == null) return "/";
        String b = "/" + S3PathCoding.encode(bucket, false);
        return key == null ? b : b + "/" + S3PathCoding.encode(key, true);
    }
}
