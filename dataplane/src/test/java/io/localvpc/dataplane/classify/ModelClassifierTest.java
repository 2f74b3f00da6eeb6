package io.localvpc.dataplane.classify;

import static io.localvpc.dataplane.classify.Requests.AKID;
import static io.localvpc.dataplane.classify.Requests.classified;
import static io.localvpc.dataplane.classify.Requests.classify;
import static io.localvpc.dataplane.classify.Requests.sigv4;
import static io.localvpc.dataplane.classify.Requests.unclassifiable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Services classified from the SDK models localvpc ships. The expected actions and resource ARNs are typed in from the
 * AWS Service Authorization Reference ("Actions, resources, and condition keys for …": the action's name and the ARN
 * format of the resource type it lists), not computed from the models.
 */
class ModelClassifierTest {
    private static final String A = "111122223333";

    private static String json(String host, String signingName, String target) {
        return "POST / HTTP/1.1\nHost: " + host + "\nContent-Type: application/x-amz-json-1.1\nX-Amz-Target: " + target + "\n"
                + sigv4(AKID, "us-east-1", signingName) + "\n";
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        // KMS: key ARN from a key id, alias ARN from an alias name; ListKeys has no resource
        "kms.us-east-1.amazonaws.com            | kms            | TrentService.Decrypt            | {\"CiphertextBlob\":\"AA==\",\"KeyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\"} | kms:Decrypt | arn:aws:kms:us-east-1:" + A + ":key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "kms.us-east-1.amazonaws.com            | kms            | TrentService.Encrypt            | {\"KeyId\":\"arn:aws:kms:us-east-1:444455556666:key/k1\",\"Plaintext\":\"AA==\"} | kms:Encrypt | arn:aws:kms:us-east-1:444455556666:key/k1",
        "kms.us-east-1.amazonaws.com            | kms            | TrentService.CreateAlias        | {\"AliasName\":\"alias/app\",\"TargetKeyId\":\"k2\"}                       | kms:CreateAlias | arn:aws:kms:us-east-1:" + A + ":alias/app,arn:aws:kms:us-east-1:" + A + ":key/k2",
        "kms.us-east-1.amazonaws.com            | kms            | TrentService.ListKeys           | {}                                                                       | kms:ListKeys | *",
        // Secrets Manager: secret ARN from a name
        "secretsmanager.us-east-1.amazonaws.com | secretsmanager | secretsmanager.GetSecretValue   | {\"SecretId\":\"prod/db\"}                                                 | secretsmanager:GetSecretValue | arn:aws:secretsmanager:us-east-1:" + A + ":secret:prod/db",
        "secretsmanager.us-east-1.amazonaws.com | secretsmanager | secretsmanager.ListSecrets      | {}                                                                       | secretsmanager:ListSecrets | *",
        // SSM: parameter ARNs (one slash after "parameter" whether or not the name starts with one), documents
        "ssm.us-east-1.amazonaws.com            | ssm            | AmazonSSM.GetParameter          | {\"Name\":\"/app/db/password\",\"WithDecryption\":true}                    | ssm:GetParameter | arn:aws:ssm:us-east-1:" + A + ":parameter/app/db/password",
        "ssm.us-east-1.amazonaws.com            | ssm            | AmazonSSM.GetParameters         | {\"Names\":[\"a\",\"/b/c\"]}                                               | ssm:GetParameters | arn:aws:ssm:us-east-1:" + A + ":parameter/a,arn:aws:ssm:us-east-1:" + A + ":parameter/b/c",
        "ssm.us-east-1.amazonaws.com            | ssm            | AmazonSSM.GetDocument           | {\"Name\":\"MyRunbook\"}                                                   | ssm:GetDocument | arn:aws:ssm:us-east-1:" + A + ":document/MyRunbook",
        // CloudWatch Logs: log group, log stream
        "logs.us-east-1.amazonaws.com           | logs           | Logs_20140328.CreateLogGroup    | {\"logGroupName\":\"/ecs/web\"}                                            | logs:CreateLogGroup | arn:aws:logs:us-east-1:" + A + ":log-group:/ecs/web",
        "logs.us-east-1.amazonaws.com           | logs           | Logs_20140328.PutLogEvents      | {\"logGroupName\":\"/ecs/web\",\"logStreamName\":\"task-1\",\"logEvents\":[]} | logs:PutLogEvents | arn:aws:logs:us-east-1:" + A + ":log-group:/ecs/web:log-stream:task-1",
        "logs.us-east-1.amazonaws.com           | logs           | Logs_20140328.DescribeLogGroups | {}                                                                       | logs:DescribeLogGroups | *",
        // ECR: repository (in the registry named, else the account's); GetAuthorizationToken has no resource
        "api.ecr.us-east-1.amazonaws.com        | ecr            | AmazonEC2ContainerRegistry_V20150921.BatchGetImage | {\"repositoryName\":\"web\",\"imageIds\":[]}        | ecr:BatchGetImage | arn:aws:ecr:us-east-1:" + A + ":repository/web",
        "api.ecr.us-east-1.amazonaws.com        | ecr            | AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken | {}                                         | ecr:GetAuthorizationToken | *",
        // Kinesis, Firehose
        "kinesis.us-east-1.amazonaws.com        | kinesis        | Kinesis_20131202.PutRecord      | {\"StreamName\":\"clicks\",\"Data\":\"AA==\",\"PartitionKey\":\"p\"}        | kinesis:PutRecord | arn:aws:kinesis:us-east-1:" + A + ":stream/clicks",
        "firehose.us-east-1.amazonaws.com       | firehose       | Firehose_20150804.PutRecord     | {\"DeliveryStreamName\":\"to-s3\",\"Record\":{\"Data\":\"AA==\"}}           | firehose:PutRecord | arn:aws:firehose:us-east-1:" + A + ":deliverystream/to-s3",
        // EventBridge: rules (on a custom bus: rule/<bus>/<name>), PutEvents on each entry's bus
        "events.us-east-1.amazonaws.com         | events         | AWSEvents.PutRule               | {\"Name\":\"nightly\",\"ScheduleExpression\":\"rate(1 day)\"}              | events:PutRule | arn:aws:events:us-east-1:" + A + ":rule/nightly",
        "events.us-east-1.amazonaws.com         | events         | AWSEvents.PutTargets            | {\"Rule\":\"nightly\",\"EventBusName\":\"orders\",\"Targets\":[]}          | events:PutTargets | arn:aws:events:us-east-1:" + A + ":rule/orders/nightly",
        "events.us-east-1.amazonaws.com         | events         | AWSEvents.PutEvents             | {\"Entries\":[{\"Source\":\"app\"},{\"EventBusName\":\"orders\"}]}         | events:PutEvents | arn:aws:events:us-east-1:" + A + ":event-bus/default,arn:aws:events:us-east-1:" + A + ":event-bus/orders",
        // Step Functions: the IAM prefix is states
        "states.us-east-1.amazonaws.com         | states         | AWSStepFunctions.StartExecution | {\"stateMachineArn\":\"arn:aws:states:us-east-1:" + A + ":stateMachine:flow\"} | states:StartExecution | arn:aws:states:us-east-1:" + A + ":stateMachine:flow",
        "states.us-east-1.amazonaws.com         | states         | AWSStepFunctions.CreateStateMachine | {\"name\":\"flow\",\"definition\":\"{}\",\"roleArn\":\"arn:aws:iam::" + A + ":role/r\"} | states:CreateStateMachine | arn:aws:states:us-east-1:" + A + ":stateMachine:flow",
        // a service with no resource spelling: its action, on *
        "ecs.us-east-1.amazonaws.com            | ecs            | AmazonEC2ContainerServiceV20141113.ListClusters | {}                                                        | ecs:ListClusters | *",
    })
    void jsonProtocol(String host, String signing, String target, String body, String action, String resources) {
        ClassifiedRequest r = classified(classify(json(host, signing, target), body));
        assertEquals(action, r.action());
        assertEquals(Arrays.asList(resources.split(",")), r.resourceArns());
    }

    @Test
    void conditionKeysFromTheRequest() {
        ClassifiedRequest kms = classified(classify(json("kms.us-east-1.amazonaws.com", "kms", "TrentService.Encrypt"),
                "{\"KeyId\":\"k1\",\"Plaintext\":\"AA==\",\"EncryptionAlgorithm\":\"RSAES_OAEP_SHA_256\",\"EncryptionContext\":{\"app\":\"web\"}}"));
        assertEquals(List.of("RSAES_OAEP_SHA_256"), kms.conditionKeys().get("kms:EncryptionAlgorithm"));
        assertEquals(List.of("web"), kms.conditionKeys().get("kms:EncryptionContext:app"));
        assertEquals(List.of("app"), kms.conditionKeys().get("kms:EncryptionContextKeys"));
        ClassifiedRequest secret = classified(classify(json("secretsmanager.us-east-1.amazonaws.com", "secretsmanager",
                "secretsmanager.GetSecretValue"), "{\"SecretId\":\"app/db\",\"VersionStage\":\"AWSPREVIOUS\"}"));
        assertEquals(List.of("app/db"), secret.conditionKeys().get("secretsmanager:SecretId"));
        assertEquals(List.of("AWSPREVIOUS"), secret.conditionKeys().get("secretsmanager:VersionStage"));
        ClassifiedRequest events = classified(classify(json("events.us-east-1.amazonaws.com", "events", "AWSEvents.PutEvents"),
                "{\"Entries\":[{\"Source\":\"app.orders\",\"DetailType\":\"OrderPlaced\"}]}"));
        assertEquals(List.of("app.orders"), events.conditionKeys().get("events:source"));
        assertEquals(List.of("OrderPlaced"), events.conditionKeys().get("events:detail-type"));
    }

    @Test
    void theResourceBeyondTheBodyBytesIsUnclassifiable() {
        Unclassifiable u = unclassifiable(classify(json("kms.us-east-1.amazonaws.com", "kms", "TrentService.Decrypt")));
        assertEquals("kms", u.service());
        assertTrue(u.reason().contains("KeyId"), u.reason());
    }

    @Test
    void queryProtocolElasticLoadBalancingAndCloudWatch() {
        String elb = "POST / HTTP/1.1\nHost: elasticloadbalancing.us-east-1.amazonaws.com\nContent-Type: application/x-www-form-urlencoded\n"
                + sigv4(AKID, "us-east-1", "elasticloadbalancing") + "\n";
        String lb = "arn:aws:elasticloadbalancing:us-east-1:" + A + ":loadbalancer/net/web/50dc6c495c0c9188";
        ClassifiedRequest r = classified(classify(elb, "Action=DeleteLoadBalancer&Version=2015-12-01&LoadBalancerArn=" + lb));
        assertEquals("elasticloadbalancing:DeleteLoadBalancer", r.action());
        assertEquals(List.of(lb), r.resourceArns());
        ClassifiedRequest tags = classified(classify(elb, "Action=AddTags&Version=2015-12-01&ResourceArns.member.1=" + lb
                + "&Tags.member.1.Key=team&Tags.member.1.Value=web"));
        assertEquals(List.of(lb), tags.resourceArns());

        // CloudWatch signs as "monitoring"; its IAM prefix is cloudwatch
        String cw = "POST / HTTP/1.1\nHost: monitoring.us-east-1.amazonaws.com\nContent-Type: application/x-www-form-urlencoded\n"
                + sigv4(AKID, "us-east-1", "monitoring") + "\n";
        ClassifiedRequest alarms = classified(classify(cw, "Action=DeleteAlarms&Version=2010-08-01&AlarmNames.member.1=cpu&AlarmNames.member.2=disk"));
        assertEquals("cloudwatch:DeleteAlarms", alarms.action());
        assertEquals(List.of("arn:aws:cloudwatch:us-east-1:" + A + ":alarm:cpu", "arn:aws:cloudwatch:us-east-1:" + A + ":alarm:disk"), alarms.resourceArns());
        assertEquals(List.of("*"), classified(classify(cw, "Action=PutMetricData&Version=2010-08-01&Namespace=App")).resourceArns());
    }

    @Test
    void restJsonLambdaWithTheActionsIamRenames() {
        String invoke = "POST /2015-03-31/functions/resize/invocations HTTP/1.1\nHost: lambda.us-east-1.amazonaws.com\n"
                + sigv4(AKID, "us-east-1", "lambda") + "\n";
        ClassifiedRequest r = classified(classify(invoke));
        assertEquals("Invoke", r.operation());
        assertEquals("lambda:InvokeFunction", r.action()); // the Invoke operation is authorized as lambda:InvokeFunction
        assertEquals(List.of("arn:aws:lambda:us-east-1:" + A + ":function:resize"), r.resourceArns());
        ClassifiedRequest get = classified(classify("GET /2015-03-31/functions/resize:prod HTTP/1.1\nHost: lambda.us-east-1.amazonaws.com\n"
                + sigv4(AKID, "us-east-1", "lambda") + "\n"));
        assertEquals("lambda:GetFunction", get.action());
        assertEquals(List.of("arn:aws:lambda:us-east-1:" + A + ":function:resize:prod"), get.resourceArns());
        ClassifiedRequest list = classified(classify("GET /2015-03-31/functions/ HTTP/1.1\nHost: lambda.us-east-1.amazonaws.com\n"
                + sigv4(AKID, "us-east-1", "lambda") + "\n"));
        assertEquals("lambda:ListFunctions", list.action());
        assertEquals(List.of("*"), list.resourceArns());
        ClassifiedRequest create = classified(classify("POST /2015-03-31/functions HTTP/1.1\nHost: lambda.us-east-1.amazonaws.com\n"
                + "Content-Type: application/json\n" + sigv4(AKID, "us-east-1", "lambda") + "\n", "{\"FunctionName\":\"thumb\",\"Tags\":{\"team\":\"media\"}}"));
        assertEquals("lambda:CreateFunction", create.action());
        assertEquals(List.of("arn:aws:lambda:us-east-1:" + A + ":function:thumb"), create.resourceArns());
        assertEquals(List.of("media"), create.conditionKeys().get("aws:RequestTag/team"));
        assertEquals(List.of("team"), create.conditionKeys().get("aws:TagKeys"));
    }

    @Test
    void apiGatewayCallsAndManagement() {
        ClassifiedRequest invoke = classified(classify("GET /prod/pets/7 HTTP/1.1\nHost: a1b2c3d4e5.execute-api.us-east-1.amazonaws.com\n"
                + sigv4(AKID, "us-east-1", "execute-api") + "\n"));
        assertEquals("execute-api:Invoke", invoke.action());
        assertEquals(List.of("arn:aws:execute-api:us-east-1:" + A + ":a1b2c3d4e5/prod/GET/pets/7"), invoke.resourceArns());
        ClassifiedRequest manage = classified(classify("GET /restapis/a1b2c3d4e5/stages HTTP/1.1\nHost: apigateway.us-east-1.amazonaws.com\n"
                + sigv4(AKID, "us-east-1", "apigateway") + "\n"));
        assertEquals("apigateway:GET", manage.action());
        assertEquals(List.of("arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages"), manage.resourceArns());
    }

    @Test
    void aRestPathNoOperationHasIsUnclassifiable() {
        Unclassifiable u = unclassifiable(classify("GET /2015-03-31/nothing-here HTTP/1.1\nHost: lambda.us-east-1.amazonaws.com\n"
                + sigv4(AKID, "us-east-1", "lambda") + "\n"));
        assertTrue(u.reason().contains("matches no operation"), u.reason());
    }
}
