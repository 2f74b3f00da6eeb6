package io.localvpc.dataplane.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.ReadTimeoutHandler;

import java.util.concurrent.TimeUnit;

/**
 * The pipeline of a new workload connection: a handshake deadline, then protocol detection. The deadline is
 * removed once the connection is relaying, so an idle tunnel stays open as long as both ends want it.
 */
final class ProxyInitializer extends ChannelInitializer<Channel> {
    static final int HANDSHAKE_TIMEOUT_SECONDS = 30;

    private final Gate gate;

    ProxyInitializer(Gate gate) {
        this.gate = gate;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast("handshake-timeout", new ReadTimeoutHandler(HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        ch.pipeline().addLast("detect", new ProtocolDetector(gate));
    }

    static void handshakeDone(Channel ch) {
        if (ch.pipeline().get("handshake-timeout") != null) ch.pipeline().remove("handshake-timeout");
    }
}
