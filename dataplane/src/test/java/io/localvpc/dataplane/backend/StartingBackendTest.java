package io.localvpc.dataplane.backend;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A starting backend starts once: when told to, or when something first needs it; never just to be closed. */
class StartingBackendTest {

    /** A backend that counts how often it was started and closed. */
    private static final class Counted implements ServiceBackend, AutoCloseable {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public String name() {
            return "counted";
        }

        @Override
        public InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", 9);
        }

        @Override
        public Protocol protocol() {
            return Protocol.HTTP;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    private final AtomicInteger starts = new AtomicInteger();
    private final Counted made = new Counted();

    private StartingBackend<Counted> backend() {
        return new StartingBackend<>("counted", ServiceBackend.Protocol.HTTP, "s3", (request, names) -> request, () -> {
            starts.incrementAndGet();
            return made;
        });
    }

    @Test
    void nothingStartsBeforeItIsToldToOrNeeded() throws Exception {
        StartingBackend<Counted> b = backend();
        assertFalse(b.isDone());
        b.close();
        assertEquals(0, starts.get(), "closing a backend that never started does not start it");
        assertEquals(0, made.closed.get());
    }

    @Test
    void beginStartsItOnceInTheBackground() throws Exception {
        StartingBackend<Counted> b = backend();
        b.begin();
        b.begin();
        assertEquals(made.address(), b.whenReady().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(1, starts.get());
        b.close();
        assertEquals(1, made.closed.get());
    }

    @Test
    void theFirstUseStartsItWhenNothingElseDid() throws Exception {
        StartingBackend<Counted> b = backend();
        assertTrue(b.backend() == made);
        assertTrue(b.isDone());
        b.begin();
        assertEquals(1, starts.get(), "begin after a start on demand starts nothing more");
    }
}
