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
 * PutItem, GetItem and Query per second against localvpc's DynamoDB through a gateway endpoint (localvpc itself, in its
 * own JVM: the workload proxy as an HTTP proxy, TLS with localvpc's CA, the path engine, the endpoint policy, then the
 * DynamoDB served in process), directly (the same engine behind its standalone server, in memory and with SQLite) and
 * against dynalite (npm) when given its cli.js, all in one run on this machine, each server in its own process on
 * 127.0.0.1, driven by the same raw keep-alive HTTP load generator. Besides requests per second (which
 * depend on what else the machine runs), it reports each server's own CPU time per request, read from /proc, which
 * says how much work each server does regardless of contention. Prints Markdown rows for BENCHMARKS.md.
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

    /** A server being measured: its process (for its CPU time), how to reach it and the Host its requests name. */
    private record Running(long pid, RawHttpLoad.Connector connector, String host) {
    }

    /** The command that starts localvpc itself ({@code up}, in memory, on free ports): its DynamoDB is reached through an endpoint. */
    static final String THROUGH_ENDPOINT = "THROUGH_ENDPOINT";
    private static final String THROUGH = "localvpc, through the gateway endpoint (TLS, proxy, policy)";
    private static final String CEILING = "a fixed answer to every request (Netty, the harness's ceiling)";

    /** One measurement, with the server process's CPU time (user + system) spent on it, in microseconds per request. */
    private record Row(String target, String operation, RawHttpLoad.Result result, double serverCpuMicros) {
    }

    private DynamoDbBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String classpath = System.getProperty("java.class.path");
        Path data = Files.createTempDirectory("ddb-bench");
        List<Target> targets = new ArrayList<>();
        targets.add(new Target(THROUGH, List.of(THROUGH_ENDPOINT, "java", "-XX:+UseSerialGC",
                "-cp", classpath, "io.localvpc.server.cli.Main", "up", "--in-memory", "--port", "0")));
        targets.add(new Target("localvpc DynamoDB, in memory", List.of("java", "-XX:+UseSerialGC", "-cp", classpath,
                "io.localvpc.dynamodb.server.StandaloneDynamoDbServer", "--in-memory", "--port", "PORT")));
        targets.add(new Target("localvpc DynamoDB, SQLite", List.of("java", "-XX:+UseSerialGC", "-cp", classpath,
                "io.localvpc.dynamodb.server.StandaloneDynamoDbServer", "--data", data.resolve("localvpc").toString(), "--port", "PORT")));
        // what no server can beat through this harness on this machine: a fixed answer to every request
        targets.add(new Target(CEILING, List.of("java", "-XX:+UseSerialGC", "-cp", classpath, FixedAnswerHttpServer.class.getName(), "PORT")));
        if (args.length > 0) {
            targets.add(new Target("dynalite 4.0.0, in memory", List.of("node", args[0], "--host", "127.0.0.1", "--port", "PORT", "--createTableMs", "0")));
            targets.add(new Target("dynalite 4.0.0, LevelDB", List.of("node", args[0], "--host", "127.0.0.1", "--port", "PORT", "--createTableMs", "0",
                    "--path", data.resolve("dynalite").toString())));
        }
        List<Row> rows = new ArrayList<>();
        System.out.println("| server | operation | requests/s | p50 | p99 | server CPU per request | errors |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (Target t : targets) {
            List<Row> measured = measure(t);
            rows.addAll(measured);
            for (Row r : measured) { // printed as each server is done, so a server that hangs later loses nothing
                System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.0f µs | %.0f µs | %.0f µs | %d |%n", r.target(), r.operation(),
                        r.result().perSecond(), r.result().micros(50), r.result().micros(99), r.serverCpuMicros(), r.result().errors());
            }
            System.out.flush();
        }
        System.out.println();
        for (String op : List.of("PutItem", "GetItem", "Query")) {
            ratio(rows, op, "through the endpoint", THROUGH, "dynalite 4.0.0, in memory");
            ratio(rows, op, "in memory", "localvpc DynamoDB, in memory", "dynalite 4.0.0, in memory");
            ratio(rows, op, "on disk", "localvpc DynamoDB, SQLite", "dynalite 4.0.0, LevelDB");
            ratio(rows, op, "harness ceiling", CEILING, "dynalite 4.0.0, in memory");
        }
    }

    private static void ratio(List<Row> rows, String op, String label, String ours, String theirs) {
        Row a = find(rows, op, ours);
        Row b = find(rows, op, theirs);
        if (a == null || b == null) return;
        System.out.printf(Locale.ROOT, "%s %s: %s / %s = %.1f× requests per second, %.1f× less server CPU per request%n", op, label,
                ours, theirs, a.result().perSecond() / b.result().perSecond(), b.serverCpuMicros() / a.serverCpuMicros());
    }

    private static Row find(List<Row> rows, String op, String target) {
        for (Row r : rows) if (r.operation().equals(op) && r.target().equals(target)) return r;
        return null;
    }

    /** User plus system CPU time of a process so far, in microseconds (from /proc, in clock ticks of 10 ms). */
    private static long cpuMicros(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000L;
    }

    private static Row timed(String target, String operation, long pid, int total, java.util.function.IntFunction<byte[]> build,
                             RawHttpLoad.Connector port)
            throws Exception {
        long before = cpuMicros(pid);
        RawHttpLoad.Result r = RawHttpLoad.run(port, CONNECTIONS, total, build);
        return new Row(target, operation, r, (cpuMicros(pid) - before) / (double) total);
    }

    private static List<Row> measure(Target t) throws Exception {
        if (t.command().get(0).equals(THROUGH_ENDPOINT)) {
            try (DynamoDbEndpointTarget endpoint = DynamoDbEndpointTarget.start(t.command().subList(1, t.command().size()))) {
                return measure(t, new Running(endpoint.pid(), endpoint::connect, DynamoDbEndpointTarget.HOST));
            }
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        for (String c : t.command()) command.add(c.equals("PORT") ? String.valueOf(port) : c);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        try {
            waitForPort(port);
            return measure(t, new Running(p.pid(), () -> {
                Socket s = new Socket("127.0.0.1", port);
                s.setSoTimeout(30_000); // a server that stops answering fails the run rather than stalling it
                return s;
            }, "127.0.0.1:" + port));
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private static List<Row> measure(Target t, Running server) throws Exception {
        RawHttpLoad.Connector port = server.connector();
        String host = server.host();
        {
            call(port, host, "CreateTable", "{\"TableName\":\"" + TABLE + "\",\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":["
                    + "{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}");
            for (int i = 0; i < 100; i++) {
                if (call(port, host, "DescribeTable", "{\"TableName\":\"" + TABLE + "\"}").body().contains("\"TableStatus\":\"ACTIVE\"")) break;
                Thread.sleep(50);
            }
            // fill the table (and warm up the server) with PARTITIONS x ITEMS_PER_PARTITION items
            RawHttpLoad.Result fill = RawHttpLoad.run(port, CONNECTIONS, PARTITIONS * ITEMS_PER_PARTITION,
                    i -> RawHttpLoad.dynamoDb(host, "PutItem", put(i / ITEMS_PER_PARTITION, i % ITEMS_PER_PARTITION)));
            if (fill.errors() > 0) throw new IllegalStateException(t.name() + ": filling failed: " + fill.firstError());
            RawHttpLoad.run(port, CONNECTIONS, WARMUP, i -> RawHttpLoad.dynamoDb(host, "GetItem", get()));
            RawHttpLoad.run(port, CONNECTIONS, WARMUP / 4, i -> RawHttpLoad.dynamoDb(host, "Query", query()));
            List<Row> rows = new ArrayList<>();
            long pid = server.pid();
            rows.add(timed(t.name(), "PutItem", pid, MEASURED,
                    i -> RawHttpLoad.dynamoDb(host, "PutItem", put(PARTITIONS + i / ITEMS_PER_PARTITION, i % ITEMS_PER_PARTITION)), port));
            rows.add(timed(t.name(), "GetItem", pid, MEASURED, i -> RawHttpLoad.dynamoDb(host, "GetItem", get()), port));
            rows.add(timed(t.name(), "Query", pid, MEASURED / 4, i -> RawHttpLoad.dynamoDb(host, "Query", query()), port));
            for (Row r : rows) {
                if (r.result().errors() > 0) System.err.println(t.name() + " " + r.operation() + ": " + r.result().firstError());
            }
            return rows;
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

    private static RawHttpLoad.Response call(RawHttpLoad.Connector port, String host, String operation, String json) throws IOException {
        try (Socket s = port.connect()) {
            s.getOutputStream().write(RawHttpLoad.dynamoDb(host, operation, json));
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
