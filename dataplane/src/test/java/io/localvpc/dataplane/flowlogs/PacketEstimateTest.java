package io.localvpc.dataplane.flowlogs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PacketEstimateTest {
    @Test
    void segmentsOfAnMssAnAckForEveryTwoReceivedAndTheHandshakeAndFin() {
        assertEquals(0, PacketEstimate.segments(0));
        assertEquals(1, PacketEstimate.segments(1460));
        assertEquals(2, PacketEstimate.segments(1461));
        // a request of 100 bytes answered with 5,000 (4 segments): SYN, ACK, one data segment, 2 ACKs, FIN
        assertEquals(6, PacketEstimate.packets(100, 5000, true, true, true));
        // the answer: SYN-ACK, 4 data segments, 1 ACK, FIN
        assertEquals(7, PacketEstimate.packets(5000, 100, true, true, false));
        // a middle window with nothing moved sends nothing
        assertEquals(0, PacketEstimate.packets(0, 0, false, false, true));
    }

    @Test
    void flagsAsFlowLogsOrThem() {
        assertEquals(3, PacketEstimate.flags(true, true, true));
        assertEquals(19, PacketEstimate.flags(true, true, false));
        assertEquals(2, PacketEstimate.flags(true, false, true));
        assertEquals(1, PacketEstimate.flags(false, true, false));
        assertEquals(0, PacketEstimate.flags(false, false, true));
    }
}
