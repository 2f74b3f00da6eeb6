package io.localvpc.dataplane.classify;

import static io.localvpc.dataplane.classify.Requests.AKID;
import static io.localvpc.dataplane.classify.Requests.CLASSIFIER;
import static io.localvpc.dataplane.classify.Requests.classified;
import static io.localvpc.dataplane.classify.Requests.classify;
import static io.localvpc.dataplane.classify.Requests.head;
import static io.localvpc.dataplane.classify.Requests.sigv4;
import static io.localvpc.dataplane.classify.Requests.unclassifiable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SQS, SNS and STS over the AWS Query protocol: {@code Action=} in a form body or the query string. */
class QueryProtocolTest {

    private static String form(String host, String service, String region) {
        return "POST / HTTP/1.1\nHost: " + host + "\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\n"
                + sigv4(AKID, region, service) + "\n";
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', value = {
        "sqs.us-east-1.amazonaws.com | sqs | us-east-1 | Action=SendMessage&QueueUrl=https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F111122223333%2Forders&MessageBody=hi+there&Version=2012-11-05 | sqs:SendMessage | arn:aws:sqs:us-east-1:111122223333:orders",
        "us-west-2.queue.amazonaws.com | sqs | us-west-2 | Action=DeleteMessageBatch&QueueUrl=https%3A%2F%2Fus-west-2.queue.amazonaws.com%2F111122223333%2Fq&DeleteMessageBatchRequestEntry.1.Id=a | sqs:DeleteMessage | arn:aws:sqs:us-west-2:111122223333:q",
        "sqs.us-east-1.amazonaws.com | sqs | us-east-1 | Action=CreateQueue&QueueName=jobs&Attribute.1.Name=VisibilityTimeout | sqs:CreateQueue | arn:aws:sqs:us-east-1:111122223333:jobs",
        "sqs.us-east-1.amazonaws.com | sqs | us-east-1 | Action=ListQueues&Version=2012-11-05 | sqs:ListQueues | arn:aws:sqs:us-east-1:111122223333:*",
        "sns.us-east-1.amazonaws.com | sns | us-east-1 | Action=Publish&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A111122223333%3Aalerts&Message=hi | sns:Publish | arn:aws:sns:us-east-1:111122223333:alerts",
        "sns.us-east-1.amazonaws.com | sns | us-east-1 | Action=PublishBatch&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A111122223333%3Aalerts | sns:Publish | arn:aws:sns:us-east-1:111122223333:alerts",
        "sns.us-east-1.amazonaws.com | sns | us-east-1 | Action=Publish&PhoneNumber=%2B15555550100&Message=hi | sns:Publish | *",
        "sns.us-east-1.amazonaws.com | sns | us-east-1 | Action=CreateTopic&Name=alerts | sns:CreateTopic | arn:aws:sns:us-east-1:111122223333:alerts",
        "sns.us-east-1.amazonaws.com | sns | us-east-1 | Action=Subscribe&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A111122223333%3Aalerts&Protocol=sqs | sns:Subscribe | arn:aws:sns:us-east-1:111122223333:alerts",
        "sns.us-east-1.amazonaws.com | sns | us-east-1 | Action=Unsubscribe&SubscriptionArn=arn%3Aaws%3Asns%3Aus-east-1%3A111122223333%3Aalerts%3A6b0e71bd-7e97-4d97-80ce-4a0994e55286 | sns:Unsubscribe | arn:aws:sns:us-east-1:111122223333:alerts",
        "sns.us-east-1.amazonaws.com | sns | us-east-1 | Action=ListTopics | sns:ListTopics | *",
        "sts.amazonaws.com           | sts | us-east-1 | Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A444455556666%3Arole%2Fdeploy&RoleSessionName=ci&Version=2011-06-15 | sts:AssumeRole | arn:aws:iam::444455556666:role/deploy",
        "sts.eu-west-1.amazonaws.com | sts | eu-west-1 | Action=GetCallerIdentity&Version=2011-06-15 | sts:GetCallerIdentity | *",
        "vpce-0a1b2c3d-e4f5.sts.us-east-1.vpce.amazonaws.com | sts | us-east-1 | Action=GetFederationToken&Name=bob | sts:GetFederationToken | arn:aws:sts::000000000000:federated-user/bob",
    })
    void formBody(String host, String service, String region, String body, String action, String resource) {
        ClassifiedRequest r = classified(classify(form(host, service, region), body));
        assertEquals(service, r.service());
        assertEquals(action, r.action());
        assertEquals(List.of(resource), r.resourceArns());
        assertEquals(region, r.region());
    }

    @Test
    void actionInTheQueryString() {
        ClassifiedRequest r = classified(classify("GET /?Action=GetQueueAttributes&QueueUrl=https%3A%2F%2Fsqs"
                + ".us-east-1.amazonaws.com%2F111122223333%2Forders&AttributeName.1=All HTTP/1.1\n"
                + "Host: sqs.us-east-1.amazonaws.com\n" + sigv4(AKID, "us-east-1", "sqs")));
        assertEquals("sqs:GetQueueAttributes", r.action());
        assertEquals(List.of("arn:aws:sqs:us-east-1:111122223333:orders"), r.resourceArns());
        assertEquals(0, CLASSIFIER.bodyBytesWanted(head("GET /?Action=ListQueues HTTP/1.1\n"
                + "Host: sqs.us-east-1.amazonaws.com\n")));
    }

    @Test
    void legacySqsQueuePathNamesTheQueue() {
        ClassifiedRequest r = classified(classify("POST /111122223333/orders HTTP/1.1\n"
                + "Host: sqs.us-east-1.amazonaws.com\nContent-Type: application/x-www-form-urlencoded\n"
                + sigv4(AKID, "us-east-1", "sqs"), "Action=ReceiveMessage&MaxNumberOfMessages=10"));
        assertEquals(List.of("arn:aws:sqs:us-east-1:111122223333:orders"), r.resourceArns());
    }

    @Test
    void assumeRoleCarriesStsConditionKeys() {
        ClassifiedRequest r = classified(classify(form("sts.amazonaws.com", "sts", "us-east-1"),
                "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A444455556666%3Arole%2Fdeploy&RoleSessionName=ci-42"
                        + "&ExternalId=xyz&Version=2011-06-15"));
        assertEquals(List.of("ci-42"), r.conditionKeys().get("sts:RoleSessionName"));
        assertEquals(List.of("xyz"), r.conditionKeys().get("sts:ExternalId"));
    }

    @Test
    void truncatedFormDropsTheCutParameter() {
        String body = "Action=SendMessage&MessageBody=" + "x".repeat(100)
                + "&QueueUrl=https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F111122223333%2Forders";
        byte[] prefix = java.util.Arrays.copyOf(body.getBytes(), body.length() - 5);
        Unclassifiable u = unclassifiable(CLASSIFIER.classify(head(form("sqs.us-east-1.amazonaws.com", "sqs",
                "us-east-1")), RequestBody.prefix(prefix), Requests.ACCOUNT));
        assertTrue(u.reason().startsWith("SendMessage's QueueUrl is not within the first"), u.reason());
    }

    @Test
    void formBodyIsWanted() {
        String http = form("sns.us-east-1.amazonaws.com", "sns", "us-east-1");
        assertEquals(RequestClassifier.JSON_BODY_BYTES, CLASSIFIER.bodyBytesWanted(head(http)));
        Unclassifiable u = unclassifiable(classify(http));
        assertTrue(u.reason().contains("form body, which was not supplied"), u.reason());
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', value = {
        "nothing.us-east-1.amazonaws.com | nothing | Action=DescribeVpcs          | no Query API model localvpc ships is reached as 'nothing'",
        "sts.amazonaws.com           | sts | Action=TagSession                | STS operation TagSession is not classified",
        "sns.us-east-1.amazonaws.com | sns | Action=Publish&Message=hi        | Publish request has no TopicArn",
        "sqs.us-east-1.amazonaws.com | sqs | Version=2012-11-05               | needs an Action parameter",
    })
    void requestsThatCannotBeClassified(String host, String service, String body, String reason) {
        Unclassifiable u = Requests.unclassifiable(classify(form(host, service, "us-east-1"), body));
        assertTrue(u.reason().contains(reason), u.reason());
        assertEquals(service, u.service());
    }

    @Test
    void unknownHostFallsBackToTheCredentialScope() {
        ClassifiedRequest r = classified(classify(form("localhost:4566", "sqs", "us-east-1"),
                "Action=ListQueues"));
        assertEquals("sqs", r.service());
        Unclassifiable u = unclassifiable(classify("POST / HTTP/1.1\nHost: localhost:4566\n"
                + "Content-Type: application/x-www-form-urlencoded\n", "Action=ListQueues"));
        assertTrue(u.reason().contains("nor a SigV4 credential scope"), u.reason());
    }
}
