package io.localvpc.dataplane.proxy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The metadata service asked for on the proxy's own port, {@code /imds/<id>/…}, as SDKs that never proxy it send it. */
class MetadataPathTest {
    private static final InetSocketAddress PROXY = new InetSocketAddress("127.0.0.1", 4581);

    @Test
    void originFormAndAbsoluteFormNamingThisProxy() {
        MetadataPath p = MetadataPath.parse(URI.create("/imds/i-0123456789abcdef0/latest/api/token"), PROXY);
        assertEquals(new MetadataPath("i-0123456789abcdef0", "/latest/api/token"), p);
        assertEquals(p, MetadataPath.parse(URI.create("http://127.0.0.1:4581/imds/i-0123456789abcdef0/latest/api/token"), PROXY));
        // The Java SDK joins "<endpoint>/" and "/latest/…" into a double slash.
        assertEquals(p, MetadataPath.parse(URI.create("/imds/i-0123456789abcdef0//latest/api/token"), PROXY));
        assertEquals("/latest/meta-data/?x=1", MetadataPath.parse(URI.create("/imds/eni-0123456789abcdef0/latest/meta-data/?x=1"), PROXY).rest());
    }

    @Test
    void otherRequestsAreNotMetadataRequests() {
        assertNull(MetadataPath.parse(URI.create("http://127.0.0.1:9999/imds/i-0123456789abcdef0/latest/"), PROXY), "another port");
        assertNull(MetadataPath.parse(URI.create("http://s3.amazonaws.com/imds/i-0123456789abcdef0/latest/"), PROXY), "another host");
        assertNull(MetadataPath.parse(URI.create("/latest/meta-data/"), PROXY));
        assertNull(MetadataPath.parse(URI.create("/imds//latest/"), PROXY), "no identity");
    }

    @Test
    void theServiceGetsThePathBelowTheIdentityAndNoProxyCredentials() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/imds/i-0123456789abcdef0/latest/api/token");
        request.headers().set("Proxy-Authorization", "Basic eDp5").set("Host", "127.0.0.1:4581").set("X-aws-ec2-metadata-token-ttl-seconds", "60");
        HttpRequest forwarded = MetadataPath.parse(URI.create(request.uri()), PROXY).originForm(request);
        assertEquals("/latest/api/token", forwarded.uri());
        assertEquals("169.254.169.254", forwarded.headers().get("Host"));
        assertNull(forwarded.headers().get("Proxy-Authorization"));
        assertEquals("60", forwarded.headers().get("X-aws-ec2-metadata-token-ttl-seconds"));
    }
}
