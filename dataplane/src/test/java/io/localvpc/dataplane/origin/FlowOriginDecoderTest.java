package io.localvpc.dataplane.origin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FlowOriginDecoderTest {
    private static final FlowOrigin ORIGIN = new FlowOrigin("000000000000", "us-east-1", "vpc-0123456789abcdef0",
            "eni-0123456789abcdef0", "10.0.1.4", "vpce-0123456789abcdef0", "gateway-endpoint", "vpce-0123456789abcdef0", null);

    private static String drain(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readInbound()) != null) {
            sb.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return sb.toString();
    }

    @Test
    void headerBecomesTheChannelsOriginAndTheRestPassesThrough() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlowOriginDecoder());
        byte[] header = ORIGIN.proxyHeader("52.216.8.1", 443);
        ch.writeInbound(Unpooled.wrappedBuffer(header, "hello".getBytes(StandardCharsets.UTF_8)));
        ch.writeInbound(Unpooled.copiedBuffer(" world", StandardCharsets.UTF_8));
        assertEquals(ORIGIN, ch.attr(FlowOrigin.KEY).get());
        assertEquals("hello world", drain(ch));
    }

    @Test
    void headerSplitAcrossReadsIsStillRead() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlowOriginDecoder());
        byte[] header = ORIGIN.proxyHeader("52.216.8.1", 443);
        ch.writeInbound(Unpooled.wrappedBuffer(header, 0, 5));
        ch.writeInbound(Unpooled.wrappedBuffer(header, 5, header.length - 5));
        ch.writeInbound(Unpooled.copiedBuffer("after", StandardCharsets.UTF_8));
        assertEquals(ORIGIN, ch.attr(FlowOrigin.KEY).get());
        assertEquals("after", drain(ch));
    }

    @Test
    void aClientWithoutHeaderHasNoOriginAndLosesNoBytes() {
        EmbeddedChannel ch = new EmbeddedChannel(new FlowOriginDecoder());
        ch.writeInbound(Unpooled.copiedBuffer("\u0016\u0003\u0001 TLS client hello…", StandardCharsets.UTF_8));
        assertNull(ch.attr(FlowOrigin.KEY).get());
        assertEquals("\u0016\u0003\u0001 TLS client hello…", drain(ch));
    }
}
