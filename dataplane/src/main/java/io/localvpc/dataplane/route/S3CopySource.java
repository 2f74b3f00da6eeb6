package io.localvpc.dataplane.route;

/**
 * The object a copy ({@code CopyObject}, {@code UploadPartCopy}) reads, from its {@code x-amz-copy-source} header:
 * {@code [/]bucket/key[?versionId=v]}, the path percent-encoded.
 *
 * @param object    the source bucket and key, checked as a request's own key is
 * @param versionId the source version, or null
 */
public record S3CopySource(S3Address object, String versionId) {

    /** @throws InvalidS3Address ({@code InvalidArgument}) when the header does not name a bucket and a key safely */
    public static S3CopySource parse(String header) {
        String value = header.startsWith("/") ? header.substring(1) : header;
        if (value.startsWith("arn:")) {
            throw new InvalidS3Address("InvalidArgument", "A copy source given as an access point ARN ('" + header
                    + "') is not supported; name the bucket and key.");
        }
        int q = value.indexOf('?');
        String versionId = null;
        if (q >= 0) {
            for (String parameter : value.substring(q + 1).split("&")) {
                if (parameter.startsWith("versionId=")) versionId = S3PathCoding.decode(parameter.substring("versionId=".length()));
            }
            value = value.substring(0, q);
        }
        String decoded;
        try {
            decoded = S3PathCoding.decode(value);
        } catch (InvalidS3Address e) {
            throw new InvalidS3Address("InvalidArgument", "x-amz-copy-source '" + header + "' is not valid percent-encoding.");
        }
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw new InvalidS3Address("InvalidArgument", "x-amz-copy-source '" + header + "' does not name a bucket and a key"
                    + " (bucket/key).");
        }
        return new S3CopySource(S3Address.of(decoded.substring(0, slash), decoded.substring(slash + 1), "InvalidArgument"),
                versionId == null || versionId.isEmpty() ? null : versionId);
    }

    /** The header for a service reading it as S3 does: {@code /bucket/key}, escaped as {@link S3Address#path()}. */
    public String header() {
        return object.path();
    }
}
