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
        try (Sink sink = new Sink(); Relay relay = Relay.start(sink.port()); HaProxy haproxy = HaProxy.start(sink.port())) {
            System.out.println("| path | 1 GiB throughput (best of 3) | round trip 64 B p50 / p99 |");
            System.out.println("| --- | --- | --- |");
            double direct = 0, local = 0, ha = 0;
            for (Paths.Kind kind : Paths.Kind.values()) {
                if (kind == Paths.Kind.HAPROXY && haproxy == null) continue;
                int port = switch (kind) {
                    case DIRECT -> sink.port();
                    case LOCALVPC -> relay.port;
                    case HAPROXY -> haproxy.port;
                };
                double gbps = 0;
                for (int i = 0; i < 3; i++) gbps = Math.max(gbps, bulk(kind, port, sink.port()));
                Histogram h = latency(kind, port, sink.port());
                System.out.printf(Locale.ROOT, "| %s | %.2f Gbit/s | %.0f / %.0f µs |%n", kind, gbps,
                        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
                if (kind == Paths.Kind.DIRECT) direct = h.getValueAtPercentile(50) / 1000.0;
                if (kind == Paths.Kind.LOCALVPC) local = gbps;
                if (kind == Paths.Kind.HAPROXY) ha = gbps;
            }
            if (ha > 0) System.out.printf(Locale.ROOT, "%nthroughput ratio localvpc / HAProxy: %.2f%n", local / ha);
            held(relay, sink.port(), connections);
        }
    }

    /** Sends 1 GiB and waits for the sink's acknowledgement; returns Gbit/s. */
    static double bulk(Paths.Kind kind, int port, int sinkPort) throws IOException {
        try (Socket s = Paths.open(kind, port, sinkPort)) {
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] chunk = new byte[256 * 1024];
            long start = System.nanoTime();
            out.write('D');
            out.write(ByteBuffer.allocate(8).putLong(BULK_BYTES).array());
            for (long sent = 0; sent < BULK_BYTES; sent += chunk.length) out.write(chunk);
            out.flush();
            if (in.read() != 'K') throw new IOException("the sink did not acknowledge");
            return BULK_BYTES * 8 / ((System.nanoTime() - start) / 1e9) / 1e9;
        }
    }

    /** 64-byte echoes on one connection: 2,000 to warm up, then 20,000 timed. */
    static Histogram latency(Paths.Kind kind, int port, int sinkPort) throws IOException {
        Histogram h = new Histogram(60_000_000_000L, 3);
        try (Socket s = Paths.open(kind, port, sinkPort)) {
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
                Socket s = Paths.open(Paths.Kind.LOCALVPC, relay.port, sinkPort);
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
