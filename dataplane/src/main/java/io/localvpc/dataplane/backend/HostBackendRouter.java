package io.localvpc.dataplane.backend;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes by domain: a backend registered for {@code s3.us-east-1.amazonaws.com} serves that name and every
 * name below it ({@code bucket.s3.us-east-1.amazonaws.com}); the longest registered domain wins. Rules may be
 * added and removed while listeners run (endpoints come and go).
 */
public final class HostBackendRouter implements BackendRouter {

    private final Map<String, ServiceBackend> byDomain = new ConcurrentHashMap<>();

    /** Serves {@code domain} and its subdomains with {@code backend}, replacing an earlier rule for it. */
    public HostBackendRouter route(String domain, ServiceBackend backend) {
        byDomain.put(normalize(domain), backend);
        return this;
    }

    public void remove(String domain) {
        byDomain.remove(normalize(domain));
    }

    @Override
    public Optional<ServiceBackend> route(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = normalize(host);
        while (true) {
            ServiceBackend backend = byDomain.get(name);
            if (backend != null) {
                return Optional.of(backend);
            }
            int dot = name.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            name = name.substring(dot + 1);
        }
    }

    private static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
