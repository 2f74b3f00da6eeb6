package io.localvpc.dataplane.backend;

import io.localvpc.dataplane.route.S3Names;
import io.netty.handler.codec.http.HttpRequest;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A backend that starts in the background so that localvpc is ready sooner (the embedded S3's start-up
 * is the slowest part of localvpc's own). It starts when {@link #begin()} is called (once localvpc is ready, so that
 * it does not compete with the rest of start-up for the CPU) or when something first needs it, whichever comes first.
 * A request that comes before it is ready waits for it without holding an event loop ({@link #whenReady()}); later
 * ones never wait.
 */
public final class StartingBackend<B extends ServiceBackend & AutoCloseable> implements ServiceBackend, AutoCloseable {
    private final String name;
    private final Protocol protocol;
    private final String errorFormat;
    private final java.util.function.BiFunction<HttpRequest, S3Names, HttpRequest> prepare;
    private final Supplier<B> start;
    private final java.util.concurrent.atomic.AtomicBoolean begun = new java.util.concurrent.atomic.AtomicBoolean();
    private final CompletableFuture<B> started = new CompletableFuture<>();
    private final CompletableFuture<InProcessHttp> inProcess;

    /**
     * @param errorFormat what {@link #errorFormat()} answers while the backend may still be starting
     * @param prepare     what {@link #prepare} does, without the started backend (it runs on an event loop, which
     *                    must not wait for the start)
     */
    public StartingBackend(String name, Protocol protocol, String errorFormat, java.util.function.BiFunction<HttpRequest, S3Names, HttpRequest> prepare,
                           Supplier<B> start) {
        this.name = name;
        this.protocol = protocol;
        this.errorFormat = errorFormat;
        this.prepare = prepare;
        this.start = start;
        this.inProcess = started.thenCompose(ServiceBackend::inProcess);
    }

    /** Starts the backend on a thread of its own, unless that has been done already. */
    public void begin() {
        if (!begun.compareAndSet(false, true)) return;
        Thread t = new Thread(() -> {
            try {
                started.complete(start.get());
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, "localvpc-start-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** The started backend, waiting for it if it is still starting; fails as it failed. */
    public B backend() {
        begin();
        try {
            return started.join();
        } catch (CompletionException e) {
            throw new IllegalStateException(name + " could not start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress address() {
        return backend().address();
    }

    @Override
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public String errorFormat() {
        return errorFormat;
    }

    @Override
    public java.util.concurrent.CompletionStage<InetSocketAddress> whenReady() {
        begin();
        return started.thenApply(ServiceBackend::address);
    }

    @Override
    public java.util.concurrent.CompletionStage<InProcessHttp> inProcess() {
        begin();
        return inProcess;
    }

    /** Whether the backend has started (successfully or not). */
    public boolean isDone() {
        return started.isDone();
    }

    @Override
    public HttpRequest prepare(HttpRequest request, S3Names s3) {
        return prepare.apply(request, s3);
    }

    @Override
    public void close() throws Exception {
        if (!begun.get()) return; // never started: nothing to stop (and no reason to start it now)
        backend().close();
    }
}
