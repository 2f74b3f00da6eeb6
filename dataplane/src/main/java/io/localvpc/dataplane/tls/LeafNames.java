package io.localvpc.dataplane.tls;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which names a leaf certificate covers for a requested host. A host of three labels or more gets a wildcard
 * leaf for its parent domain ({@code bucket.s3.us-east-1.amazonaws.com} → {@code *.s3.us-east-1.amazonaws.com}
 * and {@code s3.us-east-1.amazonaws.com}), so every bucket of a region shares one certificate instead of one
 * key pair per bucket. Shorter names and IP literals get an exact leaf.
 */
record LeafNames(String key, List<String> dnsNames, List<String> ipAddresses) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** The leaf used when a client sends no SNI (JDK clients send none for {@code localhost} or IP literals). */
    static final LeafNames DEFAULT = new LeafNames("localhost", List.of("localhost"), List.of("127.0.0.1", "::1"));

    /** Names for {@code host}; a name that is not a valid DNS name or IP literal gets the default leaf. */
    static LeafNames forHost(String host) {
        String h = normalize(host);
        if (h == null) {
            return DEFAULT;
        }
        if (IPV4.matcher(h).matches() || h.contains(":")) {
            return new LeafNames(h, List.of(), List.of(h));
        }
        String[] labels = h.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return DEFAULT;
            }
        }
        if (labels.length >= 3) {
            String parent = h.substring(labels[0].length() + 1);
            return new LeafNames("*." + parent, List.of("*." + parent, parent), List.of());
        }
        return new LeafNames(h, List.of(h), List.of());
    }

    /** Lower case, no trailing dot, no IPv6 brackets; null when blank. */
    static String normalize(String host) {
        if (host == null) {
            return null;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.isEmpty() || h.length() > 253 ? null : h;
    }

    /** The subject common name: the first DNS name, else the first IP address. */
    String commonName() {
        return dnsNames.isEmpty() ? ipAddresses.get(0) : dnsNames.get(0);
    }
}
