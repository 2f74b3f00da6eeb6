package io.localvpc.dataplane.classify;

import io.localvpc.dataplane.route.AwsHost;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/**
 * Amazon SQS, in both its Query and JSON protocols (same operation and member names). Queues are named by
 * {@code QueueUrl} ({@code https://sqs.<region>.amazonaws.com/<account>/<name>}), turned into
 * {@code arn:aws:sqs:<region>:<account>:<name>}. Batch operations are authorized by their single action
 * ({@code SendMessageBatch} → {@code sqs:SendMessage}).
 */
final class Sqs {

    static final String SERVICE = "sqs";

    private static final Set<String> BATCHES =
            Set.of("SendMessageBatch", "DeleteMessageBatch", "ChangeMessageVisibilityBatch");

    private Sqs() {
    }

    /**
     * @param pathQueueUrl the queue URL the request was sent to in the legacy Query style
     *                     ({@code POST /<account>/<name>} without a {@code QueueUrl}), or null
     */
    static Classification classify(Context c, String operation, Members m, String pathQueueUrl) {
        String action = "sqs:" + (BATCHES.contains(operation)
                ? operation.substring(0, operation.length() - "Batch".length()) : operation);
        ConditionKeys none = new ConditionKeys();
        switch (operation) {
            case "ListQueues" -> {
                return c.classified(SERVICE, operation, action,
                        List.of(ResourceArns.of(SERVICE, c.region(), c.resourceAccount(), "*")), none);
            }
            case "CreateQueue", "GetQueueUrl" -> {
                String name = m.string("QueueName");
                if (name == null) {
                    return new Unclassifiable(SERVICE, m.whyMissing(operation, "QueueName"));
                }
                String owner = m.string("QueueOwnerAWSAccountId");
                return c.classified(SERVICE, operation, action,
                        List.of(ResourceArns.of(SERVICE, c.region(), owner != null ? owner : c.resourceAccount(), name)),
                        none);
            }
            case "StartMessageMoveTask", "ListMessageMoveTasks" -> {
                String source = m.string("SourceArn");
                return source == null ? new Unclassifiable(SERVICE, m.whyMissing(operation, "SourceArn"))
                        : c.classified(SERVICE, operation, action, List.of(source), none);
            }
            case "CancelMessageMoveTask" -> {
                return new Unclassifiable(SERVICE, "CancelMessageMoveTask names its queue only inside the opaque "
                        + "TaskHandle, which is not classified");
            }
            default -> {
                String url = m.string("QueueUrl");
                if (url == null) {
                    url = pathQueueUrl;
                }
                if (url == null) {
                    return new Unclassifiable(SERVICE, m.whyMissing(operation, "QueueUrl"));
                }
                try {
                    return c.classified(SERVICE, operation, action, List.of(queueArn(url, c.region())), none);
                } catch (IllegalArgumentException e) {
                    return new Unclassifiable(SERVICE, e.getMessage());
                }
            }
        }
    }

    /** {@code https://sqs.us-east-1.amazonaws.com/123456789012/q} → {@code arn:aws:sqs:us-east-1:123456789012:q}. */
    static String queueArn(String queueUrl, String requestRegion) {
        URI uri;
        try {
            uri = new URI(queueUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("QueueUrl '" + queueUrl + "' is not a URL");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String[] segments = path.replaceFirst("^/", "").split("/");
        if (segments.length != 2 || !Principal.isAccountId(segments[0]) || segments[1].isEmpty()) {
            throw new IllegalArgumentException("QueueUrl '" + queueUrl + "' does not end in /<12-digit account>/<queue"
                    + " name>");
        }
        String hostRegion = uri.getHost() == null ? null : AwsHost.parse(uri.getHost()).region();
        return ResourceArns.of(SERVICE, hostRegion != null ? hostRegion : requestRegion, segments[0], segments[1]);
    }
}
