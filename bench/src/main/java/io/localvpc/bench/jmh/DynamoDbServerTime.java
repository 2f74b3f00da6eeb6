package io.localvpc.bench.jmh;

import io.localvpc.dynamodb.DynamoDb;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.wire.DynamoDbHandler;
import io.localvpc.dynamodb.wire.DynamoDbResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Server time of DynamoDB calls without sockets: the JSON 1.0 handler answering PutItem, GetItem and Query (a
 * partition of 10 items) end to end (bytes in, checks, the in-memory engine, bytes out), over 20,000 items.
 * Run: bench/jmh.sh DynamoDbServerTime
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DynamoDbServerTime {
    private static final int PARTITIONS = 2_000;
    private static final DynamoDbScope SCOPE = new DynamoDbScope("000000000000", "us-east-1");
    private DynamoDb dynamoDb;
    private DynamoDbHandler handler;
    private int next;

    @Setup
    public void setUp() {
        dynamoDb = DynamoDb.inMemory(Clock.systemUTC(), Duration.ofHours(1));
        handler = dynamoDb.handler();
        call("CreateTable", "{\"TableName\":\"Bench\",\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
                + "\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}");
        for (int i = 0; i < PARTITIONS * 10; i++) put(i / 10, i % 10);
    }

    @TearDown
    public void tearDown() {
        dynamoDb.close();
    }

    private DynamoDbResponse call(String op, String json) {
        DynamoDbResponse r = handler.handle("POST", "/", Map.of("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "DynamoDB_20120810." + op,
                "X-Amz-Date", "20261126T000000Z", "Authorization",
                "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0"),
                json.getBytes(StandardCharsets.UTF_8), SCOPE);
        if (r.status() != 200) throw new IllegalStateException(op + " answered " + r.status() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return r;
    }

    private DynamoDbResponse put(int partition, int sort) {
        return call("PutItem", "{\"TableName\":\"Bench\",\"Item\":{\"pk\":{\"S\":\"user#" + partition + "\"},\"sk\":{\"N\":\"" + sort + "\"},"
                + "\"name\":{\"S\":\"item " + partition + "/" + sort + "\"},\"count\":{\"N\":\"" + (partition * 31 + sort) + "\"},"
                + "\"tags\":{\"SS\":[\"a\",\"b\"]},\"active\":{\"BOOL\":true}}}");
    }

    @Benchmark
    public DynamoDbResponse putItem() {
        int i = next++;
        return put(PARTITIONS + i / 10, i % 10);
    }

    @Benchmark
    public DynamoDbResponse getItem() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return call("GetItem", "{\"TableName\":\"Bench\",\"Key\":{\"pk\":{\"S\":\"user#" + r.nextInt(PARTITIONS) + "\"},\"sk\":{\"N\":\"" + r.nextInt(10) + "\"}}}");
    }

    @Benchmark
    public DynamoDbResponse query() {
        return call("Query", "{\"TableName\":\"Bench\",\"KeyConditionExpression\":\"pk = :p\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"user#"
                + ThreadLocalRandom.current().nextInt(PARTITIONS) + "\"}}}");
    }
}
