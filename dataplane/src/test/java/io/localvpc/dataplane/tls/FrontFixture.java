package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.BackendRouter;

import java.time.Duration;

/** The endpoint front on a loopback port for tests in other packages (the fuzz tests). */
public final class FrontFixture implements AutoCloseable {
    private final EndpointListener listener;

    private FrontFixture(EndpointListener listener) {
        this.listener = listener;
    }

    public static FrontFixture start(BackendRouter router, Duration idleTimeout) {
        return new FrontFixture(EndpointListener.builder(LocalCa.inMemory(), router).idleTimeout(idleTimeout).start());
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
    }
}
