package io.localvpc.server.http;

import io.localvpc.api.ApiCall;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps web pages from driving localvpc. A browser will send requests to 127.0.0.1 on behalf of any page it
 * shows; AWS clients (SDKs, the CLI, Terraform) and localvpc's own CLI never look like that. Refused:
 * <ul>
 *   <li>a {@code Host} that is a domain name other than {@code localhost} or the configured host: a page that
 *       rebinds its own name to 127.0.0.1 sends its name (IP literals cannot be rebound, so any is fine);</li>
 *   <li>an {@code Origin} other than localvpc's own, and {@code Sec-Fetch-Site} other than same-origin or none
 *       (a console served by localvpc is same-origin);</li>
 *   <li>a state-changing admin call ({@code POST /_localvpc/…} but the read-only trace, and {@code DELETE}) without {@code Content-Type: application/json},
 *       which a page cannot send cross-origin without a preflight that localvpc never grants.</li>
 * </ul>
 * A request that would change EC2 state over GET without an Authorization header (an image tag can send one)
 * is refused by the API dispatcher, which knows which actions write.
 */
final class CrossSiteGuard {
    private final String configuredHost;

    CrossSiteGuard(String configuredHost) {
        this.configuredHost = configuredHost == null ? "" : configuredHost.toLowerCase(Locale.ROOT);
    }

    /** Why the request is refused, or empty when it may proceed. */
    Optional<String> refusal(ApiCall call) {
        String host = call.header("host");
        if (host != null && !isAllowedHost(hostName(host))) {
            return Optional.of("the Host '" + shorten(host) + "' is not localvpc's: it answers requests addressed to an IP address, localhost or "
                    + (configuredHost.isEmpty() ? "its --host" : configuredHost) + " (a web page that rebinds its own name to 127.0.0.1 is refused this way)");
        }
        String origin = call.header("origin");
        if (origin != null && !isOwnOrigin(origin, host)) {
            return Optional.of("the request comes from a web page at " + shorten(origin) + "; localvpc accepts browser requests only from its own pages");
        }
        String site = call.header("sec-fetch-site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return Optional.of("the browser marks this request as " + shorten(site) + " (Sec-Fetch-Site); localvpc accepts browser requests only from its own pages");
        }
        if (changesAdminState(call) && !isJson(call.header("content-type"))) {
            return Optional.of("admin calls that change state need Content-Type: application/json (the localvpc CLI sends it; a web page cannot without asking first)");
        }
        return Optional.empty();
    }

    /** Admin calls that change state: every POST but a trace, which only reads, and every DELETE. */
    private static boolean changesAdminState(ApiCall call) {
        if (!call.path().startsWith("/_localvpc/")) return false;
        return call.method().equals("DELETE") || call.method().equals("POST") && !call.path().equals("/_localvpc/trace");
    }

    private boolean isAllowedHost(String name) {
        if (name.isEmpty()) return false;
        if (name.equals("localhost") || name.endsWith(".localhost") || name.equals(configuredHost)) return true;
        return isIpLiteral(name);
    }

    private boolean isOwnOrigin(String origin, String host) {
        if (host == null) return false;
        try {
            URI u = URI.create(origin.trim());
            if (u.getHost() == null || !"http".equalsIgnoreCase(u.getScheme())) return false;
            String authority = u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() < 0 ? "" : ":" + u.getPort());
            return authority.equals(host.trim().toLowerCase(Locale.ROOT)) && isAllowedHost(hostName(host));
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed page) and anything unparsable
        }
    }

    /** The name part of a Host header ({@code 127.0.0.1:4580} → {@code 127.0.0.1}, {@code [::1]:4580} → {@code [::1]}). */
    static String hostName(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? "" : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    static boolean isIpLiteral(String name) {
        if (name.startsWith("[") && name.endsWith("]")) {
            String inner = name.substring(1, name.length() - 1);
            return !inner.isEmpty() && inner.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) return false;
        }
        return true;
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).trim().startsWith("application/json");
    }

    private static String shorten(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        StringBuilder out = new StringBuilder(t.length());
        for (char c : t.toCharArray()) out.append(c < 0x20 || c == 0x7F ? '?' : c);
        return out.toString();
    }
}
