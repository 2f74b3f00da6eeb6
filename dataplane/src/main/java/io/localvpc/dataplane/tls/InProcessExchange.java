package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.HttpAnswer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One request served in process ({@link io.localvpc.dataplane.backend.InProcessHttp}), between the client's event
 * loop and the service's thread. The body goes one way: the forwarder {@link #offer}s each part as it is decoded and
 * the service reads them from {@link #body()}; past {@link #BODY_AHEAD} bytes unread, the client's reads pause until
 * the service catches up. The answer goes the other: the service {@link #send}s parts, each relayed to the client on
 * its event loop; the service waits while more than {@link #ANSWER_AHEAD} bytes are on their way or the client's
 * connection is full (its write buffer marks are set to {@link #ANSWER_AHEAD}). Each wake-up of the other thread
 * costs (on a virtual machine, waking an idle processor can cost more than the work handed over), so a waiting side is
 * woken only once there is a good share of work for it: {@link #BODY_WAKE} bytes of body, or room for half
 * {@link #ANSWER_AHEAD} bytes of answer. Either side learns when the client is gone ({@link #abandon}): the service's
 * reads and sends fail, and whatever was still held is released.
 */
final class InProcessExchange implements HttpAnswer {
    /** Request bytes held for the service before the client's reads pause. */
    static final int BODY_AHEAD = 1024 * 1024;
    /**
     * A body up to this long is held whole before the service starts on its request, so the service's thread runs
     * once, start to end, instead of waking for the head and waiting for the body (which, after a {@code 100 Continue},
     * is a round trip away); a longer one, or one of unknown length, streams to the service as it comes.
     */
    static final int WHOLE_BODY = 64 * 1024;
    /** Answer bytes handed to the event loop and not yet written before the service waits. */
    static final int ANSWER_AHEAD = 1024 * 1024;
    /** A service waiting for the request body is woken once this much is held (or the body has ended). */
    static final int BODY_WAKE = 256 * 1024;
    /** The client connection's write buffer marks while it is served in process: the service waits above the high one. */
    static final io.netty.channel.WriteBufferWaterMark ANSWER_MARKS = new io.netty.channel.WriteBufferWaterMark(ANSWER_AHEAD / 2, ANSWER_AHEAD);
    /** How long the service waits for a client that takes nothing of its answer before it gives up (Jetty's idle time). */
    static final long ANSWER_STALL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final EndpointHttpForwarder forwarder;
    private final Channel client;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // guarded by lock
    private final ArrayDeque<ByteBuf> body = new ArrayDeque<>();
    private long bodyHeld;
    private boolean bodyEnded;
    /** The service stopped reading the body (it closed its stream): what comes is dropped. */
    private boolean bodyClosed;
    /** The client's reads are paused until the service has read enough. */
    private boolean readingPaused;
    private long answerAhead;
    /** The client is gone, or the forwarder gave up on this request. */
    private boolean gone;

    // event loop only
    /** The answer's last part has been relayed. */
    private boolean answered;
    /** What starts the service once the whole body is held ({@link #startWithWholeBody}); null otherwise. */
    private Runnable startWithBody;

    InProcessExchange(EndpointHttpForwarder forwarder, Channel client) {
        this.forwarder = forwarder;
        this.client = client;
    }

    // --- on the event loop ---

    /** Runs {@code start} (on the event loop) once the whole request body is held: now, if it already is. */
    void startWithWholeBody(Runnable start) {
        lock.lock();
        try {
            if (!bodyEnded && !gone) {
                startWithBody = start;
                return;
            }
        } finally {
            lock.unlock();
        }
        start.run();
    }

    /** Hands on a part of the request body (owned by the exchange from now on); false when the client's reads must pause. */
    boolean offer(HttpContent content) {
        ByteBuf bytes = content.content();
        lock.lock();
        try {
            if (gone || bodyClosed) {
                content.release();
                return true;
            }
            if (bytes.isReadable()) {
                body.add(bytes);
                bodyHeld += bytes.readableBytes();
            } else {
                content.release();
            }
            if (content instanceof LastHttpContent) bodyEnded = true;
            if (bodyEnded || bodyHeld >= BODY_WAKE) changed.signalAll();
            if (bodyHeld >= BODY_AHEAD) readingPaused = true;
        } finally {
            lock.unlock();
        }
        Runnable start = bodyEnded ? startWithBody : null;
        if (start != null) {
            startWithBody = null;
            start.run();
        }
        return takesMore();
    }

    /** Whether the client's reads may go on (the service is not behind on the body). */
    boolean takesMore() {
        lock.lock();
        try {
            return !readingPaused;
        } finally {
            lock.unlock();
        }
    }

    /** The client's connection can take more of the answer. */
    void clientWritable() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The client is gone or the request was given up: the service's reads and sends fail from now on. */
    void abandon() {
        lock.lock();
        try {
            gone = true;
            releaseBody();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the answer's last part has been relayed to the client. */
    boolean answered() {
        return answered;
    }

    private void relay(HttpObject[] parts, long size) {
        boolean dropped;
        lock.lock();
        try {
            answerAhead -= size;
            if (answerAhead <= ANSWER_AHEAD / 2) changed.signalAll();
            dropped = gone;
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < parts.length; i++) {
            if (dropped) {
                ReferenceCountUtil.release(parts[i]);
                continue;
            }
            if (parts[i] instanceof LastHttpContent) answered = true;
            forwarder.relayAnswer(parts[i], i == parts.length - 1);
        }
    }

    // --- on the service's thread ---

    /** The request body as the service reads it. */
    InputStream body() {
        return new Body();
    }

    @Override
    public void send(HttpObject... parts) throws IOException {
        if (client.eventLoop().inEventLoop()) {
            // a short answer made on the event loop itself: relayed now, as nothing can be waited for here
            if (goneNow()) {
                for (HttpObject part : parts) ReferenceCountUtil.release(part);
                throw new IOException("the client's connection ended");
            }
            relay(parts, 0);
            return;
        }
        long size = 0;
        for (HttpObject part : parts) {
            if (part instanceof HttpContent c) size += c.content().readableBytes();
        }
        lock.lock();
        try {
            long deadline = System.nanoTime() + ANSWER_STALL_NANOS;
            while (!gone && ((answerAhead > 0 && answerAhead + size > ANSWER_AHEAD) || !client.isWritable())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    gone = true;
                    break;
                }
                changed.awaitNanos(left);
            }
            if (!gone) answerAhead += size;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gone = true;
        } finally {
            lock.unlock();
        }
        if (goneNow()) {
            for (HttpObject part : parts) ReferenceCountUtil.release(part);
            throw new IOException("the client's connection ended, or took nothing of the answer for "
                    + TimeUnit.NANOSECONDS.toSeconds(ANSWER_STALL_NANOS) + " s");
        }
        long sent = size;
        try {
            client.eventLoop().execute(() -> relay(parts, sent));
        } catch (RejectedExecutionException e) {
            for (HttpObject part : parts) ReferenceCountUtil.release(part);
            throw new IOException("the client's event loop has stopped", e);
        }
    }

    @Override
    public void abort() {
        try {
            client.eventLoop().execute(() -> {
                if (!answered) forwarder.answerBroke(this);
            });
        } catch (RejectedExecutionException e) {
            client.close();
        }
    }

    @Override
    public ByteBufAllocator alloc() {
        return client.alloc();
    }

    private boolean goneNow() {
        lock.lock();
        try {
            return gone;
        } finally {
            lock.unlock();
        }
    }

    private void releaseBody() {
        for (ByteBuf b; (b = body.poll()) != null; ) b.release();
        bodyHeld = 0;
    }

    /** The request body, read on the service's thread as the client sends it. */
    private final class Body extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int off, int len) throws IOException {
            if (len == 0) return 0;
            boolean resume = false;
            int n;
            lock.lock();
            try {
                while (body.isEmpty() && !bodyEnded && !gone && !bodyClosed) {
                    if (client.eventLoop().inEventLoop()) throw new IOException("the request body is not held whole; the event loop cannot wait for it");
                    changed.await();
                }
                if (gone) throw new IOException("the client's connection ended before its request body did");
                if (bodyClosed) throw new IOException("the request body was closed");
                ByteBuf first = body.peek();
                if (first == null) return -1;
                n = Math.min(len, first.readableBytes());
                first.readBytes(into, off, n);
                if (!first.isReadable()) body.poll().release();
                bodyHeld -= n;
                if (readingPaused && bodyHeld <= BODY_AHEAD / 2) {
                    readingPaused = false;
                    resume = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the request body");
            } finally {
                lock.unlock();
            }
            if (resume) resumeReading();
            return n;
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return (int) Math.min(Integer.MAX_VALUE, bodyHeld);
            } finally {
                lock.unlock();
            }
        }

        /** The service reads no more: what is held and what still comes is dropped, and the client's reads go on. */
        @Override
        public void close() {
            boolean resume;
            lock.lock();
            try {
                bodyClosed = true;
                releaseBody();
                resume = readingPaused;
                readingPaused = false;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (resume) resumeReading();
        }
    }

    private void resumeReading() {
        try {
            client.eventLoop().execute(forwarder::upstreamWritable);
        } catch (RejectedExecutionException e) {
            // the loop has stopped: nothing is read any more anyway
        }
    }
}
