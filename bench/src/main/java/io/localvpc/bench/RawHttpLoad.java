package io.localvpc.bench;

import org.HdrHistogram.Histogram;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A minimal HTTP/1.1 load generator: each thread owns one keep-alive socket and sends pre-encoded EC2
 * Query requests back to back, timing each one. It does almost no work per request, so the server, not
 * the client, is what gets measured.
 */
final class RawHttpLoad {
    static String auth(String region) {
        return "AWS4-HMAC-SHA256 Credential=test/20261126/" + region + "/ec2/aws4_request, SignedHeaders=host, Signature=0";
    }

    record Result(int requests, long errors, double seconds, Histogram latencyNanos, String firstError) {
        double perSecond() {
            return requests / seconds;
        }

        double micros(double percentile) {
            return latencyNanos.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private RawHttpLoad() {
    }

    static byte[] request(int port, String form) {
        return request(port, form, "us-east-1");
    }

    static byte[] request(int port, String form, String region) {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
                + "Authorization: " + auth(region) + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** A DynamoDB JSON 1.0 request (signed with a well-formed but unchecked SigV4 header, as neither server under test verifies it). */
    static byte[] dynamoDb(int port, String operation, String json) {
        return dynamoDb("127.0.0.1:" + port, operation, json);
    }

    /** {@link #dynamoDb(int, String, String)} for the given {@code Host} (DynamoDB's own name, through an endpoint). */
    static byte[] dynamoDb(String host, String operation, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: DynamoDB_20120810." + operation + "\r\nX-Amz-Date: 20261126T000000Z\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Sends {@code total} requests (request i built by {@code build}) over {@code connections} sockets. */
    static Result run(int port, int connections, int total, IntFunction<byte[]> build) throws InterruptedException {
        return run(() -> new Socket("127.0.0.1", port), connections, total, build);
    }

    /** Opens one connection of the load (a plain socket, or a TLS one through a proxy). */
    @FunctionalInterface
    interface Connector {
        Socket connect() throws IOException;
    }

    /** {@link #run(int, int, int, IntFunction)} over connections {@code connector} opens. */
    static Result run(Connector connector, int connections, int total, IntFunction<byte[]> build) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            Histogram h = new Histogram(3_600_000_000_000L, 3);
            histograms.add(h);
            Thread t = new Thread(() -> {
                try (Socket s = connector.connect()) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        byte[] req = build.apply(i);
                        long t0 = System.nanoTime();
                        out.write(req);
                        out.flush();
                        Response r = readResponse(in);
                        h.recordValue(System.nanoTime() - t0);
                        if (r.status != 200) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, r.status + " " + r.body);
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram all = new Histogram(3_600_000_000_000L, 3);
        histograms.forEach(all::add);
        return new Result(total, errors.get(), seconds, all, firstError.get());
    }

    record Response(int status, String body) {
    }

    static Response readResponse(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int status = -1;
        int length = 0;
        while (true) {
            line.setLength(0);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) throw new IOException("connection closed by the server");
                if (b != '\r') line.append((char) b);
            }
            if (line.length() == 0) break;
            String l = line.toString();
            if (status < 0) {
                status = Integer.parseInt(l.substring(9, 12));
            } else if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(l.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    /** One request on a fresh connection, for setup steps. */
    static Response call(int port, String form) throws IOException {
        return call(port, form, "us-east-1");
    }

    static Response call(int port, String form, String region) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(request(port, form, region));
            return readResponse(new BufferedInputStream(s.getInputStream()));
        }
    }

    static String xmlValue(String xml, String element) {
        int s = xml.indexOf("<" + element + ">");
        int e = xml.indexOf("</" + element + ">", s);
        if (s < 0 || e < 0) throw new IllegalStateException("no <" + element + "> in " + xml);
        return xml.substring(s + element.length() + 2, e);
    }
}
