package io.localvpc.dynamodb.sdk;

import io.localvpc.dynamodb.DynamoDb;
import io.localvpc.dynamodb.server.StandaloneDynamoDbServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A DynamoDb behind the standalone server on an ephemeral loopback port, with an SDK client pointed at it; closes both. */
final class TestDynamoDb implements AutoCloseable {
    final DynamoDb dynamoDb;
    final StandaloneDynamoDbServer server;
    final DynamoDbClient client;

    private TestDynamoDb(DynamoDb dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.server = StandaloneDynamoDbServer.start(dynamoDb, 0);
        this.client = client(server.port(), "AKIDEXAMPLE");
    }

    static TestDynamoDb inMemory() {
        return new TestDynamoDb(DynamoDb.inMemory(Clock.systemUTC(), Duration.ofHours(1)));
    }

    static TestDynamoDb inMemory(Clock clock) {
        return new TestDynamoDb(DynamoDb.inMemory(clock, Duration.ofHours(1)));
    }

    static TestDynamoDb durable(Path directory) {
        return new TestDynamoDb(DynamoDb.durable(directory, false, Clock.systemUTC(), Duration.ofHours(1)));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    static DynamoDbClient client(int port, String accessKey) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        client.close();
        server.close();
        dynamoDb.close();
    }
}
