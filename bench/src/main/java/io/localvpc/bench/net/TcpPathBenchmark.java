package io.localvpc.bench.net;

import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * TCP through localvpc's workload proxy against the same path straight to the target and through
 * HAProxy in TCP mode, side by side in one run: bulk throughput (1 GiB), small-message round-trip
 * latency, and concurrent connections held. Prints Markdown rows for BENCHMARKS.md.
 * Run: bench/net.sh
 */
public final class TcpPathBenchmark {
    private static final long BULK_BYTES = 1L << 30;

    private TcpPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 9_000;
        try (Sink sink = new Sink(); Relay relay = Relay.start(sink.port()); HaProxy haproxy = HaProxy.start(sink.port());
             WholeLocalvpc whole = WholeLocalvpc.start(Path.of("./localvpc"), sink.port())) {
            List<Paths.Route> routes = new ArrayList<>(List.of(Paths.Route.direct(sink.port()), Paths.Route.relay(relay.port, sink.port()),
                    whole.route()));
            if (haproxy != null) routes.add(Paths.Route.haproxy(haproxy.port));
            System.out.println("| path | 1 GiB throughput (best of 3) | round trip 64 B p50 / p99 |");
            System.out.println("| --- | --- | --- |");
            double[] gbps = new double[routes.size()];
            double[] p50 = new double[routes.size()];
            for (int r = 0; r < routes.size(); r++) {
                Paths.Route route = routes.get(r);
                for (int i = 0; i < 3; i++) gbps[r] = Math.max(gbps[r], bulk(route));
                Histogram h = latency(route);
                p50[r] = h.getValueAtPercentile(50) / 1000.0;
                System.out.printf(Locale.ROOT, "| %s | %.2f Gbit/s | %.0f / %.0f µs |%n", route.label(), gbps[r],
                        p50[r], h.getValueAtPercentile(99) / 1000.0);
            }
            if (haproxy != null) {
                System.out.printf(Locale.ROOT, "%nthroughput ratio to HAProxy: relay %.2f, whole localvpc %.2f%n",
                        gbps[1] / gbps[3], gbps[2] / gbps[3]);
            }
            System.out.printf(Locale.ROOT, "added p50 latency over direct: relay %+.0f µs, whole localvpc %+.0f µs%n",
                    p50[1] - p50[0], p50[2] - p50[0]);
            held(relay, sink.port(), connections);
        }
    }

    /** Sends 1 GiB and waits for the sink's acknowledgement; returns Gbit/s. */
    static double bulk(Paths.Route route) throws IOException {
        return bulk(route, BULK_BYTES);
    }

    /** Sends {@code bytes} and waits for the sink's acknowledgement; returns Gbit/s. */
    static double bulk(Paths.Route route, long bytes) throws IOException {
        try (Socket s = route.open()) {
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] chunk = new byte[256 * 1024];
            long start = System.nanoTime();
            out.write('D');
            out.write(ByteBuffer.allocate(8).putLong(bytes).array());
            for (long sent = 0; sent < bytes; sent += chunk.length) out.write(chunk);
            out.flush();
            if (in.read() != 'K') throw new IOException("the sink did not acknowledge");
            return bytes * 8 / ((System.nanoTime() - start) / 1e9) / 1e9;
        }
    }

    /** 64-byte echoes on one connection: 2,000 to warm up, then 20,000 timed. */
    static Histogram latency(Paths.Route route) throws IOException {
        Histogram h = new Histogram(60_000_000_000L, 3);
        try (Socket s = route.open()) {
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write('E');
            byte[] msg = new byte[64];
            for (int i = 0; i < 22_000; i++) {
                long t0 = System.nanoTime();
                out.write(msg);
                out.flush();
                in.readFully(msg);
                if (i >= 2_000) h.recordValue(System.nanoTime() - t0);
            }
        }
        return h;
    }

    /** Opens {@code n} connections through the proxy, holds them, and reads the proxy's heap after a GC. */
    static void held(Relay relay, int sinkPort, int n) throws IOException {
        String before = relay.mem();
        List<Socket> open = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                Socket s = Paths.Route.relay(relay.port, sinkPort).open();
                s.getOutputStream().write('H');
                open.add(s);
            }
            String during = relay.mem();
            String[] b = before.split(" ");
            String[] d = during.split(" ");
            long heap = Long.parseLong(d[1]);
            long perConnection = (heap - Long.parseLong(b[1])) / Math.max(1, n);
            System.out.printf(Locale.ROOT, "%n%d connections held through the proxy (%s open): heap after GC %.1f MiB "
                            + "(%.1f KiB per connection, idle %.1f MiB), RSS %.0f MiB%n", n, d[3], heap / 1048576.0,
                    perConnection / 1024.0, Long.parseLong(b[1]) / 1048576.0, Long.parseLong(d[2]) / 1048576.0);
        } finally {
            for (Socket s : open) s.close();
        }
    }

    /**
     * {@code ./localvpc up} with the sink as a {@code tcp://} upstream for CodeCommit's SSH side, and a private VPC
     * whose instance reaches it through a git-codecommit interface endpoint (private DNS): every connection is
     * decided by the path engine and relayed by the same proxy, straight to the upstream.
     */
    static final class WholeLocalvpc implements AutoCloseable {
        private static final String SERVICE_HOST = "git-codecommit.us-east-1.amazonaws.com";
        private final io.localvpc.bench.LaunchedServer server;
        private final Paths.Route route;

        private WholeLocalvpc(io.localvpc.bench.LaunchedServer server, Paths.Route route) {
            this.server = server;
            this.route = route;
        }

        static WholeLocalvpc start(Path launcher, int sinkPort) throws Exception {
            io.localvpc.bench.LaunchedServer server = io.localvpc.bench.LaunchedServer.start(launcher, List.of(),
                    "--upstream", "git-codecommit=tcp://127.0.0.1:" + sinkPort);
            try (software.amazon.awssdk.services.ec2.Ec2Client ec2 = io.localvpc.testkit.LocalVpcExtension.ec2(
                    java.net.URI.create("http://127.0.0.1:" + server.port), "test", software.amazon.awssdk.regions.Region.US_EAST_1)) {
                String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
                ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(b -> b.value(true)));
                String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
                String endpoint = ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName("com.amazonaws.us-east-1.git-codecommit")
                        .vpcEndpointType("Interface").subnetIds(subnet).privateDnsEnabled(true)).vpcEndpoint().vpcEndpointId();
                String instance = ec2.runInstances(r -> r.imageId("ami-12345678").subnetId(subnet).minCount(1).maxCount(1))
                        .instances().get(0).instanceId();
                while (!ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(endpoint)).vpcEndpoints().get(0).stateAsString().equals("available")
                        || !ec2.describeInstances(r -> r.instanceIds(instance)).reservations().get(0).instances().get(0)
                        .state().nameAsString().equals("running")) {
                    Thread.sleep(100);
                }
                return new WholeLocalvpc(server, Paths.Route.wholeLocalvpc(server.proxyPort(), instance, SERVICE_HOST, 22));
            } catch (Exception e) {
                server.close();
                throw e;
            }
        }

        Paths.Route route() {
            return route;
        }

        @Override
        public void close() throws InterruptedException {
            server.close();
        }
    }

    /** The relay process (localvpc's proxy, see {@link RelayProxyMain}). */
    static final class Relay implements AutoCloseable {
        final Process process;
        final int port;
        private final BufferedReader out;

        private Relay(Process process, int port, BufferedReader out) {
            this.process = process;
            this.port = port;
            this.out = out;
        }

        static Relay start(int sinkPort) throws IOException {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    RelayProxyMain.class.getName(), String.valueOf(sinkPort)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null && !line.startsWith("PORT ")) {
                // skip anything before the port line
            }
            if (line == null) throw new IOException("the relay process did not start");
            return new Relay(p, Integer.parseInt(line.substring(5).trim()), r);
        }

        /** "MEM heapBytes rssBytes openConnections" */
        String mem() throws IOException {
            process.getOutputStream().write("mem\n".getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("MEM ")) {
                // skip
            }
            return line;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    /** HAProxy in TCP mode relaying to the sink, if Debian's haproxy is installed (else null). */
    static final class HaProxy implements AutoCloseable {
        final Process process;
        final int port;

        private HaProxy(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static HaProxy start(int sinkPort) throws IOException, InterruptedException {
            Path exe = Path.of("/usr/sbin/haproxy");
            if (!Files.isExecutable(exe)) {
                System.out.println("(HAProxy not installed: apt-get install haproxy to compare)");
                return null;
            }
            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Path cfg = Files.createTempFile("localvpc-bench-haproxy", ".cfg");
            Files.writeString(cfg, "global\n  maxconn 9500\ndefaults\n  mode tcp\n  timeout connect 5s\n  timeout client 5m\n  timeout server 5m\n"
                    + "listen relay\n  bind 127.0.0.1:" + port + "\n  server sink 127.0.0.1:" + sinkPort + "\n");
            Process p = new ProcessBuilder(exe.toString(), "-db", "-f", cfg.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            for (int i = 0; i < 100; i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return new HaProxy(p, port);
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            p.destroy();
            throw new IOException("HAProxy did not start");
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
