package io.localvpc.dataplane.classify;

import java.io.IOException;

/**
 * The AWS JSON protocols: {@code X-Amz-Target: <TargetPrefix>.<Operation>} and the operation's members in a JSON
 * body.
 */
final class JsonClassifier {

    private JsonClassifier() {
    }

    static Classification classify(Context c, String amzTarget) {
        int dot = amzTarget.lastIndexOf('.');
        if (dot <= 0 || dot == amzTarget.length() - 1) {
            return new Unclassifiable(null, "X-Amz-Target '" + amzTarget + "' is not <TargetPrefix>.<Operation>");
        }
        String prefix = amzTarget.substring(0, dot);
        String operation = amzTarget.substring(dot + 1);
        String service = switch (prefix) {
            case "DynamoDB_20120810", "DynamoDBStreams_20120810" -> DynamoDb.SERVICE;
            case "AmazonSQS" -> Sqs.SERVICE;
            default -> null;
        };
        if (service == null) {
            Classification byModel = ModelClassifier.json(c, prefix, operation);
            return byModel != null ? byModel : new Unclassifiable(c.host().service(), "X-Amz-Target '" + amzTarget
                    + "' names no service of the API models localvpc ships");
        }
        Members members;
        try {
            members = Members.json(c.body());
        } catch (IOException e) {
            return new Unclassifiable(service, "the " + operation + " body is not a JSON object: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        return service.equals(Sqs.SERVICE) ? Sqs.classify(c, operation, members, null)
                : DynamoDb.classify(c, operation, members);
    }
}
