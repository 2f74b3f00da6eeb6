package io.localvpc.dataplane.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an AWS host name says about a request: the service (as its IAM prefix), the region, and for S3 the bucket of
 * a virtual-hosted request. Understands public names ({@code sqs.us-east-1.amazonaws.com}, {@code sts.amazonaws.com},
 * {@code us-west-2.queue.amazonaws.com}, {@code sqs.us-east-1.api.aws}, {@code sqs-fips.…}), S3's many spellings
 * ({@code b.s3.us-east-1.amazonaws.com}, {@code b.s3.amazonaws.com}, {@code b.s3-us-west-2.amazonaws.com},
 * {@code b.s3.dualstack.eu-west-1.amazonaws.com}) and interface-endpoint names
 * ({@code vpce-0a1b-c2d3.sqs.us-east-1.vpce.amazonaws.com}, {@code b.bucket.vpce-0a1b-c2d3.s3.us-east-1.vpce.amazonaws.com}).
 * Any other host (a custom endpoint such as {@code localhost}) says nothing: all fields null.
 *
 * <p>The one reading of a host name in the data plane: the policies judge, and the embedded S3 serves, the bucket
 * this record names.
 *
 * @param service the IAM service prefix, or another S3 API's label ({@code s3-accesspoint}, {@code s3-control}); null
 * @param region  null for global names ({@code sts.amazonaws.com}) and unknown hosts
 * @param bucket  the bucket of a virtual-hosted S3 request, else null
 */
public record AwsHost(String service, String region, String bucket) {

    public static final AwsHost UNKNOWN = new AwsHost(null, null, null);

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d+");
    private static final List<String> SUFFIXES = List.of(".amazonaws.com.cn", ".amazonaws.com", ".api.aws");
    /** S3 labels that name another S3 API than the bucket one, which this classifier does not cover. */
    private static final Set<String> OTHER_S3_APIS =
            Set.of("s3-accesspoint", "s3-control", "s3-object-lambda", "s3-outposts", "s3-website");
    /** Endpoint prefixes whose IAM service prefix differs. */
    private static final Map<String, String> IAM_PREFIX = Map.of(
            "queue", "sqs",
            "streams.dynamodb", "dynamodb",
            "monitoring", "cloudwatch",
            "email", "ses");

    /** What {@code hostHeader} (a port, a trailing dot and any letter case allowed) says; {@link #UNKNOWN} for other names. */
    public static AwsHost parse(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank() || hostHeader.startsWith("[")) {
            return UNKNOWN;
        }
        String host = hostHeader.toLowerCase(Locale.ROOT);
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String suffix = SUFFIXES.stream().filter(host::endsWith).findFirst().orElse(null);
        if (suffix == null) {
            return UNKNOWN;
        }
        String[] labels = host.substring(0, host.length() - suffix.length()).split("\\.");
        if (labels.length >= 3 && labels[labels.length - 1].equals("vpce")) {
            return interfaceEndpoint(labels);
        }
        for (int i = labels.length - 1; i >= 0; i--) {
            if (labels[i].equals("s3") || labels[i].startsWith("s3-")) {
                return s3(labels, i);
            }
        }
        return regional(labels);
    }

    /** {@code [<bucket>.bucket.]vpce-<id>.<service…>.<region>.vpce}. */
    private static AwsHost interfaceEndpoint(String[] labels) {
        int vpce = -1;
        for (int i = 0; i < labels.length - 2; i++) {
            if (labels[i].startsWith("vpce-")) {
                vpce = i;
                break;
            }
        }
        if (vpce < 0 || vpce + 1 >= labels.length - 2) {
            return UNKNOWN;
        }
        String service = iamPrefix(String.join(".", Arrays.copyOfRange(labels, vpce + 1, labels.length - 2)));
        String region = labels[labels.length - 2];
        if (!service.equals("s3") || vpce == 0) {
            return new AwsHost(service, region, null);
        }
        return switch (labels[vpce - 1]) {
            // "bucket.vpce-…" alone is the path-style name; labels before it are a virtual-hosted bucket
            case "bucket" -> new AwsHost("s3", region,
                    vpce == 1 ? null : String.join(".", Arrays.copyOfRange(labels, 0, vpce - 1)));
            case "accesspoint" -> new AwsHost("s3-accesspoint", region, null);
            case "control" -> new AwsHost("s3-control", region, null);
            default -> UNKNOWN;
        };
    }

    private static AwsHost s3(String[] labels, int s3) {
        String label = labels[s3];
        for (String other : OTHER_S3_APIS) {
            if (label.startsWith(other)) {
                return new AwsHost(other, regionAfter(labels, s3), null);
            }
        }
        String bucket = s3 == 0 ? null : String.join(".", Arrays.copyOfRange(labels, 0, s3));
        String region;
        if (label.equals("s3")) {
            region = regionAfter(labels, s3);
            if (region == null && s3 == labels.length - 1) {
                region = "us-east-1"; // s3.amazonaws.com, the global name, is us-east-1
            }
        } else if (label.equals("s3-external-1")) {
            region = "us-east-1";
        } else {
            String rest = label.substring("s3-".length());
            region = rest.startsWith("fips-") ? rest.substring("fips-".length()) : rest;
            if (!REGION.matcher(region).matches()) {
                region = regionAfter(labels, s3);
            }
        }
        return new AwsHost("s3", region, bucket);
    }

    /** The first region-shaped label after {@code index} ({@code s3.dualstack.eu-west-1} → eu-west-1). */
    private static String regionAfter(String[] labels, int index) {
        for (int i = index + 1; i < labels.length; i++) {
            if (REGION.matcher(labels[i]).matches()) {
                return labels[i];
            }
        }
        return null;
    }

    /** {@code sqs.us-east-1}, {@code sts}, {@code us-east-1.queue}, {@code streams.dynamodb.us-east-1}. */
    private static AwsHost regional(String[] labels) {
        List<String> service = new ArrayList<>();
        String region = null;
        for (String label : labels) {
            if (region == null && REGION.matcher(label).matches()) {
                region = label;
            } else if (!label.equals("dualstack")) {
                service.add(label.endsWith("-fips") ? label.substring(0, label.length() - "-fips".length()) : label);
            }
        }
        if (service.isEmpty()) {
            return UNKNOWN;
        }
        if (region == null && service.equals(List.of("queue"))) {
            region = "us-east-1"; // queue.amazonaws.com, SQS's legacy name
        }
        return new AwsHost(iamPrefix(String.join(".", service)), region, null);
    }

    private static String iamPrefix(String endpointPrefix) {
        return IAM_PREFIX.getOrDefault(endpointPrefix, endpointPrefix);
    }
}
