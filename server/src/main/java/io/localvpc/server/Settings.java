package io.localvpc.server;

import io.localvpc.server.store.SqliteJournal;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * How a localvpc instance runs. Every field has a flag on {@code localvpc up} and a
 * {@code LOCALVPC_*} environment variable; port 0 picks a free port (tests).
 */
public record Settings(
        String host,
        int port,
        Path dataDir,
        boolean inMemory,
        String region,
        String accountId,
        SqliteJournal.Durability durability,
        int proxyPort,
        Map<String, URI> upstreams,
        Path iamConfig,
        boolean verifySignatures,
        String rootSecret) {

    public Settings {
        upstreams = Map.copyOf(upstreams);
        if (rootSecret == null || rootSecret.isEmpty()) rootSecret = DEFAULT_ROOT_SECRET;
    }

    /** The secret of the keys localvpc's convention makes account roots, under {@code --verify-signatures}. */
    public static final String DEFAULT_ROOT_SECRET = "test";

    @Override
    public String toString() { // the root secret is not printed
        return "Settings[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", inMemory=" + inMemory + ", region=" + region
                + ", accountId=" + accountId + ", durability=" + durability + ", proxyPort=" + proxyPort + ", upstreams=" + upstreams
                + ", iamConfig=" + iamConfig + ", verifySignatures=" + verifySignatures + "]";
    }

    /** {@code proxyPort} value meaning "the API port + 1" (or a free port when the API port is 0). */
    public static final int DERIVED = -1;

    /** The workload proxy's port: as set, else next to the API port, else free when the API port is free. */
    public int effectiveProxyPort() {
        if (proxyPort != DERIVED) return proxyPort;
        return port == 0 ? 0 : port + 1;
    }

    public static final int DEFAULT_PORT = 4580;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "000000000000";

    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".localvpc");
    }

    public static Settings defaults() {
        return new Settings("127.0.0.1", DEFAULT_PORT, defaultDataDir(), false, DEFAULT_REGION, DEFAULT_ACCOUNT, SqliteJournal.Durability.PROCESS, DERIVED, Map.of(), null, false, DEFAULT_ROOT_SECRET);
    }

    public Settings withPort(int p) {
        return new Settings(host, p, dataDir, inMemory, region, accountId, durability, proxyPort, upstreams, iamConfig, verifySignatures, rootSecret);
    }

    public Settings withDataDir(Path d) {
        return new Settings(host, port, d, inMemory, region, accountId, durability, proxyPort, upstreams, iamConfig, verifySignatures, rootSecret);
    }

    public Settings withInMemory(boolean m) {
        return new Settings(host, port, dataDir, m, region, accountId, durability, proxyPort, upstreams, iamConfig, verifySignatures, rootSecret);
    }

    public Settings withRegion(String r) {
        return new Settings(host, port, dataDir, inMemory, r, accountId, durability, proxyPort, upstreams, iamConfig, verifySignatures, rootSecret);
    }

    public Settings withAccountId(String a) {
        return new Settings(host, port, dataDir, inMemory, region, a, durability, proxyPort, upstreams, iamConfig, verifySignatures, rootSecret);
    }

    public Settings withHost(String h) {
        return new Settings(h, port, dataDir, inMemory, region, accountId, durability, proxyPort, upstreams, iamConfig, verifySignatures, rootSecret);
    }

    public Settings withProxyPort(int p) {
        return new Settings(host, port, dataDir, inMemory, region, accountId, durability, p, upstreams, iamConfig, verifySignatures, rootSecret);
    }

    public Settings withUpstreams(Map<String, URI> u) {
        return new Settings(host, port, dataDir, inMemory, region, accountId, durability, proxyPort, u, iamConfig, verifySignatures, rootSecret);
    }

    /** IAM users and roles with identity policies (strict mode); null for none. */
    public Settings withIamConfig(Path file) {
        return new Settings(host, port, dataDir, inMemory, region, accountId, durability, proxyPort, upstreams, file, verifySignatures, rootSecret);
    }

    public Settings withDurability(SqliteJournal.Durability d) {
        return new Settings(host, port, dataDir, inMemory, region, accountId, d, proxyPort, upstreams, iamConfig, verifySignatures, rootSecret);
    }

    /**
     * Checks every request's SigV4 signature (the API port and the endpoints) when {@code verify}; account-root keys of
     * localvpc's convention sign with {@code secret} (null for {@link #DEFAULT_ROOT_SECRET}).
     */
    public Settings withVerifiedSignatures(boolean verify, String secret) {
        return new Settings(host, port, dataDir, inMemory, region, accountId, durability, proxyPort, upstreams, iamConfig, verify, secret);
    }
}
