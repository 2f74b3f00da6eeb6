package io.localvpc.dataplane.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCaTest {

    @TempDir
    Path dataDir;

    @Test
    void caIsCreatedInTheDataDirectoryAndReloadedUnchanged() throws Exception {
        LocalCa first = LocalCa.open(dataDir);
        Path pem = dataDir.resolve("ca/localvpc-ca.pem");
        assertEquals(pem, first.pemFile().orElseThrow());
        assertTrue(Files.exists(dataDir.resolve("ca/localvpc-ca-key.pem")));
        assertEquals(first.certificatePem(), Files.readString(pem));

        LocalCa reloaded = LocalCa.open(dataDir);
        assertArrayEquals(first.certificate().getEncoded(), reloaded.certificate().getEncoded());
        // the reloaded private key is the CA's: a leaf it signs verifies with the original certificate
        reloaded.leafFor("example.internal").certificate().verify(first.certificate().getPublicKey());
    }

    @Test
    void caCertificateIsALongLivedCaNamedForLocalvpc() {
        X509Certificate ca = LocalCa.inMemory().certificate();
        assertTrue(ca.getSubjectX500Principal().getName().contains("CN=localvpc local CA"));
        assertTrue(ca.getBasicConstraints() >= 0, "basicConstraints CA:true");
        assertTrue(ca.getKeyUsage()[5], "keyCertSign");
        Duration validity = Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant());
        assertTrue(validity.toDays() >= 3650, "about ten years, was " + validity.toDays() + " days");
    }

    @Test
    void twoDirectoriesGetDifferentCas() {
        LocalCa a = LocalCa.open(dataDir.resolve("a"));
        LocalCa b = LocalCa.open(dataDir.resolve("b"));
        assertNotEquals(a.certificate().getSerialNumber(), b.certificate().getSerialNumber());
    }

    @Test
    void inMemoryCaWritesNothing() throws Exception {
        LocalCa ca = LocalCa.open(null);
        assertTrue(ca.pemFile().isEmpty());
        assertTrue(ca.trustStoreFile().isEmpty());
        try (var files = Files.list(dataDir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void damagedCaFilesAreReportedWithTheWayOut() throws Exception {
        LocalCa.open(dataDir);
        Files.writeString(dataDir.resolve("ca/localvpc-ca-key.pem"), "not a key");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> LocalCa.open(dataDir));
        assertTrue(e.getMessage().contains("delete that directory"), e.getMessage());
    }

    @Test
    void leafChainsToTheCaAndNamesTheHost() throws Exception {
        LocalCa ca = LocalCa.inMemory();
        LeafCertificate leaf = ca.leafFor("bucket.s3.us-east-1.amazonaws.com");
        assertEquals(List.of("*.s3.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com"), leaf.names());
        assertEquals(-1, leaf.certificate().getBasicConstraints(), "a leaf is not a CA");
        assertTrue(leaf.certificate().getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");

        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(List.of(leaf.certificate())), params);
    }

    @Test
    void siblingNamesShareOneCachedWildcardLeaf() {
        LocalCa ca = LocalCa.inMemory();
        LeafCertificate a = ca.leafFor("a-bucket.s3.us-east-1.amazonaws.com");
        LeafCertificate b = ca.leafFor("B-Bucket.s3.us-east-1.amazonaws.com.");
        assertTrue(a == b, "one leaf for every bucket of a region");
        LeafCertificate other = ca.leafFor("a-bucket.s3.eu-west-1.amazonaws.com");
        assertNotEquals(a.cacheKey(), other.cacheKey());
    }

    @Test
    void noSniGetsALocalhostAndLoopbackLeaf() {
        LeafCertificate leaf = LocalCa.inMemory().leafFor(null);
        assertEquals(List.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1"), leaf.names());
    }

    @Test
    void trustStoreFileHoldsTheCaForJavaClients() throws Exception {
        LocalCa ca = LocalCa.open(dataDir);
        Path file = ca.trustStoreFile().orElseThrow();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, LocalCa.TRUST_STORE_PASSWORD.toCharArray());
        }
        assertEquals(ca.certificate(), store.getCertificate("localvpc-ca"));
        assertTrue(store.isCertificateEntry("localvpc-ca"));

        Path jks = dataDir.resolve("trust.jks");
        ca.writeTrustStore(jks, "JKS", "secret".toCharArray());
        KeyStore jksStore = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(jks)) {
            jksStore.load(in, "secret".toCharArray());
        }
        assertEquals(ca.certificate(), jksStore.getCertificate("localvpc-ca"));
    }
}
