package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.ServiceBackend;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The backend connection one client connection's requests are forwarded on: none, being opened (what is sent
 * meanwhile queues, in order), or open. A connection's route names one backend, so one link carries all its
 * requests; between requests the open connection goes back to {@link BackendConnections} for the next request here
 * or elsewhere on the same event loop. Used on the client connection's event loop only.
 */
final class BackendLink {

    private enum State { NONE, OPENING, OPEN }

    private final BackendConnections connections;
    private final EndpointHttpForwarder forwarder;
    private final Channel client;
    private State state = State.NONE;
    private ServiceBackend backend;
    /** The backend connection: null while none is open, and while the backend is still starting. */
    private Channel channel;
    /** The backend did not say it closes after its answer: the connection can carry another request. */
    private boolean reusable;
    private final Queue<Object> queued = new ArrayDeque<>();

    BackendLink(BackendConnections connections, EndpointHttpForwarder forwarder, Channel client) {
        this.connections = connections;
        this.forwarder = forwarder;
        this.client = client;
    }

    /** Whether what is sent now goes to {@code backend} without a new connection (one is open or being opened). */
    boolean carries(ServiceBackend backend) {
        return this.backend == backend && (state == State.OPENING || (state == State.OPEN && channel.isActive()));
    }

    /** Whether the client may be read: no connection is being opened and the open one (if any) takes more. */
    boolean takesMore() {
        return state != State.OPENING && (channel == null || channel.isWritable());
    }

    /**
     * Opens a connection to {@code backend} for what is sent next (it queues meanwhile). A backend still starting (the
     * embedded S3 at first) is waited for without holding the event loop; the client is not read meanwhile.
     */
    void open(ServiceBackend backend) {
        giveBack(false);
        state = State.OPENING;
        this.backend = backend;
        client.config().setAutoRead(false);
        CompletableFuture<InetSocketAddress> ready = backend.whenReady().toCompletableFuture();
        if (ready.isDone()) {
            connect(backend, ready);
        } else {
            ready.whenComplete((address, failure) -> client.eventLoop().execute(() -> {
                if (this.backend == backend && state == State.OPENING && channel == null && client.isActive()) connect(backend, ready);
            }));
        }
    }

    /** Takes a backend connection (a kept one, or a new one) and sends what queued once it is connected. */
    private void connect(ServiceBackend backend, CompletableFuture<InetSocketAddress> ready) {
        InetSocketAddress address;
        try {
            address = ready.join();
        } catch (CompletionException | CancellationException e) {
            failed(backend, e.getCause() == null ? e : e.getCause());
            return;
        }
        reusable = true;
        io.netty.channel.ChannelFuture opened = connections.acquire(backend, address, client.eventLoop(), forwarder, client);
        channel = opened.channel();
        opened.addListener((ChannelFutureListener) f -> {
            if (f.channel() != channel) return; // given back or lost meanwhile
            if (!f.isSuccess()) {
                failed(backend, f.cause());
                return;
            }
            state = State.OPEN;
            while (!queued.isEmpty()) channel.write(queued.poll());
            channel.flush();
            forwarder.backendOpened();
        });
    }

    private void failed(ServiceBackend backend, Throwable cause) {
        state = State.NONE;
        channel = null;
        this.backend = null;
        releaseQueued();
        forwarder.backendUnreachable(backend, cause);
    }

    /**
     * Sends a part of a request: queued while the connection is being opened, written now when it is open (flushed
     * later when {@code flushLater}: a head and its body in one write), dropped when there is none. False when the
     * backend's socket is full, so the client should not be read for now.
     */
    boolean send(Object msg, boolean flushLater) {
        if (state == State.OPENING) {
            queued.add(msg);
            return true;
        }
        if (channel == null || !channel.isActive()) {
            ReferenceCountUtil.release(msg);
            return true;
        }
        if (flushLater) {
            channel.write(msg, channel.voidPromise());
        } else {
            channel.writeAndFlush(msg, channel.voidPromise());
        }
        if (channel.isWritable()) return true;
        channel.flush();
        return channel.isWritable();
    }

    void flush() {
        if (channel != null) channel.flush();
    }

    /** The backend said it closes after this answer: the connection cannot be kept. */
    void notReusable() {
        reusable = false;
    }

    /** The client can take more: read the backend again. */
    void resumeReading() {
        if (channel != null) channel.config().setAutoRead(true);
    }

    /**
     * Gives the connection back for reuse when {@code clean} (the request was sent whole and its answer read whole)
     * and it can carry another request, else closes it; the link has none afterwards.
     */
    void giveBack(boolean clean) {
        State was = state;
        Channel open = channel;
        ServiceBackend to = backend;
        state = State.NONE;
        channel = null;
        backend = null;
        releaseQueued();
        if (open == null) return;
        if (clean && was == State.OPEN && reusable && open.isActive()) {
            connections.release(to, open);
        } else {
            open.close();
        }
    }

    /** Gives the connection back once nothing of this client's is owed on it ({@code clean}) and it is open. */
    void giveBackIfDone(boolean clean) {
        if (clean && state == State.OPEN && queued.isEmpty()) giveBack(true);
    }

    /** Closes the connection mid-request (the request cannot be completed). */
    void abort() {
        if (channel != null) channel.close();
    }

    /** The backend connection {@code closed} went away; true when it was this link's, which now has none. */
    boolean lost(Channel closed) {
        if (closed != channel) return false;
        state = State.NONE;
        channel = null;
        backend = null;
        releaseQueued();
        return true;
    }

    private void releaseQueued() {
        queued.forEach(ReferenceCountUtil::release);
        queued.clear();
    }
}
