package io.localvpc.bench.soak;

import io.localvpc.bench.GatewayWorld;
import io.localvpc.bench.net.Paths;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The soak's clients: each a thread that sends small S3 requests through the workload proxy until told to stop. */
final class SoakClients {
    static final String S3 = "s3.us-east-1.amazonaws.com";
    static final String BUCKET = "soak";
    private static final String SIGNED = "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261206/us-east-1/s3/aws4_request,"
            + " SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000\r\n";
    private static final byte[] OBJECT = new byte[1024];

    /** One client: its thread and what it counted. */
    record Client(Thread thread, AtomicLong ok, AtomicLong failed, List<String> failures) {
        void count(boolean success, String what) {
            if (success) {
                ok.incrementAndGet();
                return;
            }
            failed.incrementAndGet();
            if (failures.size() < 3) failures.add(thread.getName() + ": " + what);
        }
    }

    private SoakClients() {
    }

    interface Step {
        boolean run(long i) throws Exception;
    }

    private static Client client(String name, AtomicBoolean stop, Step step) {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Client[] self = new Client[1];
        Thread t = new Thread(() -> {
            for (long i = 0; !stop.get(); i++) {
                try {
                    self[0].count(step.run(i), "an answer other than 200");
                } catch (Exception e) {
                    self[0].count(false, e.toString());
                }
            }
        }, name);
        t.setDaemon(true);
        self[0] = new Client(t, ok, failed, failures);
        return self[0];
    }

    /** The AWS SDK through the HTTP proxy (CONNECT, TLS), one kept-alive connection: PUT and GET of 1 KiB in turn. */
    static Client keepAlive(int n, int proxyPort, String instance, String caPem, AtomicBoolean stop) throws Exception {
        S3Client s3 = GatewayWorld.s3ThroughProxy(proxyPort, instance, caPem);
        return client("keep-alive-" + n, stop, i -> {
            String key = "ka-" + n + "/" + (i % 50);
            if (i % 2 == 0) {
                s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(OBJECT));
            } else {
                s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("ka-" + n + "/" + ((i - 1) % 50)));
            }
            return true;
        });
    }

    /** SOCKS5 to port 80, one clear-text request per connection (PUT and GET in turn), closed after the answer. */
    static Client plainPerRequest(int n, int proxyPort, String instance, AtomicBoolean stop) {
        return client("new-connection-" + n, stop, i -> {
            String key = "/" + BUCKET + "/nc-" + n + "/" + (i / 2 % 50);
            String request = i % 2 == 0
                    ? "PUT " + key + " HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: " + OBJECT.length + "\r\nConnection: close\r\n" + SIGNED + "\r\n"
                    : "GET " + key + " HTTP/1.1\r\nHost: " + S3 + "\r\nConnection: close\r\n" + SIGNED + "\r\n";
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxyPort)) {
                s.setSoTimeout(30_000);
                Paths.socks5Connect(s, instance, S3, 80);
                s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                if (i % 2 == 0) s.getOutputStream().write(OBJECT);
                return readAll(s.getInputStream()).startsWith("HTTP/1.1 200");
            }
        });
    }

    /** SOCKS5 to port 443, a TLS handshake and one GET per connection; every other time the client leaves first. */
    static Client tlsPerRequest(int proxyPort, String instance, SSLContext tls, AtomicBoolean stop) {
        return client("new-tls-connection", stop, i -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxyPort)) {
                s.setSoTimeout(30_000);
                Paths.socks5Connect(s, instance, S3, 443);
                try (SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, S3, 443, true)) {
                    ssl.getOutputStream().write(("GET /" + BUCKET + "/ka-0/0 HTTP/1.1\r\nHost: " + S3 + "\r\nConnection: close\r\n" + SIGNED + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    ssl.getOutputStream().flush();
                    if (i % 2 == 1) return true; // gone before the answer: the server must still close its side
                    String answer = readAll(ssl.getInputStream());
                    return answer.startsWith("HTTP/1.1 200") || answer.startsWith("HTTP/1.1 404");
                }
            }
        });
    }

    /** The bucket every client writes to, made through the proxy like the rest. */
    static void createBucket(int proxyPort, String instance) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxyPort)) {
            s.setSoTimeout(30_000);
            Paths.socks5Connect(s, instance, S3, 80);
            s.getOutputStream().write(("PUT /" + BUCKET + " HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: 0\r\nConnection: close\r\n" + SIGNED + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readAll(s.getInputStream());
            if (!answer.startsWith("HTTP/1.1 200")) throw new IOException("CreateBucket failed: " + answer);
        }
    }

    static long ok(List<Client> clients) {
        return clients.stream().mapToLong(c -> c.ok().get()).sum();
    }

    static long failed(List<Client> clients) {
        return clients.stream().mapToLong(c -> c.failed().get()).sum();
    }

    static List<String> firstFailures(List<Client> clients) {
        return clients.stream().flatMap(c -> c.failures().stream()).toList();
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
