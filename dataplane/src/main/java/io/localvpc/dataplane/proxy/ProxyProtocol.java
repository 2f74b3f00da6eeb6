package io.localvpc.dataplane.proxy;

/** How a workload asked the proxy for a connection; all of them end in one TCP stream to the target. */
public enum ProxyProtocol {
    /** SOCKS5 CONNECT (RFC 1928). */
    SOCKS5("socks5"),
    /** HTTP {@code CONNECT host:port}: a raw tunnel, usually carrying TLS. */
    HTTP_CONNECT("http-connect"),
    /** HTTP absolute-form request ({@code GET http://host/path}) that the proxy forwards in origin form. */
    HTTP_FORWARD("http-forward");

    private final String label;

    ProxyProtocol(String label) {
        this.label = label;
    }

    /** Short lower-case name used in log lines. */
    public String label() {
        return label;
    }
}
