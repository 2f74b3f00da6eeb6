package io.localvpc.dataplane.health;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression (found by bench/health.sh): a program that accepts and resets at once made a TCP check fail when the
 * reset reached the event loop before the connect's completion did (Netty reports it as a connect failure), though the
 * handshake was done. A reset counts as a completed handshake; a refusal does not.
 */
class HealthProbeTest {
    @Test
    void aResetWhileConnectingMeansTheHandshakeWasDone() {
        assertTrue(HealthProbe.resetAfterHandshake(new ConnectException("finishConnect(..) failed: Connection reset by peer: /127.0.0.1:35277")));
        assertTrue(HealthProbe.resetAfterHandshake(new IOException("recvAddress(..) failed: Connection reset by peer")));
        assertFalse(HealthProbe.resetAfterHandshake(new ConnectException("finishConnect(..) failed: Connection refused: /127.0.0.1:35277")));
        assertFalse(HealthProbe.resetAfterHandshake(new ConnectException("connect(..) failed: No route to host")));
    }
}
