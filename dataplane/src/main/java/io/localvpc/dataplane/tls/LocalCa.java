package io.localvpc.dataplane.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * localvpc's own certificate authority. Endpoint listeners terminate TLS with leaf certificates it issues on
 * demand, one per SNI name (wildcards for bucket-style names); users trust it once through
 * {@code AWS_CA_BUNDLE}/{@code SSL_CERT_FILE} ({@link #pemFile()}) or {@code javax.net.ssl.trustStore}
 * ({@link #trustStoreFile()}).
 *
 * <p>With a directory the CA is created once under {@code <dir>/ca/} and reloaded on every later start, so an
 * installed trust keeps working across restarts. Without one it lives in memory for the life of the process.
 * Leaves are never written to disk: they are cheap to mint and cached in memory.
 */
public final class LocalCa {

    /** Directory under the data directory holding the CA files. */
    public static final String SUBDIRECTORY = "ca";
    public static final String CERTIFICATE_FILE = "localvpc-ca.pem";
    public static final String KEY_FILE = "localvpc-ca-key.pem";
    /** A PKCS12 trust store with only the CA certificate, for {@code -Djavax.net.ssl.trustStore}. */
    public static final String TRUST_STORE_FILE = "localvpc-ca-truststore.p12";
    /** The conventional JDK trust store password; the store holds nothing secret. */
    public static final String TRUST_STORE_PASSWORD = "changeit";
    static final String TRUST_ALIAS = "localvpc-ca";
    /** Bound on cached leaves, so a client inventing SNI names cannot grow memory without limit. */
    private static final int MAX_CACHED_LEAVES = 4096;

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final Path directory;
    private final Clock clock;
    private final ConcurrentMap<String, LeafCertificate> leaves = new ConcurrentHashMap<>();

    private LocalCa(X509Certificate certificate, PrivateKey privateKey, Path directory, Clock clock) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.directory = directory;
        this.clock = clock;
    }

    /** A CA that lives only in memory (tests, {@code --in-memory} runs). */
    public static LocalCa inMemory() {
        KeyPair keys = CertificateMinter.newKeyPair();
        Clock clock = Clock.systemUTC();
        return new LocalCa(CertificateMinter.selfSignedCa(keys, clock.instant()), keys.getPrivate(), null, clock);
    }

    /**
     * Loads the CA from {@code <dataDirectory>/ca/}, creating it there on first use; in memory when
     * {@code dataDirectory} is null.
     *
     * @throws UncheckedIOException when the files cannot be written, or exist but cannot be read as a CA
     */
    public static LocalCa open(Path dataDirectory) {
        if (dataDirectory == null) {
            return inMemory();
        }
        Path dir = dataDirectory.resolve(SUBDIRECTORY);
        Path certFile = dir.resolve(CERTIFICATE_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(certFile)) {
                create(dir, certFile, keyFile);
            }
            String certPem = Files.readString(certFile, StandardCharsets.US_ASCII);
            X509Certificate cert = Pem.readCertificate(certPem);
            PrivateKey key = Pem.readPrivateKey(Files.readString(keyFile, StandardCharsets.US_ASCII),
                    cert.getPublicKey().getAlgorithm());
            LocalCa ca = new LocalCa(cert, key, dir, Clock.systemUTC());
            if (!Files.exists(dir.resolve(TRUST_STORE_FILE))) {
                ca.writeTrustStore(dir.resolve(TRUST_STORE_FILE), "PKCS12", TRUST_STORE_PASSWORD.toCharArray());
            }
            return ca;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read the localvpc CA in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new UncheckedIOException(new IOException("the localvpc CA files in " + dir
                    + " are damaged (" + e.getMessage() + "); delete that directory to create a new CA,"
                    + " then trust the new " + CERTIFICATE_FILE + " again", e));
        }
    }

    /**
     * Writes the key, then the certificate, each through a temporary file and a rename. The certificate file
     * marks a complete CA: a crash between the two leaves no certificate, and the next start creates afresh.
     */
    private static void create(Path dir, Path certFile, Path keyFile) throws IOException {
        KeyPair keys = CertificateMinter.newKeyPair();
        X509Certificate cert = CertificateMinter.selfSignedCa(keys, Clock.systemUTC().instant());
        replace(dir, keyFile, Pem.privateKey(keys.getPrivate()), true);
        replace(dir, certFile, Pem.certificate(cert), false);
    }

    private static void replace(Path dir, Path target, String content, boolean secret) throws IOException {
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            if (secret) {
                restrictToOwner(tmp);
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the data directory's own permissions protect the key
        }
    }

    /** The CA certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate as PEM text, the content of an {@code AWS_CA_BUNDLE} file. */
    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /** The PEM file to point {@code AWS_CA_BUNDLE} / {@code SSL_CERT_FILE} at; empty for an in-memory CA. */
    public Optional<Path> pemFile() {
        return Optional.ofNullable(directory).map(d -> d.resolve(CERTIFICATE_FILE));
    }

    /** The PKCS12 trust store (password {@value #TRUST_STORE_PASSWORD}); empty for an in-memory CA. */
    public Optional<Path> trustStoreFile() {
        return Optional.ofNullable(directory).map(d -> d.resolve(TRUST_STORE_FILE));
    }

    /** An in-memory trust store ({@code "PKCS12"} or {@code "JKS"}) holding only the CA certificate. */
    public KeyStore trustStore(String type) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            store.setCertificateEntry(TRUST_ALIAS, certificate);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build a " + type + " trust store: " + e.getMessage(), e);
        }
    }

    /** Writes {@link #trustStore(String)} to {@code file}, for {@code -Djavax.net.ssl.trustStore=file}. */
    public void writeTrustStore(Path file, String type, char[] password) {
        Objects.requireNonNull(password, "password");
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "truststore", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                trustStore(type).store(out, password);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot write a " + type + " trust store: " + e.getMessage(), e);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trust store " + file, e);
        }
    }

    /**
     * The leaf certificate for an SNI host name, minted on first use and cached. For a name of three labels or
     * more the leaf is a wildcard for its parent domain (shared by sibling names); a null or unusable name
     * gets the {@code localhost}/{@code 127.0.0.1} leaf.
     */
    public LeafCertificate leafFor(String host) {
        LeafNames names = LeafNames.forHost(host);
        LeafCertificate cached = leaves.get(names.key());
        if (cached != null) {
            return cached;
        }
        if (leaves.size() >= MAX_CACHED_LEAVES) {
            leaves.clear();
        }
        return leaves.computeIfAbsent(names.key(), k -> mint(names));
    }

    private LeafCertificate mint(LeafNames names) {
        KeyPair keys = CertificateMinter.newKeyPair();
        X509Certificate leaf = CertificateMinter.leaf(names, keys, certificate, privateKey, clock.instant());
        return new LeafCertificate(names.key(), keys.getPrivate(), leaf, certificate);
    }
}
