package io.localvpc.dataplane.proxy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The small parsers the handlers rely on. */
class ProxyPartsTest {

    @Test
    void connectAuthorities() {
        assertEquals(new HostAndPort("s3.amazonaws.com", 443), HostAndPort.parseAuthority("s3.amazonaws.com:443"));
        assertEquals(new HostAndPort("::1", 8443), HostAndPort.parseAuthority("[::1]:8443"));
        assertNull(HostAndPort.parseAuthority("s3.amazonaws.com"));
        assertNull(HostAndPort.parseAuthority("::1:443"));
        assertNull(HostAndPort.parseAuthority("host:0"));
        assertNull(HostAndPort.parseAuthority("host:65536"));
        assertNull(HostAndPort.parseAuthority(":443"));
        assertNull(HostAndPort.parseAuthority("host:http"));
    }

    @Test
    void proxyAuthorizationUserName() {
        HttpHeaders h = new DefaultHttpHeaders();
        assertNull(ProxyAuthorization.user(h));
        h.set("Proxy-Authorization", Wire.basic("i-0123456789abcdef0"));
        assertEquals("i-0123456789abcdef0", ProxyAuthorization.user(h));
        h.set("Proxy-Authorization", "basic " + java.util.Base64.getEncoder().encodeToString("eni-01234567".getBytes()));
        assertEquals("eni-01234567", ProxyAuthorization.user(h), "no colon: the whole value is the user");
        h.set("Proxy-Authorization", "Bearer abc");
        assertNull(ProxyAuthorization.user(h));
        h.set("Proxy-Authorization", "Basic !!!");
        assertNull(ProxyAuthorization.user(h));
    }

    @Test
    void workloadIdentities() {
        assertNull(WorkloadIdentity.problem("i-0123456789abcdef0"));
        assertNull(WorkloadIdentity.problem("i-01234567"));
        assertNull(WorkloadIdentity.problem("eni-0123456789abcdef0"));
        assertEquals(true, WorkloadIdentity.problem(null).startsWith("no workload identity"));
        assertEquals(true, WorkloadIdentity.problem("vpc-01234567").contains("is not an instance id"));
        assertEquals(true, WorkloadIdentity.problem("i-0123456789ABCDEF0").contains("is not an instance id"));
    }

    @Test
    void refusalHeadersArePrintableAscii() {
        assertEquals("no route to 10.0.0.1 in rtb-0abc... -> drop ?", HttpRefusals.headerSafe("no route to 10.0.0.1 in rtb-0abc… → drop \u00e9"));
        assertEquals("a b", HttpRefusals.headerSafe("a\r\nb").replace("  ", " "));
    }

    @Test
    void connectRequestsCheckTheirPort() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectRequest("i-01234567", "h", 0, ProxyProtocol.SOCKS5));
        assertEquals("[::1]:443", new ConnectRequest("i-01234567", "::1", 443, ProxyProtocol.SOCKS5).destination());
    }
}
