package io.localvpc.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.core.model.Instance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code localvpc exec i-0abc -- aws s3 cp report.csv s3://reports/}: runs an unmodified program as if it
 * ran on that instance. Its connections go through the workload proxy (with the instance as the proxy
 * user) and it trusts localvpc's CA, through the settings real clients already read: proxy variables,
 * CA bundle variables and, for Java, JAVA_TOOL_OPTIONS.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Run a program inside an instance or network interface: its connections cross the emulated VPC.")
final class ExecCommand implements Callable<Integer> {
    static final String TRUST_STORE_PASSWORD = "changeit";

    @Mixin
    EndpointOption endpoint;

    @Parameters(index = "0", paramLabel = "INSTANCE_OR_ENI", description = "i-… or eni-…")
    String identity;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The program and its arguments (after --).")
    List<String> command;

    @Option(names = "--publish", paramLabel = "PORT=HOSTPORT",
            description = "While the program runs, it plays this port of the instance: 8080=127.0.0.1:18080 (or 8080=18080). Repeatable.")
    List<String> publish = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (command == null || command.isEmpty()) throw new AdminClient.CliFailure("give the program to run after --, e.g. localvpc exec i-0abc -- aws s3 ls");
        AdminClient client = endpoint.client();
        JsonNode workload = client.getJson("_localvpc/workloads/" + identity);
        if (workload.has("state") && !workload.path("state").asText().equals("running")) {
            throw new AdminClient.CliFailure(notRunning(identity, workload.path("state").asText()));
        }
        JsonNode health = client.getJson("_localvpc/health");
        int proxyPort = health.path("ports").path("proxy").asInt(-1);
        if (proxyPort < 0) throw new AdminClient.CliFailure("the localvpc at " + endpoint.url() + " runs no workload proxy");
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "localvpc-exec-" + health.path("ports").path("api").asInt()));
        Path pem = dir.resolve("localvpc-ca.pem");
        String caPem = client.getText("_localvpc/ca.pem");
        Files.writeString(pem, caPem);
        Path trustStore = dir.resolve("localvpc-ca.p12");
        writeTrustStore(caPem, trustStore);

        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        environment(pb.environment(), identity, proxyPort, pem, trustStore);
        identityEnvironment(pb.environment(), identity, workload.path("region").asText(health.path("region").asText("us-east-1")), proxyPort,
                health.path("ports").path("api").asInt());
        Runnable withdraw = publishForLifetime(client);
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            throw new AdminClient.CliFailure("cannot run " + command.get(0) + ": " + e.getMessage());
        } finally {
            withdraw.run();
        }
    }

    /**
     * Publishes the {@code --publish} ports for the program's lifetime; the returned action (also run if the CLI is
     * interrupted) withdraws each one, unless someone has pointed it at another program meanwhile.
     */
    private Runnable publishForLifetime(AdminClient client) {
        List<String[]> done = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean withdrawn = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable withdraw = () -> {
            if (!withdrawn.compareAndSet(false, true)) return;
            for (String[] p : done) {
                try {
                    client.deleteJson("_localvpc/published", io.localvpc.core.state.ResourceCodec.mapper().createObjectNode()
                            .put("target", identity).put("port", p[0]).put("hostPort", p[1]).toString());
                } catch (AdminClient.CliFailure e) {
                    // already withdrawn, or the instance is gone: nothing left to do
                }
            }
        };
        try {
            for (String spec : publish) {
                int eq = spec.indexOf('=');
                if (eq <= 0 || eq == spec.length() - 1) {
                    throw new AdminClient.CliFailure("--publish takes PORT=HOSTPORT, e.g. --publish 8080=127.0.0.1:18080, not '" + spec + "'");
                }
                String hostPort = spec.substring(eq + 1);
                if (hostPort.indexOf(':') < 0) hostPort = "127.0.0.1:" + hostPort;
                PublishCommand.publish(client, identity, spec.substring(0, eq), hostPort);
                done.add(new String[]{spec.substring(0, eq), hostPort});
            }
        } catch (RuntimeException e) {
            withdraw.run();
            throw e;
        }
        if (!done.isEmpty()) Runtime.getRuntime().addShutdownHook(new Thread(withdraw, "localvpc-exec-unpublish"));
        return withdraw;
    }

    /** The variables that route a program's connections through the proxy as {@code identity} and trust the CA. */
    static void environment(Map<String, String> env, String identity, int proxyPort, Path caPem, Path trustStore) {
        String http = "http://" + identity + ":localvpc@127.0.0.1:" + proxyPort;
        for (String name : List.of("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy")) env.put(name, http);
        String socks = "socks5h://" + identity + ":localvpc@127.0.0.1:" + proxyPort;
        env.put("ALL_PROXY", socks);
        env.put("all_proxy", socks);
        env.remove("NO_PROXY");
        env.remove("no_proxy");
        for (String name : List.of("AWS_CA_BUNDLE", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "CURL_CA_BUNDLE")) {
            env.put(name, caPem.toString());
        }
        env.put("LOCALVPC_WORKLOAD", identity);
        List<String> java = new ArrayList<>();
        for (String scheme : List.of("http", "https")) {
            java.add("-D" + scheme + ".proxyHost=127.0.0.1");
            java.add("-D" + scheme + ".proxyPort=" + proxyPort);
            java.add("-D" + scheme + ".proxyUser=" + identity);
            java.add("-D" + scheme + ".proxyPassword=localvpc");
        }
        java.add("-Dhttp.nonProxyHosts=");
        // The JDK refuses Basic proxy auth on HTTPS tunnels unless told otherwise.
        java.add("-Djdk.http.auth.tunneling.disabledSchemes=");
        java.add("-Djavax.net.ssl.trustStore=" + trustStore);
        java.add("-Djavax.net.ssl.trustStorePassword=" + TRUST_STORE_PASSWORD);
        java.add("-Djavax.net.ssl.trustStoreType=PKCS12");
        String existing = env.get("JAVA_TOOL_OPTIONS");
        env.put("JAVA_TOOL_OPTIONS", (existing == null || existing.isBlank() ? "" : existing + " ") + String.join(" ", java));
    }

    /**
     * What lets an SDK inside find its region and its instance's credentials as on EC2, adding no keys of its own: the
     * region (unless the caller chose one), the metadata service on the proxy's port for SDKs that never send it
     * through a proxy (the identity in the path), and STS, which localvpc's API port plays, reached directly
     * ({@code AWS_ENDPOINT_URL_STS}, and {@code NO_PROXY} for that one address). Credentials the caller exported are
     * inherited and win over the instance's (the SDKs' credential chains look at the environment first): unset them to
     * act as the instance profile's role.
     */
    static void identityEnvironment(Map<String, String> env, String identity, String region, int proxyPort, int apiPort) {
        env.putIfAbsent("AWS_REGION", region);
        env.putIfAbsent("AWS_DEFAULT_REGION", env.get("AWS_REGION"));
        // With the trailing slash: older botocore joins the endpoint and "latest/…" as they are.
        env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + proxyPort + "/imds/" + identity + "/");
        env.putIfAbsent("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + apiPort);
        String direct = "127.0.0.1:" + apiPort;
        env.put("NO_PROXY", direct);
        env.put("no_proxy", direct);
    }

    /**
     * What to do about an instance that cannot run programs yet or any more: an instance that is starting only
     * needs waiting for, a stopped one needs starting, a terminated one cannot come back.
     */
    static String notRunning(String id, String state) {
        Instance.State known = Instance.State.ofAwsName(state);
        return known == null ? "instance " + id + " is " + state + "; it must be running" : known.whyNotRunning(id);
    }

    private static void writeTrustStore(String pem, Path file) throws Exception {
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("localvpc-ca", ca);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
    }
}
