package io.localvpc.dataplane.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {

    @Test
    void loopbackUpstreamsAreAccepted() {
        assertEquals(4566, UpstreamBackend.http(URI.create("http://127.0.0.1:4566")).address().getPort());
        assertTrue(UpstreamBackend.http(URI.create("http://localhost:8000/")).address().getAddress().isLoopbackAddress());
        assertTrue(UpstreamBackend.http(URI.create("http://[::1]:8000")).address().getAddress().isLoopbackAddress());
        assertTrue(TcpBackend.loopback("127.0.0.5", 5432).address().getAddress().isLoopbackAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1:80", "http://192.168.1.20:4566", "https://127.0.0.1:4566",
                            "http://127.0.0.1:4566/prefix", "ftp://127.0.0.1"})
    void otherUpstreamsAreRefused(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UpstreamBackend.http(URI.create(url)));
        assertTrue(e.getMessage().contains(URI.create(url).getHost()) || e.getMessage().contains(url), e.getMessage());
    }

    @Test
    void nonLoopbackTcpBackendIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TcpBackend.loopback("10.1.2.3", 5432));
        assertTrue(e.getMessage().contains("not a loopback address"), e.getMessage());
    }

    @Test
    void longestDomainWins() {
        UpstreamBackend general = UpstreamBackend.http(URI.create("http://127.0.0.1:1000"));
        UpstreamBackend specific = UpstreamBackend.http(URI.create("http://127.0.0.1:2000"));
        HostBackendRouter router = new HostBackendRouter().route("amazonaws.com", general)
                .route("s3.us-east-1.amazonaws.com", specific);
        assertEquals(specific, router.route("b.s3.us-east-1.amazonaws.com").orElseThrow());
        assertEquals(specific, router.route("S3.us-east-1.amazonaws.com.").orElseThrow());
        assertEquals(general, router.route("sqs.us-east-1.amazonaws.com").orElseThrow());
        assertTrue(router.route("example.com").isEmpty());
        assertTrue(router.route("xamazonaws.com").isEmpty());
    }
}
