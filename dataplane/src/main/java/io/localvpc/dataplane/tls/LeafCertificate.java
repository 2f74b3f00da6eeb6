package io.localvpc.dataplane.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A server certificate issued by the {@link LocalCa} for one SNI name (or a wildcard covering it).
 *
 * @param cacheKey    the name the leaf is cached under ({@code *.s3.us-east-1.amazonaws.com}, {@code localhost})
 * @param privateKey  the leaf's private key
 * @param certificate the leaf certificate
 * @param issuer      the CA certificate that signed it
 */
public record LeafCertificate(String cacheKey, PrivateKey privateKey, X509Certificate certificate,
                              X509Certificate issuer) {

    /** Leaf first, then the CA, as a TLS server presents it. */
    public X509Certificate[] chain() {
        return new X509Certificate[] {certificate, issuer};
    }

    /** The subject alternative names (DNS names and IP addresses) the leaf covers. */
    public List<String> names() {
        try {
            var sans = certificate.getSubjectAlternativeNames();
            return sans == null ? List.of() : sans.stream().map(san -> String.valueOf(san.get(1))).toList();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new IllegalStateException("unreadable certificate we issued ourselves", e);
        }
    }
}
