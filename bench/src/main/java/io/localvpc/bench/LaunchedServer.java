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
final class LaunchedServer implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("EC2 API at http://127\\.0\\.0\\.1:(\\d+)");
    final Process process;
    final int port;
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
    static LaunchedServer start(Path launcher, List<String> jvmOptions) throws IOException {
        List<String> cmd = List.of(launcher.toString(), "up", "--in-memory", "--port", "0");
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
        if (first.status() != 200) throw new IllegalStateException("first call failed: " + first.body());
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

    /** Resident set size of the server process, from /proc, in MiB. */
    double rssMiB() throws IOException {
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
