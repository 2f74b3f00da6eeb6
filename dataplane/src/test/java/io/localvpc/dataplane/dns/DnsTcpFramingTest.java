package io.localvpc.dataplane.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** DNS over TCP's two-byte length framing, several queries on one connection, split across reads. */
class DnsTcpFramingTest {

    @Test
    void twoQueriesInPiecesGetTwoFramedAnswers() throws IOException {
        EmbeddedChannel ch = new EmbeddedChannel(DnsTcpHandler.initializer(
                new DnsResponder(TestViews.vpc("10.0.1.25"), "vpc-test")));
        byte[] q1 = frame(Message.newQuery(Record.newRecord(Name.fromString("s3.us-east-1.amazonaws.com."), Type.A, DClass.IN)));
        byte[] q2 = frame(Message.newQuery(Record.newRecord(Name.fromString("nothing.example."), Type.A, DClass.IN)));
        byte[] both = new byte[q1.length + q2.length];
        System.arraycopy(q1, 0, both, 0, q1.length);
        System.arraycopy(q2, 0, both, q1.length, q2.length);
        ch.writeInbound(Unpooled.wrappedBuffer(both, 0, 7));
        ch.writeInbound(Unpooled.wrappedBuffer(both, 7, both.length - 7));

        Message a1 = unframe(ch);
        Message a2 = unframe(ch);
        assertEquals("10.0.1.25", a1.getSectionArray(1)[0].rdataToString());
        assertEquals(org.xbill.DNS.Rcode.NXDOMAIN, a2.getRcode());
        assertNull(ch.readOutbound());
    }

    private static byte[] frame(Message m) {
        byte[] wire = m.toWire();
        byte[] framed = new byte[wire.length + 2];
        framed[0] = (byte) (wire.length >> 8);
        framed[1] = (byte) wire.length;
        System.arraycopy(wire, 0, framed, 2, wire.length);
        return framed;
    }

    /** Reads one length-prefixed message from what the channel wrote (the prefix and body may be separate buffers). */
    private static Message unframe(EmbeddedChannel ch) throws IOException {
        ByteBuf all = Unpooled.buffer();
        while (all.readableBytes() < 2 || all.readableBytes() < 2 + all.getUnsignedShort(0)) {
            ByteBuf next = ch.readOutbound();
            all.writeBytes(next);
            next.release();
        }
        int length = all.readUnsignedShort();
        byte[] body = new byte[length];
        all.readBytes(body);
        return new Message(body);
    }
}
