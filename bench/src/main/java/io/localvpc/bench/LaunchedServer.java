package io.localvpc.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** localvpc started by its launcher, {@code ./localvpc up}, for end-to-end measurement. */
public final class LaunchedServer implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("EC2 API at http://127\\.0\\.0\\.1:(\\d+)");
    public final Process process;
    /** The EC2 API port. */
    public final int port;
    /** From process start to the first answered EC2 call, in milliseconds. */
    final double launchToFirstAnswerMillis;

    private LaunchedServer(Process process, int port, double millis) {
        this.process = process;
        this.port = port;
        this.launchToFirstAnswerMillis = millis;
    }

    /**
     * Starts {@code launcher up --in-memory --port 0} exactly as a user does (the ./localvpc script, with its
     * class-data archive and JVM options; {@code jvmOptions} non-empty replaces them via LOCALVPC_JAVA_OPTS).
     */
    public static LaunchedServer start(Path launcher, List<String> jvmOptions, String... upOptions) throws IOException {
        return launch(launcher, jvmOptions, List.of("--in-memory"), upOptions);
    }

    /** {@code launcher up --data-dir dataDir --port 0}: state in SQLite and S3 objects in files, as a user's default. */
    public static LaunchedServer startWithDataDir(Path launcher, Path dataDir, String... upOptions) throws IOException {
        return launch(launcher, List.of(), List.of("--data-dir", dataDir.toString()), upOptions);
    }

    private static LaunchedServer launch(Path launcher, List<String> jvmOptions, List<String> storage, String... upOptions) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString(), "up"));
        cmd.addAll(storage);
        cmd.addAll(List.of("--port", "0"));
        cmd.addAll(List.of(upOptions));
        return start(cmd, jvmOptions);
    }

    /** Runs {@code command} (one that starts localvpc: the launcher, or {@code java … Main up …}) and waits for its first answer. */
    public static LaunchedServer start(List<String> command) throws IOException {
        return start(command, List.of());
    }

    private static LaunchedServer start(List<String> cmd, List<String> jvmOptions) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (!jvmOptions.isEmpty()) pb.environment().put("LOCALVPC_JAVA_OPTS", String.join(" ", jvmOptions));
        long t0 = System.nanoTime();
        Process p = pb.start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        int port = -1;
        String line;
        while ((line = r.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
                break;
            }
        }
        if (port < 0) throw new IllegalStateException("localvpc exited before it was ready");
        RawHttpLoad.Response first = RawHttpLoad.call(port, "Action=DescribeVpcs&Version=2016-11-15");
        double millis = (System.nanoTime() - t0) / 1e6;
        // A server that verifies signatures refuses the first call's unchecked signature: any answer shows it ready.
        boolean verifying = cmd.contains("--verify-signatures");
        if (first.status() != 200 && !(verifying && first.status() >= 400 && first.status() < 500)) throw new IllegalStateException("first call failed: " + first.body());
        Thread drain = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // keep the pipe from filling up; the server's log is not needed here
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new LaunchedServer(p, port, millis);
    }

    /** The workload proxy's port, from the health endpoint's ports map. */
    public int proxyPort() throws IOException {
        java.util.regex.Matcher m = Pattern.compile("\"proxy\"\\s*:\\s*(\\d+)").matcher(get("/_localvpc/health"));
        if (!m.find()) throw new IllegalStateException("the health endpoint names no proxy port");
        return Integer.parseInt(m.group(1));
    }

    /** A GET on the API port (admin endpoints), without any proxy. */
    public String get(String path) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection(java.net.Proxy.NO_PROXY);
        try (java.io.InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Resident set size of the server process, from /proc, in MiB. */
    public double rssMiB() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
