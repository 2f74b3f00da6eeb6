package io.localvpc.dataplane.classify;

import static io.localvpc.dataplane.classify.Requests.ACCOUNT;
import static io.localvpc.dataplane.classify.Requests.AKID;
import static io.localvpc.dataplane.classify.Requests.CLASSIFIER;
import static io.localvpc.dataplane.classify.Requests.classified;
import static io.localvpc.dataplane.classify.Requests.classify;
import static io.localvpc.dataplane.classify.Requests.head;
import static io.localvpc.dataplane.classify.Requests.sigv4;
import static io.localvpc.dataplane.classify.Requests.unclassifiable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DynamoDB, DynamoDB Streams and SQS over the AWS JSON protocol, with the body supplied as the caller would. */
class JsonProtocolTest {

    private static String dynamodb(String operation) {
        return "POST / HTTP/1.1\nHost: dynamodb.eu-west-1.amazonaws.com\n"
                + "Content-Type: application/x-amz-json-1.0\nX-Amz-Target: DynamoDB_20120810." + operation + "\n"
                + sigv4(AKID, "eu-west-1", "dynamodb") + "\n";
    }

    private static String sqs(String operation) {
        return "POST / HTTP/1.1\nHost: sqs.us-east-1.amazonaws.com\n"
                + "Content-Type: application/x-amz-json-1.0\nX-Amz-Target: AmazonSQS." + operation + "\n"
                + sigv4(AKID, "us-east-1", "sqs") + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "PutItem        | {\"TableName\":\"Music\",\"Item\":{\"Artist\":{\"S\":\"No One\"}}}                 | dynamodb:PutItem        | arn:aws:dynamodb:eu-west-1:111122223333:table/Music",
        "GetItem        | {\"TableName\":\"Music\",\"Key\":{\"Artist\":{\"S\":\"a\"}}}                       | dynamodb:GetItem        | arn:aws:dynamodb:eu-west-1:111122223333:table/Music",
        "UpdateItem     | {\"Key\":{\"Artist\":{\"S\":\"a\"}},\"TableName\":\"Music\"}                         | dynamodb:UpdateItem     | arn:aws:dynamodb:eu-west-1:111122223333:table/Music",
        "DeleteItem     | {\"TableName\":\"Music\",\"Key\":{}}                                                | dynamodb:DeleteItem     | arn:aws:dynamodb:eu-west-1:111122223333:table/Music",
        "Query          | {\"TableName\":\"Music\",\"IndexName\":\"ByYear\"}                                  | dynamodb:Query          | arn:aws:dynamodb:eu-west-1:111122223333:table/Music/index/ByYear",
        "Scan           | {\"TableName\":\"Music\"}                                                          | dynamodb:Scan           | arn:aws:dynamodb:eu-west-1:111122223333:table/Music",
        "DescribeTable  | {\"TableName\":\"arn:aws:dynamodb:eu-west-1:444455556666:table/Shared\"}           | dynamodb:DescribeTable  | arn:aws:dynamodb:eu-west-1:444455556666:table/Shared",
        "CreateTable    | {\"AttributeDefinitions\":[],\"TableName\":\"New\",\"KeySchema\":[]}                | dynamodb:CreateTable    | arn:aws:dynamodb:eu-west-1:111122223333:table/New",
        "ListTables     | {}                                                                               | dynamodb:ListTables     | *",
        "ListTables     | ''                                                                               | dynamodb:ListTables     | *",
        "BatchGetItem   | {\"RequestItems\":{\"Music\":{\"Keys\":[]},\"Books\":{\"Keys\":[]}}}                | dynamodb:BatchGetItem   | arn:aws:dynamodb:eu-west-1:111122223333:table/Music,arn:aws:dynamodb:eu-west-1:111122223333:table/Books",
        "BatchWriteItem | {\"RequestItems\":{\"Music\":[{\"PutRequest\":{\"Item\":{}}}]}}                    | dynamodb:BatchWriteItem | arn:aws:dynamodb:eu-west-1:111122223333:table/Music",
        "TagResource    | {\"ResourceArn\":\"arn:aws:dynamodb:eu-west-1:111122223333:table/Music\",\"Tags\":[]} | dynamodb:TagResource | arn:aws:dynamodb:eu-west-1:111122223333:table/Music",
    })
    void dynamodb(String operation, String body, String action, String resources) {
        ClassifiedRequest r = classified(classify(dynamodb(operation), body));
        assertEquals("dynamodb", r.service());
        assertEquals(operation, r.operation());
        assertEquals(action, r.action());
        assertEquals(Arrays.asList(resources.split(",")), r.permissions().stream().flatMap(p -> p.resourceArns().stream()).toList());
        assertEquals("eu-west-1", r.region());
    }

    @Test
    void leadingKeysAndAttributesComeFromTheKeysItemsAndExpressions() {
        ClassifiedRequest get = classified(classify(dynamodb("GetItem"), """
                {"TableName":"T","Key":{"tenant":{"S":"t-1"}},"ProjectionExpression":"#n, address.city, tags[0]",
                 "ExpressionAttributeNames":{"#n":"name"}}"""));
        assertEquals(List.of("t-1"), get.conditionKeys().get("dynamodb:LeadingKeys"), "a key of one attribute is the partition key");
        assertEquals(List.of("tenant", "name", "address", "tags"), get.conditionKeys().get("dynamodb:Attributes"));

        ClassifiedRequest update = classified(classify(dynamodb("UpdateItem"), """
                {"TableName":"T","Key":{"tenant":{"S":"t-1"}},"UpdateExpression":"SET a = if_not_exists(b, :zero) + :one REMOVE #c",
                 "ExpressionAttributeNames":{"#c":"c"},"ExpressionAttributeValues":{":zero":{"N":"0"},":one":{"N":"1"}}}"""));
        assertEquals(List.of("tenant", "a", "b", "c"), update.conditionKeys().get("dynamodb:Attributes"));

        ClassifiedRequest query = classified(classify(dynamodb("Query"), """
                {"TableName":"T","KeyConditionExpression":"tenant = :t","ExpressionAttributeValues":{":t":{"S":"t-2"}}}"""));
        assertEquals(List.of("t-2"), query.conditionKeys().get("dynamodb:LeadingKeys"));

        ClassifiedRequest batch = classified(classify(dynamodb("BatchWriteItem"), """
                {"RequestItems":{"A":[{"PutRequest":{"Item":{"k":{"S":"a-1"}}}}],"B":[{"DeleteRequest":{"Key":{"k":{"S":"b-1"}}}}]}}"""));
        assertEquals(List.of(List.of("a-1"), List.of("b-1")), batch.permissions().stream()
                .map(p -> p.conditionKeys().get("dynamodb:LeadingKeys")).toList(), "each table is judged with its own keys");
    }

    @Test
    void transactWriteItemsIsCheckedItemByItem() {
        ClassifiedRequest r = classified(classify(dynamodb("TransactWriteItems"), """
                {"TransactItems":[
                  {"Put":{"TableName":"Orders","Item":{}}},
                  {"ConditionCheck":{"TableName":"Customers","Key":{},"ConditionExpression":"x"}},
                  {"Delete":{"TableName":"Carts","Key":{}}}]}"""));
        assertEquals("dynamodb:PutItem", r.action());
        assertEquals(List.of("arn:aws:dynamodb:eu-west-1:111122223333:table/Orders"), r.resourceArns());
        assertEquals(List.of("dynamodb:ConditionCheckItem", "dynamodb:DeleteItem"),
                r.additionalPermissions().stream().map(RequiredPermission::action).toList());
        assertEquals(List.of("arn:aws:dynamodb:eu-west-1:111122223333:table/Carts"),
                r.additionalPermissions().get(1).resourceArns());
    }

    @Test
    void dynamodbConditionKeysComeFromTheBody() {
        ClassifiedRequest r = classified(classify(dynamodb("Query"),
                "{\"TableName\":\"Music\",\"Select\":\"COUNT\",\"ReturnConsumedCapacity\":\"TOTAL\"}"));
        assertEquals(List.of("COUNT"), r.conditionKeys().get("dynamodb:Select"));
        assertEquals(List.of("TOTAL"), r.conditionKeys().get("dynamodb:ReturnConsumedCapacity"));
        assertEquals(null, r.conditionKeys().get("dynamodb:ReturnValues"));
    }

    @Test
    void streamsGetRecordsIsCheckedOnTheStreamInTheIterator() {
        String stream = "arn:aws:dynamodb:eu-west-1:111122223333:table/Music/stream/2025-01-01T00:00:00.000";
        ClassifiedRequest r = classified(classify("POST / HTTP/1.1\nHost: streams.dynamodb.eu-west-1.amazonaws.com\n"
                + "X-Amz-Target: DynamoDBStreams_20120810.GetRecords\n" + sigv4(AKID, "eu-west-1", "dynamodb"),
                "{\"ShardIterator\":\"" + stream + "|1|AAAAAAAAAAH\"}"));
        assertEquals("dynamodb:GetRecords", r.action());
        assertEquals(List.of(stream), r.resourceArns());
    }

    @Test
    void tableNameWithinTheBufferedPrefixIsEnough() {
        String body = "{\"TableName\":\"Music\",\"Item\":{\"Blob\":{\"S\":\"" + "x".repeat(5000) + "\"}}}";
        byte[] prefix = Arrays.copyOf(body.getBytes(StandardCharsets.UTF_8), 1000);
        ClassifiedRequest r = classified(CLASSIFIER.classify(head(dynamodb("PutItem")), RequestBody.prefix(prefix),
                ACCOUNT));
        assertEquals(List.of("arn:aws:dynamodb:eu-west-1:111122223333:table/Music"), r.resourceArns());
    }

    @Test
    void tableNameBeyondTheBufferedPrefixIsUnclassifiable() {
        String body = "{\"Item\":{\"Blob\":{\"S\":\"" + "é".repeat(5000) + "\"}},\"TableName\":\"Music\"}";
        byte[] prefix = Arrays.copyOf(body.getBytes(StandardCharsets.UTF_8), 1001); // cut inside a UTF-8 pair
        Unclassifiable u = unclassifiable(CLASSIFIER.classify(head(dynamodb("PutItem")), RequestBody.prefix(prefix),
                ACCOUNT));
        assertEquals("PutItem's TableName is not within the first 1001 bytes of the body", u.reason());
    }

    @Test
    void jsonBodyIsWantedAndItsAbsenceExplained() {
        assertEquals(RequestClassifier.DYNAMODB_BODY_BYTES, CLASSIFIER.bodyBytesWanted(head(dynamodb("GetItem"))),
                "a DynamoDB request is read whole: its condition keys come from every item");
        Unclassifiable u = unclassifiable(Requests.classify(dynamodb("GetItem")));
        assertTrue(u.reason().contains("the body was not supplied"), u.reason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SendMessage          | {\"QueueUrl\":\"https://sqs.us-east-1.amazonaws.com/111122223333/orders\",\"MessageBody\":\"hi\"} | sqs:SendMessage          | arn:aws:sqs:us-east-1:111122223333:orders",
        "SendMessageBatch     | {\"QueueUrl\":\"https://sqs.us-east-1.amazonaws.com/111122223333/orders\",\"Entries\":[]}        | sqs:SendMessage          | arn:aws:sqs:us-east-1:111122223333:orders",
        "ReceiveMessage       | {\"QueueUrl\":\"https://sqs.eu-west-1.amazonaws.com/444455556666/other.fifo\"}                  | sqs:ReceiveMessage       | arn:aws:sqs:eu-west-1:444455556666:other.fifo",
        "DeleteMessageBatch   | {\"QueueUrl\":\"http://localhost:4566/000000000000/local\",\"Entries\":[]}                     | sqs:DeleteMessage        | arn:aws:sqs:us-east-1:000000000000:local",
        "GetQueueAttributes   | {\"QueueUrl\":\"https://vpce-0a1b-c2d3.sqs.us-east-1.vpce.amazonaws.com/111122223333/orders\"}  | sqs:GetQueueAttributes   | arn:aws:sqs:us-east-1:111122223333:orders",
        "CreateQueue          | {\"QueueName\":\"new-queue\"}                                                                     | sqs:CreateQueue          | arn:aws:sqs:us-east-1:111122223333:new-queue",
        "GetQueueUrl          | {\"QueueName\":\"theirs\",\"QueueOwnerAWSAccountId\":\"444455556666\"}                            | sqs:GetQueueUrl          | arn:aws:sqs:us-east-1:444455556666:theirs",
        "ListQueues           | {}                                                                                                | sqs:ListQueues           | arn:aws:sqs:us-east-1:111122223333:*",
    })
    void sqsJson(String operation, String body, String action, String resource) {
        ClassifiedRequest r = classified(classify(sqs(operation), body));
        assertEquals("sqs", r.service());
        assertEquals(action, r.action());
        assertEquals(List.of(resource), r.resourceArns());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "AmazonSQS.SendMessage | {\"QueueUrl\":\"https://sqs.us-east-1.amazonaws.com/orders\"} | does not end in /<12-digit account>/<queue name>",
        "AmazonSQS.SendMessage | {\"MessageBody\":\"hi\"}                                    | SendMessage request has no QueueUrl",
        "DynamoDB_20120810.ExecuteStatement | {\"Statement\":\"SELECT * FROM Music\"}        | PartiQL",
        "DynamoDB_20120810.PutItem | [1,2]                                                  | not a JSON object",
        "Nobody_20990101.Do    | {}                                                          | names no service of the API models",
        "NoDot                 | {}                                                          | is not <TargetPrefix>.<Operation>",
    })
    void jsonRequestsThatCannotBeClassified(String target, String body, String reason) {
        Unclassifiable u = unclassifiable(classify("POST / HTTP/1.1\nHost: sqs.us-east-1.amazonaws.com\n"
                + "X-Amz-Target: " + target + "\n" + sigv4(AKID, "us-east-1", "sqs"), body));
        assertTrue(u.reason().contains(reason), u.reason());
    }
}
