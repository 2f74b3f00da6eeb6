package io.localvpc.dataplane.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * The endpoint front's read deadline: an event when the client has sent nothing for the idle timeout. Whoever
 * serves the connection at that moment decides what it means: before the first request (no first byte, a TLS
 * handshake or a request head not finished) and between requests the connection closes; while a request body is
 * owed it is answered {@code RequestTimeout}; while the client waits for a response it means nothing. An opaque
 * TCP relay removes it, as a tunnel may be idle for as long as both ends like.
 */
final class FrontTimeout {
    static final String NAME = "front-timeout";

    private FrontTimeout() {
    }

    static ChannelHandler handler(long idleMillis) {
        return new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS);
    }

    static boolean isReadIdle(Object evt) {
        return evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE;
    }

    static void remove(ChannelPipeline pipeline) {
        if (pipeline.get(NAME) != null) pipeline.remove(NAME);
    }
}
