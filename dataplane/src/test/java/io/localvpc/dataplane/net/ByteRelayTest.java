package io.localvpc.dataplane.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay between two channels, without sockets: copying, backpressure by auto-read, close propagation. */
class ByteRelayTest {

    private static EmbeddedChannel[] pair() {
        EmbeddedChannel workload = new EmbeddedChannel();
        EmbeddedChannel target = new EmbeddedChannel();
        workload.pipeline().addLast(new ByteRelay(target));
        target.pipeline().addLast(new ByteRelay(workload));
        return new EmbeddedChannel[] {workload, target};
    }

    @Test
    void bytesCrossInBothDirections() {
        EmbeddedChannel[] p = pair();
        p[0].writeInbound(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII));
        ByteBuf atTarget = p[1].readOutbound();
        assertEquals("ping", atTarget.toString(StandardCharsets.US_ASCII));
        atTarget.release();
        p[1].writeInbound(Unpooled.copiedBuffer("pong", StandardCharsets.US_ASCII));
        ByteBuf atWorkload = p[0].readOutbound();
        assertEquals("pong", atWorkload.toString(StandardCharsets.US_ASCII));
        atWorkload.release();
    }

    @Test
    void aSideStopsReadingWhileItsPeerCannotTakeMoreAndResumesAfter() {
        EmbeddedChannel[] p = pair();
        EmbeddedChannel workload = p[0];
        EmbeddedChannel target = p[1];
        target.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        workload.writeInbound(Unpooled.copiedBuffer("data", StandardCharsets.US_ASCII));
        assertFalse(workload.config().isAutoRead(), "the target is full: stop reading the workload");
        assertTrue(target.config().isAutoRead(), "the other direction is unaffected");

        target.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        target.runPendingTasks();
        assertTrue(workload.config().isAutoRead());
        ((ByteBuf) target.readOutbound()).release();
    }

    @Test
    void endOfInputOnAChannelThatCannotHalfCloseEndsBoth() {
        EmbeddedChannel[] p = pair();
        p[0].pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        p[0].runPendingTasks();
        p[1].runPendingTasks();
        assertFalse(p[0].isOpen());
        assertFalse(p[1].isOpen());
    }

    @Test
    void closingOneSideClosesTheOtherAfterFlushing() {
        EmbeddedChannel[] p = pair();
        p[0].writeInbound(Unpooled.copiedBuffer("bye", StandardCharsets.US_ASCII));
        p[0].close();
        p[1].runPendingTasks();
        assertFalse(p[1].isOpen());
        ByteBuf flushed = p[1].readOutbound();
        assertEquals("bye", flushed.toString(StandardCharsets.US_ASCII));
        flushed.release();
    }

    @Test
    void bytesForAClosedPeerAreReleased() {
        EmbeddedChannel gone = new EmbeddedChannel();
        gone.close();
        EmbeddedChannel workload = new EmbeddedChannel(new ByteRelay(gone));
        ByteBuf late = Unpooled.copiedBuffer("late", StandardCharsets.US_ASCII);
        late.retain();
        workload.writeInbound(late);
        assertEquals(1, late.refCnt(), "only the test's own reference is left");
        late.release();
    }
}
