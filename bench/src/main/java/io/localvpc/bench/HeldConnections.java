package io.localvpc.bench;

import io.localvpc.bench.net.Paths;
import io.localvpc.testkit.LocalVpcExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Concurrent connections held through a whole localvpc ({@code ./localvpc up}, its own process): each one is a
 * SOCKS5 CONNECT from an instance to {@code s3.us-east-1.amazonaws.com:443}, decided by the path engine (S3
 * gateway endpoint), then a TLS handshake with the endpoint's certificate, and then held open. Reports the
 * server's heap after a full GC (jcmd), its RSS and its open file descriptors, before and with the connections.
 * Run: bench/held.sh [connections] ["server JVM options"]
 */
public final class HeldConnections {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private HeldConnections() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        List<String> jvm = args.length > 2 && !args[2].isBlank() ? List.of(args[2].trim().split("\\s+")) : List.of();
        try (LaunchedServer server = LaunchedServer.start(Path.of(args[0]), jvm);
             Ec2Client ec2 = LocalVpcExtension.ec2(URI.create("http://127.0.0.1:" + server.port), "test", Region.US_EAST_1)) {
            String instance = GatewayWorld.s3GatewayInstance(ec2);
            int proxyPort = server.proxyPort();
            SSLContext tls = GatewayWorld.trusting(server.get("/_localvpc/ca.pem"));
            long pid = server.process.pid();
            // one connection first, so the idle reading includes what every connection's path already loaded
            held(proxyPort, instance, tls).close();
            ServerSample idle = ServerSample.of(pid);
            List<Socket> open = new ArrayList<>(n);
            long t0 = System.nanoTime();
            try {
                for (int i = 0; i < n; i++) open.add(held(proxyPort, instance, tls));
                double seconds = (System.nanoTime() - t0) / 1e9;
                ServerSample busy = ServerSample.of(pid);
                System.out.printf(Locale.ROOT, "server JVM options: %s%n", jvm.isEmpty() ? "the launcher's" : String.join(" ", jvm));
                System.out.printf(Locale.ROOT, "%,d connections opened (SOCKS5 + path decision + TLS handshake) in %.1f s, %.0f/s%n",
                        n, seconds, n / seconds);
                System.out.println("| | heap after full GC | RSS | open files in the server |");
                System.out.println("| --- | --- | --- | --- |");
                System.out.printf(Locale.ROOT, "| idle (1 connection opened and closed) | %.1f MiB | %.0f MiB | %d |%n",
                        idle.heapMiB(), idle.rssMiB(), idle.files());
                System.out.printf(Locale.ROOT, "| %,d connections held | %.1f MiB | %.0f MiB | %d |%n",
                        n, busy.heapMiB(), busy.rssMiB(), busy.files());
                System.out.printf(Locale.ROOT, "per connection: %.1f KiB of heap, %.2f open files%n",
                        (busy.heapMiB() - idle.heapMiB()) * 1024 / n, (busy.files() - idle.files()) / (double) n);
            } finally {
                for (Socket s : open) s.close();
            }
        }
    }

    /** One connection through the proxy to S3's regional name, past the TLS handshake with the endpoint. */
    private static Socket held(int proxyPort, String instance, SSLContext tls) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxyPort);
        try {
            Paths.socks5Connect(s, instance, "s3.us-east-1.amazonaws.com", 443);
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, "s3.us-east-1.amazonaws.com", 443, true);
            ssl.startHandshake();
            return ssl;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }
}
