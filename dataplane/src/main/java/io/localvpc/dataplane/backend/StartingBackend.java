package io.localvpc.dataplane.backend;

import io.netty.handler.codec.http.HttpRequest;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A backend that starts in the background so that localvpc is ready sooner (the embedded S3's start-up
 * is the slowest part of localvpc's own). The first request that needs it waits for it; later ones never do.
 */
public final class StartingBackend<B extends ServiceBackend & AutoCloseable> implements ServiceBackend, AutoCloseable {
    private final String name;
    private final Protocol protocol;
    private final String errorFormat;
    private final CompletableFuture<B> started;

    /** @param errorFormat what {@link #errorFormat()} answers while the backend may still be starting */
    public StartingBackend(String name, Protocol protocol, String errorFormat, Supplier<B> start) {
        this.name = name;
        this.protocol = protocol;
        this.errorFormat = errorFormat;
        this.started = CompletableFuture.supplyAsync(start, r -> {
            Thread t = new Thread(r, "localvpc-start-" + name);
            t.setDaemon(true);
            t.start();
        });
    }

    /** The started backend, waiting for it if it is still starting; fails as it failed. */
    public B backend() {
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
    public HttpRequest prepare(HttpRequest request) {
        return backend().prepare(request);
    }

    @Override
    public void close() throws Exception {
        backend().close();
    }
}
