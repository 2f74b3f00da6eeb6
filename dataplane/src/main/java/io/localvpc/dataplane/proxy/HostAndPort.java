package io.localvpc.dataplane.proxy;

/** A CONNECT authority ({@code host:port}, {@code [v6]:port}). */
record HostAndPort(String host, int port) {

    /** Parses a CONNECT target; null when it is not {@code host:port} with a port in 1–65535. */
    static HostAndPort parseAuthority(String authority) {
        if (authority == null) return null;
        int colon = authority.lastIndexOf(':');
        if (colon <= 0 || colon == authority.length() - 1) return null;
        String host = authority.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        else if (host.indexOf(':') >= 0) return null;
        if (host.isEmpty()) return null;
        int port;
        try {
            port = Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        return port >= 1 && port <= 65535 ? new HostAndPort(host, port) : null;
    }
}
