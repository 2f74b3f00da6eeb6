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
            String instance = s3GatewayLayout(ec2);
            int proxyPort = server.proxyPort();
            SSLContext tls = trusting(server.get("/_localvpc/ca.pem"));
            long pid = server.process.pid();
            // one connection first, so the idle reading includes what every connection's path already loaded
            held(proxyPort, instance, tls).close();
            Reading idle = Reading.of(pid);
            List<Socket> open = new ArrayList<>(n);
            long t0 = System.nanoTime();
            try {
                for (int i = 0; i < n; i++) open.add(held(proxyPort, instance, tls));
                double seconds = (System.nanoTime() - t0) / 1e9;
                Reading busy = Reading.of(pid);
                System.out.printf(Locale.ROOT, "server JVM options: %s%n", jvm.isEmpty() ? "the launcher's" : String.join(" ", jvm));
                System.out.printf(Locale.ROOT, "%,d connections opened (SOCKS5 + path decision + TLS handshake) in %.1f s, %.0f/s%n",
                        n, seconds, n / seconds);
                System.out.println("| | heap after full GC | RSS | open files in the server |");
                System.out.println("| --- | --- | --- | --- |");
                System.out.printf(Locale.ROOT, "| idle (1 connection opened and closed) | %.1f MiB | %.0f MiB | %d |%n",
                        idle.heapMiB, idle.rssMiB, idle.files);
                System.out.printf(Locale.ROOT, "| %,d connections held | %.1f MiB | %.0f MiB | %d |%n",
                        n, busy.heapMiB, busy.rssMiB, busy.files);
                System.out.printf(Locale.ROOT, "per connection: %.1f KiB of heap, %.2f open files%n",
                        (busy.heapMiB - idle.heapMiB) * 1024 / n, (busy.files - idle.files) / (double) n);
            } finally {
                for (Socket s : open) s.close();
            }
        }
    }

    /** A private VPC whose route table has an S3 gateway endpoint, and a running instance in it; returns the instance. */
    private static String s3GatewayLayout(Ec2Client ec2) throws InterruptedException {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String rtb = ec2.describeRouteTables(r -> r.filters(f -> f.name("vpc-id").values(vpc))).routeTables().get(0).routeTableId();
        ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName("com.amazonaws.us-east-1.s3").routeTableIds(rtb));
        String instance = ec2.runInstances(r -> r.imageId("ami-12345678").subnetId(subnet).minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        while (!ec2.describeInstances(r -> r.instanceIds(instance)).reservations().get(0).instances().get(0)
                .state().nameAsString().equals("running")) {
            Thread.sleep(100);
        }
        return instance;
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

    private static SSLContext trusting(String caPem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("localvpc", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    /** The server's heap after a full GC (jcmd GC.run, then GC.heap_info), RSS and open file descriptors. */
    private record Reading(double heapMiB, double rssMiB, long files) {
        static Reading of(long pid) throws IOException, InterruptedException {
            jcmd(pid, "GC.run");
            long usedKiB = 0;
            // the generations' lines come first; metaspace's "used" lines are not heap
            String info = jcmd(pid, "GC.heap_info");
            String heapPart = info.contains("Metaspace") ? info.substring(0, info.indexOf("Metaspace")) : info;
            Matcher m = USED.matcher(heapPart);
            while (m.find()) usedKiB += Long.parseLong(m.group(1));
            double rss = 0;
            for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (l.startsWith("VmRSS:")) rss = Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
            }
            long files;
            try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
                files = fds.count();
            }
            return new Reading(usedKiB / 1024.0, rss, files);
        }

        private static String jcmd(long pid, String command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IOException("jcmd " + command + " failed: " + out);
            return out;
        }
    }
}
