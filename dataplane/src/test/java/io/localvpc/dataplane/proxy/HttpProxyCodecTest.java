package io.localvpc.dataplane.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.localvpc.dataplane.proxy.Wire.basic;
import static io.localvpc.dataplane.proxy.Wire.outboundText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP proxy's answers without sockets: refusals, missing credentials, requests it cannot take. */
class HttpProxyCodecTest {
    static final String INSTANCE = "i-0123456789abcdef0";

    private final RecordingListener listener = new RecordingListener();

    private EmbeddedChannel proxy(RecordingPolicy policy) {
        return new EmbeddedChannel(new ProtocolDetector(new Gate(policy, listener)));
    }

    private static String exchange(EmbeddedChannel ch, String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.UTF_8));
        return outboundText(ch);
    }

    @Test
    void aRefusedConnectIs403WithTheReasonInBodyAndHeader() {
        RecordingPolicy policy = new RecordingPolicy(r -> new ConnectionDecision.Refuse(
                "sg-0abc egress: no rule allows tcp 443 to 52.216.8.1 → refused"));
        EmbeddedChannel ch = proxy(policy);
        String response = exchange(ch, "CONNECT s3.amazonaws.com:443 HTTP/1.1\r\nHost: s3.amazonaws.com:443\r\n"
                + "Proxy-Authorization: " + basic(INSTANCE) + "\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 403 Forbidden\r\n"), response);
        assertTrue(response.contains("X-Localvpc-Refused: sg-0abc egress: no rule allows tcp 443 to 52.216.8.1 -> refused\r\n"),
                response);
        assertTrue(response.endsWith("\r\n\r\nsg-0abc egress: no rule allows tcp 443 to 52.216.8.1 → refused\n"), response);
        assertFalse(ch.isOpen());
        assertEquals(new ConnectRequest(INSTANCE, "s3.amazonaws.com", 443, ProxyProtocol.HTTP_CONNECT), policy.asked.get(0));
    }

    @Test
    void unreachableIs502() {
        EmbeddedChannel ch = proxy(new RecordingPolicy(r -> new ConnectionDecision.Refuse(Refusal.NETWORK_UNREACHABLE,
                "no route to 52.216.8.1 in rtb-0abc")));
        String response = exchange(ch, "GET http://52.216.8.1/key HTTP/1.1\r\nHost: 52.216.8.1\r\n"
                + "Proxy-Authorization: " + basic("eni-0123456789abcdef0") + "\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 502 Bad Gateway\r\n"), response);
        assertTrue(response.contains("X-Localvpc-Refused: no route to 52.216.8.1 in rtb-0abc\r\n"), response);
        assertEquals(ProxyProtocol.HTTP_FORWARD, listener.refusedRequests.get(0).protocol());
    }

    @Test
    void withoutCredentialsTheAnswerIs407AskingForThem() {
        RecordingPolicy policy = new RecordingPolicy(r -> new ConnectionDecision.Refuse("unused"));
        EmbeddedChannel ch = proxy(policy);
        String response = exchange(ch, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 407 Proxy Authentication Required\r\n"), response);
        assertTrue(response.contains("proxy-authenticate: Basic realm="), response);
        assertTrue(response.contains("no workload identity"), response);
        assertTrue(policy.asked.isEmpty());
    }

    @Test
    void aMalformedIdentityIs403() {
        EmbeddedChannel ch = proxy(new RecordingPolicy(r -> new ConnectionDecision.Refuse("unused")));
        String response = exchange(ch, "CONNECT example.com:443 HTTP/1.1\r\nProxy-Authorization: " + basic("i-xyz")
                + "\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 403 "), response);
        assertTrue(response.contains("'i-xyz' is not an instance id"), response);
    }

    @Test
    void originFormRequestsAndBadConnectTargetsAre400() {
        String origin = exchange(proxy(new RecordingPolicy(r -> new ConnectionDecision.Refuse("unused"))),
                "GET /path HTTP/1.1\r\nHost: example.com\r\n\r\n");
        assertTrue(origin.startsWith("HTTP/1.1 400 Bad Request\r\n"), origin);
        assertTrue(origin.contains("CONNECT host:port or absolute-form"), origin);

        String noPort = exchange(proxy(new RecordingPolicy(r -> new ConnectionDecision.Refuse("unused"))),
                "CONNECT example.com HTTP/1.1\r\n\r\n");
        assertTrue(noPort.startsWith("HTTP/1.1 400 "), noPort);

        String https = exchange(proxy(new RecordingPolicy(r -> new ConnectionDecision.Refuse("unused"))),
                "GET https://example.com/ HTTP/1.1\r\nProxy-Authorization: " + basic(INSTANCE) + "\r\n\r\n");
        assertTrue(https.contains("use CONNECT"), https);
    }

    @Test
    void anHttpDeliveryOffTheMachineIsRefused() {
        EmbeddedChannel ch = proxy(new RecordingPolicy(r -> new ConnectionDecision.Deliver(
                java.net.InetSocketAddress.createUnresolved("localhost", 80), "ok")));
        String response = exchange(ch, "CONNECT example.com:443 HTTP/1.1\r\nProxy-Authorization: " + basic(INSTANCE)
                + "\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 403 "), response);
        assertTrue(response.contains("unresolved name localhost"), response);
    }
}
