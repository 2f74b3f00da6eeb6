package io.localvpc.dataplane.flows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The last flows of one account and region, oldest overwritten first. Stamps are taken and stored under this
 * ring's lock, so a reader that takes the lock sees every flow and every close stamped up to the cursor it is
 * given, and nothing it misses can carry a stamp at or below it. The lock is held for an array store or copy,
 * never for I/O, so an event loop recording a flow waits at most for a reader's copy of the array.
 */
final class FlowRing {
    private final LiveFlow[] slots;
    private int next;

    FlowRing(int capacity) {
        this.slots = new LiveFlow[capacity];
    }

    synchronized LiveFlow add(AtomicLong stamps, LongFunction<LiveFlow> make) {
        LiveFlow flow = make.apply(stamps.incrementAndGet());
        slots[next] = flow;
        next = (next + 1) % slots.length;
        return flow;
    }

    synchronized void close(AtomicLong stamps, LiveFlow flow, Instant at, long totalOut, long totalIn) {
        flow.close(stamps.incrementAndGet(), at, totalOut, totalIn);
    }

    int capacity() {
        return slots.length;
    }

    /** The flows held, newest first, and the stamp they are complete up to. */
    record Held(long cursor, List<LiveFlow> newestFirst) {
    }

    Held held(AtomicLong stamps) {
        List<LiveFlow> out = new ArrayList<>(slots.length);
        long cursor;
        synchronized (this) {
            cursor = stamps.get();
            for (int i = 1; i <= slots.length; i++) {
                LiveFlow f = slots[Math.floorMod(next - i, slots.length)];
                if (f == null) break;
                out.add(f);
            }
        }
        return new Held(cursor, out);
    }
}
