package io.localvpc.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real program "inside" an instance as a user types it: {@code localvpc exec --endpoint <url> <identity> -- <program…>}
 * (the CLI entry point in a JVM of its own), with the AWS variables of a clean shell and test credentials.
 */
final class InstanceExec {
    private InstanceExec() {
    }

    record Result(int exit, String stdout, String stderr) {
        String both() {
            return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    static Result run(URI endpoint, String identity, Path work, String... program) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "io.localvpc.server.cli.Main", "exec", "--endpoint", endpoint.toString(), identity, "--"));
        cmd.addAll(List.of(program));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        // A refused connection should fail the command quickly rather than after the legacy five attempts.
        env.put("AWS_RETRY_MODE", "standard");
        env.put("AWS_MAX_ATTEMPTS", "2");
        for (String name : List.of("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SQS", "AWS_CA_BUNDLE",
                "JAVA_TOOL_OPTIONS")) {
            env.remove(name);
        }
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("localvpc exec … " + String.join(" ", program) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
