package io.localvpc.dataplane.backend;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the bucket out of a virtual-hosted-style S3 host name:
 * <ul>
 *   <li>{@code my.bucket.s3.us-east-1.amazonaws.com}, {@code b.s3.amazonaws.com}, {@code b.s3-us-west-2.amazonaws.com},
 *       {@code b.s3.dualstack.eu-west-1.amazonaws.com} → the labels before the {@code s3} label;</li>
 *   <li>interface-endpoint names {@code b.bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com} → the labels
 *       before {@code bucket.vpce-…}.</li>
 * </ul>
 * Path-style names ({@code s3.us-east-1.amazonaws.com}, {@code bucket.vpce-….s3.….vpce.amazonaws.com}) and the
 * other S3 services' names (access points, S3 Control, website endpoints) have no bucket here.
 */
final class S3Hosts {

    /** Labels beginning with {@code s3-} that name a different service than the bucket API. */
    private static final Set<String> OTHER_SERVICES =
            Set.of("s3-accesspoint", "s3-control", "s3-object-lambda", "s3-outposts", "s3-website");

    private S3Hosts() {
    }

    /** The bucket of a virtual-hosted request to {@code hostHeader} (port allowed), or empty for path style. */
    static Optional<String> bucket(String hostHeader) {
        String host = stripPort(hostHeader);
        if (host == null || !(host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn"))) {
            return Optional.empty();
        }
        String[] labels = host.split("\\.");
        int service = -1;
        for (int i = labels.length - 1; i >= 0; i--) {
            if (isS3Label(labels[i])) {
                service = i;
                break;
            }
        }
        if (service <= 0 || isOtherService(labels[service])) {
            return Optional.empty();
        }
        int end = service;
        if (labels[end - 1].startsWith("vpce-")) {
            // <bucket>.bucket.vpce-<id>.s3.<region>.vpce.amazonaws.com
            if (end < 3 || !labels[end - 2].equals("bucket")) {
                return Optional.empty();
            }
            end -= 2;
        }
        return Optional.of(String.join(".", Arrays.copyOfRange(labels, 0, end)));
    }

    /** The host with its bucket labels removed, port kept: {@code b.s3.x.amazonaws.com:443} → {@code s3.x.amazonaws.com:443}. */
    static String withoutBucket(String hostHeader, String bucket) {
        return hostHeader.substring(bucket.length() + 1);
    }

    private static boolean isS3Label(String label) {
        return label.equals("s3") || label.startsWith("s3-");
    }

    private static boolean isOtherService(String label) {
        return OTHER_SERVICES.stream().anyMatch(label::startsWith);
    }

    private static String stripPort(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank() || hostHeader.startsWith("[")) {
            return null;
        }
        int colon = hostHeader.indexOf(':');
        String host = colon < 0 ? hostHeader : hostHeader.substring(0, colon);
        host = host.toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
