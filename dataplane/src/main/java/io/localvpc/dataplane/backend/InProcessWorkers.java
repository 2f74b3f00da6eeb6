package io.localvpc.dataplane.backend;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a service served in process answers on when a request may wait (for a disk, or for a slow client's
 * body): up to a bound, none kept idle for long, and none queued, so that one request too many is refused at once
 * (the front answers it {@code 503}) rather than waiting behind the others.
 */
final class InProcessWorkers {
    private InProcessWorkers() {
    }

    /** Up to {@code max} daemon threads named {@code <name>-<n>}. */
    static ThreadPoolExecutor create(String name, int max) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, max, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes no more work and lets what is being served end, for a few seconds at most. */
    static void stop(ThreadPoolExecutor workers) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
