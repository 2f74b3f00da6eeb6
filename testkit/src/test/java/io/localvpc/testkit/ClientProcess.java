package io.localvpc.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs one client of the client suite (clients/ at the repository root) as its own process against a running
 * localvpc: output captured to files, a hard time limit, and the endpoint and credentials in the environment
 * exactly as a user would set them.
 */
final class ClientProcess {
    /** The repository's clients/ directory (tests run in testkit/). */
    static final Path CLIENTS = Path.of("..", "clients").toAbsolutePath().normalize();

    record Result(int exit, String stdout, String stderr) {
        String both() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }

        /** Asserts exit 0 and that the client printed its own final line, so a silent early exit cannot pass. */
        void assertCompleted(String okLine) {
            assertEquals(0, exit, both());
            if (!stdout.contains(okLine)) throw new AssertionError("the client did not report \"" + okLine + "\"\n" + both());
        }
    }

    private ClientProcess() {
    }

    /**
     * {@code localvpc exec <identity> -- <command>} in a JVM of its own (the CLI on the test class path), with the
     * environment {@link #run} gives every client: the command runs as a program on that instance or interface.
     */
    static Result exec(URI endpoint, String identity, Path workDir, String... command) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.localvpc.server.cli.Main", "exec", "--endpoint", endpoint.toString(),
                identity, "--"));
        cmd.addAll(List.of(command));
        return run(cmd, workDir, endpoint, Map.of("JAVA_TOOL_OPTIONS", ""), 120);
    }

    static Result run(List<String> command, Path workDir, URI endpoint, Map<String, String> extraEnv, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        // No profile, config file or ambient endpoint from the developer's machine may leak into a client.
        for (String name : List.of("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_EC2", "AWS_SESSION_TOKEN", "AWS_CA_BUNDLE")) env.remove(name);
        env.put("LOCALVPC_ENDPOINT", endpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        env.putAll(extraEnv);
        Path out = Files.createTempFile("client", ".out");
        Path err = Files.createTempFile("client", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s\n--- stdout\n"
                        + Files.readString(out) + "\n--- stderr\n" + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
