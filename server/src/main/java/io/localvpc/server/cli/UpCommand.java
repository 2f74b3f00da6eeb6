package io.localvpc.server.cli;

import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import io.localvpc.server.store.SqliteJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code localvpc up}: runs the server in the foreground until SIGINT or SIGTERM. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start localvpc in the foreground on loopback.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--host", description = "Address to listen on (env LOCALVPC_HOST, default ${DEFAULT-VALUE}).",
            defaultValue = "${env:LOCALVPC_HOST:-127.0.0.1}")
    String host;

    @Option(names = "--port", description = "EC2 API and admin port; 0 picks a free one (env LOCALVPC_PORT, default ${DEFAULT-VALUE}).",
            defaultValue = "${env:LOCALVPC_PORT:-4580}")
    int port;

    @Option(names = "--data-dir", description = "Where state is kept (env LOCALVPC_DATA_DIR, default ~/.localvpc).",
            defaultValue = "${env:LOCALVPC_DATA_DIR:-}")
    String dataDir;

    @Option(names = "--in-memory", description = "Keep nothing on disk (env LOCALVPC_IN_MEMORY=true).",
            defaultValue = "${env:LOCALVPC_IN_MEMORY:-false}")
    boolean inMemory;

    @Option(names = "--region", description = "Region for unsigned requests (env LOCALVPC_REGION, default ${DEFAULT-VALUE}).",
            defaultValue = "${env:LOCALVPC_REGION:-us-east-1}")
    String region;

    @Option(names = "--account-id", description = "Account for access keys that are not 12 digits (env LOCALVPC_ACCOUNT_ID, default ${DEFAULT-VALUE}).",
            defaultValue = "${env:LOCALVPC_ACCOUNT_ID:-000000000000}")
    String accountId;

    @Option(names = "--durability", description = "PROCESS: survive a killed process (default); POWER: also a power cut, fsync per change (env LOCALVPC_DURABILITY).",
            defaultValue = "${env:LOCALVPC_DURABILITY:-PROCESS}")
    SqliteJournal.Durability durability;

    @Option(names = "--proxy-port", description = "Workload proxy port (SOCKS5 and HTTP); default the API port + 1, or free when --port is 0 (env LOCALVPC_PROXY_PORT).",
            defaultValue = "${env:LOCALVPC_PROXY_PORT:--1}")
    int proxyPort;

    @Option(names = "--upstream", split = ",", paramLabel = "SERVICE=URL",
            description = "Play an AWS service with a local emulator, e.g. sqs=http://127.0.0.1:4566, or git-codecommit=tcp://127.0.0.1:2222 for one that does not speak HTTP (bytes pass through unchanged) (repeatable; env LOCALVPC_UPSTREAMS, comma-separated); '*=http://127.0.0.1:4566' sends every service localvpc does not play itself to one emulator, and a named SERVICE= wins over it. S3 is played by the embedded s3proxy.",
            defaultValue = "${env:LOCALVPC_UPSTREAMS:-}")
    java.util.List<String> upstreams;

    @Option(names = "--iam-config", description = "IAM users and roles with access keys and identity policies (strict mode); env LOCALVPC_IAM_CONFIG.",
            defaultValue = "${env:LOCALVPC_IAM_CONFIG:-}")
    String iamConfig;

    @Option(names = "--verify-signatures", description = "Check the SigV4 signature of every request, at the API port and the endpoints (env LOCALVPC_VERIFY_SIGNATURES, default ${DEFAULT-VALUE}).",
            defaultValue = "${env:LOCALVPC_VERIFY_SIGNATURES:-false}")
    boolean verifySignatures;

    @Option(names = "--root-secret", description = "With --verify-signatures: the secret access key of account-root keys (test, a 12-digit account id; env LOCALVPC_ROOT_SECRET, default test).",
            defaultValue = "${env:LOCALVPC_ROOT_SECRET:-test}")
    String rootSecret;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Settings settings = new Settings(host, port,
                dataDir == null || dataDir.isBlank() ? Settings.defaultDataDir() : Path.of(dataDir),
                inMemory, region, accountId, durability, proxyPort, parseUpstreams(upstreams),
                iamConfig == null || iamConfig.isBlank() ? null : Path.of(iamConfig), verifySignatures, rootSecret);
        LocalVpc server;
        try {
            server = LocalVpc.builder().settings(settings).start();
        } catch (RuntimeException e) {
            System.err.println("localvpc: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("localvpc stopped");
            stopped.countDown();
        }, "localvpc-shutdown"));
        System.out.printf("localvpc %s ready in %d ms: EC2 API at %s and workload proxy at %s:%d (region %s, %s)%n", LocalVpc.version(),
                (System.nanoTime() - started) / 1_000_000, server.endpoint(), server.proxyAddress().getHostString(),
                server.proxyAddress().getPort(), settings.region(),
                (settings.inMemory() ? "in memory" : "state in " + settings.dataDir()) + (settings.verifySignatures() ? ", signatures verified" : ""));
        System.out.flush();
        stopped.await();
        return 0;
    }

    static java.util.Map<String, java.net.URI> parseUpstreams(java.util.List<String> specs) {
        java.util.Map<String, java.net.URI> out = new java.util.LinkedHashMap<>();
        if (specs == null) return out;
        for (String spec : specs) {
            if (spec.isBlank()) continue;
            int eq = spec.indexOf('=');
            if (eq <= 0) throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new UpCommand()),
                    "--upstream takes SERVICE=URL, e.g. sqs=http://127.0.0.1:4566; got '" + spec + "'");
            out.put(spec.substring(0, eq).trim(), java.net.URI.create(spec.substring(eq + 1).trim()));
        }
        return out;
    }
}
