package io.localvpc.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * localvpc as a separate process ({@code localvpc up}), for tests that must restart it or kill it hard.
 * It runs from the test's own class path on a free port and is ready once it prints its ready line.
 */
public final class LocalVpcProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready in \\d+ ms: EC2 API at (http://\\S+)");

    private final Process process;
    private final URI endpoint;
    private final List<String> output;

    private LocalVpcProcess(Process process, URI endpoint, List<String> output) {
        this.process = process;
        this.endpoint = endpoint;
        this.output = output;
    }

    /** Starts {@code localvpc up --port 0 --data-dir dir} plus any extra arguments and waits until it is ready. */
    public static LocalVpcProcess start(Path dataDir, String... extraArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "io.localvpc.server.cli.Main", "up", "--port", "0", "--data-dir", dataDir.toString()));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    Matcher m = READY.matcher(line);
                    if (m.find()) ready.complete(URI.create(m.group(1)));
                }
            } catch (IOException ignored) {
                // the process ended; whoever waits for readiness is told below
            }
            ready.completeExceptionally(new IllegalStateException("localvpc exited before it was ready: " + output));
        }, "localvpc-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new LocalVpcProcess(p, ready.get(60, TimeUnit.SECONDS), output);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("localvpc did not become ready: " + output, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed — the crash case. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait for a clean exit; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("localvpc did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) killHard();
    }
}
