package io.localvpc.bench;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * PutItem, GetItem and Query per second against localvpc's DynamoDB (the standalone server, in memory and with
 * SQLite) and against dynalite (npm) when given its cli.js, all in one run on this machine, each server in its own
 * process on 127.0.0.1, driven by the same raw keep-alive HTTP load generator. Prints Markdown rows for BENCHMARKS.md.
 * <p>
 * Usage: DynamoDbBenchmark [dynalite-cli.js] (see bench/dynamodb.sh).
 */
public final class DynamoDbBenchmark {
    private static final int CONNECTIONS = 8;
    private static final int PARTITIONS = 2_000;
    private static final int ITEMS_PER_PARTITION = 10;
    private static final int MEASURED = 40_000;
    private static final int WARMUP = 20_000;
    private static final String TABLE = "Bench";

    private record Target(String name, List<String> command) {
    }

    private record Row(String target, String operation, RawHttpLoad.Result result) {
    }

    private DynamoDbBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String classpath = System.getProperty("java.class.path");
        Path data = Files.createTempDirectory("ddb-bench");
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("localvpc DynamoDB, in memory", List.of("java", "-XX:+UseSerialGC", "-cp", classpath,
                "io.localvpc.dynamodb.server.StandaloneDynamoDbServer", "--in-memory", "--port", "PORT")));
        targets.add(new Target("localvpc DynamoDB, SQLite", List.of("java", "-XX:+UseSerialGC", "-cp", classpath,
                "io.localvpc.dynamodb.server.StandaloneDynamoDbServer", "--data", data.resolve("localvpc").toString(), "--port", "PORT")));
        if (args.length > 0) {
            targets.add(new Target("dynalite 4.0.0, in memory", List.of("node", args[0], "--host", "127.0.0.1", "--port", "PORT", "--createTableMs", "0")));
            targets.add(new Target("dynalite 4.0.0, LevelDB", List.of("node", args[0], "--host", "127.0.0.1", "--port", "PORT", "--createTableMs", "0",
                    "--path", data.resolve("dynalite").toString())));
        }
        List<Row> rows = new ArrayList<>();
        for (Target t : targets) rows.addAll(measure(t));
        System.out.println("| server | operation | requests/s | p50 | p99 | errors |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.0f µs | %.0f µs | %d |%n", r.target(), r.operation(), r.result().perSecond(),
                    r.result().micros(50), r.result().micros(99), r.result().errors());
        }
        System.out.println();
        for (String op : List.of("PutItem", "GetItem", "Query")) {
            double ours = best(rows, op, "localvpc DynamoDB, in memory");
            double theirs = best(rows, op, "dynalite 4.0.0, in memory");
            if (theirs > 0) System.out.printf(Locale.ROOT, "%s in memory: localvpc / dynalite = %.1f×%n", op, ours / theirs);
            double oursDisk = best(rows, op, "localvpc DynamoDB, SQLite");
            double theirsDisk = best(rows, op, "dynalite 4.0.0, LevelDB");
            if (theirsDisk > 0) System.out.printf(Locale.ROOT, "%s on disk: localvpc / dynalite = %.1f×%n", op, oursDisk / theirsDisk);
        }
    }

    private static double best(List<Row> rows, String op, String target) {
        for (Row r : rows) if (r.operation().equals(op) && r.target().equals(target)) return r.result().perSecond();
        return 0;
    }

    private static List<Row> measure(Target t) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        for (String c : t.command()) command.add(c.equals("PORT") ? String.valueOf(port) : c);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        try {
            waitForPort(port);
            call(port, "CreateTable", "{\"TableName\":\"" + TABLE + "\",\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":["
                    + "{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}");
            for (int i = 0; i < 100; i++) {
                if (call(port, "DescribeTable", "{\"TableName\":\"" + TABLE + "\"}").body().contains("\"TableStatus\":\"ACTIVE\"")) break;
                Thread.sleep(50);
            }
            // fill the table (and warm up the server) with PARTITIONS x ITEMS_PER_PARTITION items
            RawHttpLoad.Result fill = RawHttpLoad.run(port, CONNECTIONS, PARTITIONS * ITEMS_PER_PARTITION,
                    i -> RawHttpLoad.dynamoDb(port, "PutItem", put(i / ITEMS_PER_PARTITION, i % ITEMS_PER_PARTITION)));
            if (fill.errors() > 0) throw new IllegalStateException(t.name() + ": filling failed: " + fill.firstError());
            RawHttpLoad.run(port, CONNECTIONS, WARMUP, i -> RawHttpLoad.dynamoDb(port, "GetItem", get()));
            RawHttpLoad.run(port, CONNECTIONS, WARMUP / 4, i -> RawHttpLoad.dynamoDb(port, "Query", query()));
            List<Row> rows = new ArrayList<>();
            rows.add(new Row(t.name(), "PutItem", RawHttpLoad.run(port, CONNECTIONS, MEASURED,
                    i -> RawHttpLoad.dynamoDb(port, "PutItem", put(PARTITIONS + i / ITEMS_PER_PARTITION, i % ITEMS_PER_PARTITION)))));
            rows.add(new Row(t.name(), "GetItem", RawHttpLoad.run(port, CONNECTIONS, MEASURED, i -> RawHttpLoad.dynamoDb(port, "GetItem", get()))));
            rows.add(new Row(t.name(), "Query", RawHttpLoad.run(port, CONNECTIONS, MEASURED / 4, i -> RawHttpLoad.dynamoDb(port, "Query", query()))));
            for (Row r : rows) {
                if (r.result().errors() > 0) System.err.println(t.name() + " " + r.operation() + ": " + r.result().firstError());
            }
            return rows;
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    /** A small item (about 120 bytes), as a typical record. */
    private static String put(int partition, int sort) {
        return "{\"TableName\":\"" + TABLE + "\",\"Item\":{\"pk\":{\"S\":\"user#" + partition + "\"},\"sk\":{\"N\":\"" + sort + "\"},"
                + "\"name\":{\"S\":\"item " + partition + "/" + sort + "\"},\"count\":{\"N\":\"" + (partition * 31 + sort) + "\"},"
                + "\"tags\":{\"SS\":[\"a\",\"b\"]},\"active\":{\"BOOL\":true}}}";
    }

    private static String get() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"user#" + r.nextInt(PARTITIONS) + "\"},\"sk\":{\"N\":\""
                + r.nextInt(ITEMS_PER_PARTITION) + "\"}}}";
    }

    /** One partition's 10 items. */
    private static String query() {
        return "{\"TableName\":\"" + TABLE + "\",\"KeyConditionExpression\":\"pk = :p\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"user#"
                + ThreadLocalRandom.current().nextInt(PARTITIONS) + "\"}}}";
    }

    private static RawHttpLoad.Response call(int port, String operation, String json) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(RawHttpLoad.dynamoDb(port, operation, json));
            return RawHttpLoad.readResponse(new BufferedInputStream(s.getInputStream()));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nothing listens on " + port + " after 30 s");
    }
}
