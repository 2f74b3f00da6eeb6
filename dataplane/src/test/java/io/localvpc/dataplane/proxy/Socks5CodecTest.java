package io.localvpc.dataplane.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static io.localvpc.dataplane.proxy.Wire.outbound;
import static io.localvpc.dataplane.proxy.Wire.socksConnect;
import static io.localvpc.dataplane.proxy.Wire.socksGreeting;
import static io.localvpc.dataplane.proxy.Wire.socksPassword;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SOCKS5 conversation without sockets: method choice, authentication, refusals and their reply codes. */
class Socks5CodecTest {
    static final String INSTANCE = "i-0123456789abcdef0";

    private final RecordingListener listener = new RecordingListener();

    private EmbeddedChannel proxy(RecordingPolicy policy) {
        return new EmbeddedChannel(new ProtocolDetector(new Gate(policy, listener)));
    }

    private static void send(EmbeddedChannel ch, byte[] bytes) {
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    @Test
    void passwordIsPreferredAndTheUserNameReachesThePolicyAsIdentity() {
        RecordingPolicy policy = new RecordingPolicy(r -> new ConnectionDecision.Refuse(Refusal.HOST_UNREACHABLE, "no route"));
        EmbeddedChannel ch = proxy(policy);
        send(ch, socksGreeting(0x00, 0x02));
        assertArrayEquals(new byte[] {5, 2}, outbound(ch));
        send(ch, socksPassword(INSTANCE, "secret"));
        assertArrayEquals(new byte[] {1, 0}, outbound(ch));
        send(ch, socksConnect("bucket.s3.us-east-1.amazonaws.com", 443));
        byte[] reply = outbound(ch);
        assertEquals(5, reply[0]);
        assertEquals(0x04, reply[1], "host unreachable");
        assertFalse(ch.isOpen());
        assertEquals(new ConnectRequest(INSTANCE, "bucket.s3.us-east-1.amazonaws.com", 443, ProxyProtocol.SOCKS5),
                policy.asked.get(0));
        assertEquals("no route", listener.refusals.get(0).reason());
    }

    @Test
    void eachRefusalKindHasItsReplyCode() {
        for (Refusal kind : Refusal.values()) {
            EmbeddedChannel ch = proxy(new RecordingPolicy(r -> new ConnectionDecision.Refuse(kind, "because")));
            send(ch, socksGreeting(0x02));
            send(ch, socksPassword("eni-0123456789abcdef0", ""));
            outbound(ch);
            send(ch, socksConnect("10.0.1.5", 80));
            assertEquals(kind.socksReply(), outbound(ch)[1], kind.name());
        }
        assertEquals(0x02, Refusal.NOT_ALLOWED.socksReply());
        assertEquals(0x03, Refusal.NETWORK_UNREACHABLE.socksReply());
    }

    @Test
    void noAuthIsAcceptedThenRefusedAtConnectWithoutAskingThePolicy() {
        RecordingPolicy policy = new RecordingPolicy(r -> new ConnectionDecision.Deliver(new InetSocketAddress("127.0.0.1", 1), "x"));
        EmbeddedChannel ch = proxy(policy);
        send(ch, socksGreeting(0x00));
        assertArrayEquals(new byte[] {5, 0}, outbound(ch));
        send(ch, socksConnect("example.com", 80));
        assertEquals(0x02, outbound(ch)[1]);
        assertFalse(ch.isOpen());
        assertTrue(policy.asked.isEmpty());
        assertTrue(listener.refusals.get(0).reason().startsWith("no workload identity"), listener.refusals.get(0).reason());
    }

    @Test
    void aUserNameThatIsNoInstanceOrEniIdIsRefusedAtConnect() {
        RecordingPolicy policy = new RecordingPolicy(r -> new ConnectionDecision.Refuse("unused"));
        EmbeddedChannel ch = proxy(policy);
        send(ch, socksGreeting(0x02));
        send(ch, socksPassword("alice", "pw"));
        assertArrayEquals(new byte[] {5, 2, 1, 0}, outbound(ch));
        send(ch, socksConnect("example.com", 80));
        assertEquals(0x02, outbound(ch)[1]);
        assertTrue(policy.asked.isEmpty());
        assertTrue(listener.refusals.get(0).reason().contains("'alice' is not an instance id"));
    }

    @Test
    void aDeliveryOffTheMachineIsRefused() {
        EmbeddedChannel ch = proxy(new RecordingPolicy(r -> new ConnectionDecision.Deliver(new InetSocketAddress("192.0.2.10", 443), "ok")));
        send(ch, socksGreeting(0x02));
        send(ch, socksPassword(INSTANCE, ""));
        outbound(ch);
        send(ch, socksConnect("example.com", 443));
        assertEquals(0x02, outbound(ch)[1]);
        assertTrue(listener.refusals.get(0).reason().contains("192.0.2.10:443, which is not a loopback address"));
    }

    @Test
    void aPolicyThatThrowsIsAGeneralFailure() {
        EmbeddedChannel ch = proxy(new RecordingPolicy(r -> {
            throw new IllegalStateException("boom");
        }));
        send(ch, socksGreeting(0x02));
        send(ch, socksPassword(INSTANCE, ""));
        outbound(ch);
        send(ch, socksConnect("example.com", 443));
        assertEquals(0x01, outbound(ch)[1]);
    }

    @Test
    void commandsOtherThanConnectAreUnsupported() {
        EmbeddedChannel ch = proxy(new RecordingPolicy(r -> new ConnectionDecision.Refuse("unused")));
        send(ch, socksGreeting(0x02));
        send(ch, socksPassword(INSTANCE, ""));
        outbound(ch);
        byte[] udpAssociate = socksConnect("example.com", 53);
        udpAssociate[1] = 3;
        send(ch, udpAssociate);
        assertEquals(0x07, outbound(ch)[1]);
        assertFalse(ch.isOpen());
    }

    @Test
    void clientsOfferingNoUsableMethodAreTurnedAway() {
        EmbeddedChannel ch = proxy(new RecordingPolicy(r -> new ConnectionDecision.Refuse("unused")));
        send(ch, socksGreeting(0x01)); // GSSAPI only
        assertArrayEquals(new byte[] {5, (byte) 0xff}, outbound(ch));
        assertFalse(ch.isOpen());
    }

    @Test
    void socks4GetsARejectionAndOtherBytesAClose() {
        EmbeddedChannel socks4 = proxy(new RecordingPolicy(r -> new ConnectionDecision.Refuse("unused")));
        send(socks4, new byte[] {4, 1, 0, 80, 127, 0, 0, 1, 0});
        assertEquals(0x5B, outbound(socks4)[1]);
        assertFalse(socks4.isOpen());

        EmbeddedChannel tls = proxy(new RecordingPolicy(r -> new ConnectionDecision.Refuse("unused")));
        send(tls, new byte[] {0x16, 3, 1});
        assertFalse(tls.isOpen());
    }
}
