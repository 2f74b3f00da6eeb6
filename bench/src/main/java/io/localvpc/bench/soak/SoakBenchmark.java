package io.localvpc.bench.soak;

import io.localvpc.bench.GatewayWorld;
import io.localvpc.bench.LaunchedServer;
import io.localvpc.bench.ServerSample;
import io.localvpc.testkit.LocalVpcExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A whole {@code ./localvpc up} (its own process, a data directory: SQLite state and S3 objects in files) under
 * steady small S3 traffic through the workload proxy for a while, sampled every so often from outside: open files,
 * threads, RSS and the live heap after a full GC. A server that leaks sockets, threads or memory shows it as a column
 * that keeps growing. Clients, each in its own thread, loop until the time is up:
 * <ul>
 *   <li>two keep-alive clients: the AWS SDK for Java through the HTTP proxy (CONNECT, TLS), PUT and GET of 1 KiB;</li>
 *   <li>two new-connection clients: SOCKS5 to port 80 and one request per connection (clear-text HTTP);</li>
 *   <li>one new-connection TLS client: SOCKS5 to port 443, a TLS handshake and one request per connection, every
 *       other connection closed by the client before it reads the answer.</li>
 * </ul>
 * Run: {@code bench/soak.sh [minutes] [seconds between samples]} (10 and 30 by default).
 */
public final class SoakBenchmark {
    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Path dataDir = Files.createTempDirectory("localvpc-soak");
        try (LaunchedServer server = LaunchedServer.startWithDataDir(Path.of(args[0]), dataDir);
             Ec2Client ec2 = LocalVpcExtension.ec2(URI.create("http://127.0.0.1:" + server.port), "test", Region.US_EAST_1)) {
            String instance = GatewayWorld.s3GatewayInstance(ec2);
            String caPem = server.get("/_localvpc/ca.pem");
            SSLContext tls = GatewayWorld.trusting(caPem);
            int proxyPort = server.proxyPort();
            long pid = server.process.pid();
            SoakClients.createBucket(proxyPort, instance);
            ServerSample start = ServerSample.of(pid);
            AtomicBoolean stop = new AtomicBoolean();
            List<SoakClients.Client> clients = new ArrayList<>();
            for (int i = 0; i < 2; i++) clients.add(SoakClients.keepAlive(i, proxyPort, instance, caPem, stop));
            for (int i = 0; i < 2; i++) clients.add(SoakClients.plainPerRequest(i, proxyPort, instance, stop));
            clients.add(SoakClients.tlsPerRequest(proxyPort, instance, tls, stop));
            clients.forEach(c -> c.thread().start());
            System.out.printf(Locale.ROOT, "soak: %.1f min, a sample every %d s, server pid %d, data in %s%n", minutes, every, pid, dataDir);
            System.out.println("| elapsed | requests ok | failed | open files | threads | RSS | live heap after full GC |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
            print("0 s", 0, 0, start);
            long t0 = System.nanoTime();
            long end = t0 + (long) (minutes * 60e9);
            ServerSample first = null;
            ServerSample last = start;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(TimeUnit.SECONDS.toMillis(every), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                last = ServerSample.of(pid);
                if (first == null) first = last; // under load, past the warm-up of the first requests
                print(Math.round((System.nanoTime() - t0) / 1e9) + " s", SoakClients.ok(clients), SoakClients.failed(clients), last);
            }
            stop.set(true);
            for (SoakClients.Client c : clients) c.thread().join(30_000);
            Thread.sleep(2_000); // connections the clients closed last are closed on the server too
            ServerSample after = ServerSample.of(pid);
            print("clients stopped", SoakClients.ok(clients), SoakClients.failed(clients), after);
            if (first == null) first = last;
            System.out.printf(Locale.ROOT, "from the first sample under load to the last: open files %+d, threads %+d, RSS %+.0f MiB,"
                            + " live heap %+.1f MiB; %d requests (%.0f/s), %d failed%n",
                    last.files() - first.files(), last.threads() - first.threads(), last.rssMiB() - first.rssMiB(),
                    last.heapMiB() - first.heapMiB(), SoakClients.ok(clients), SoakClients.ok(clients) / (minutes * 60), SoakClients.failed(clients));
            SoakClients.firstFailures(clients).forEach(f -> System.out.println("failure: " + f));
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void print(String elapsed, long ok, long failed, ServerSample s) {
        System.out.printf(Locale.ROOT, "| %s | %,d | %d | %d | %d | %.0f MiB | %.1f MiB |%n", elapsed, ok, failed, s.files(), s.threads(),
                s.rssMiB(), s.heapMiB());
    }
}
