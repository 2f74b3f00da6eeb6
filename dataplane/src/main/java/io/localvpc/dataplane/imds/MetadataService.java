package io.localvpc.dataplane.imds;

import io.localvpc.core.state.Store;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Every instance's metadata service, in process and without a port, like the endpoint front: the workload proxy
 * attaches it to a connection the path engine delivered to {@code 169.254.169.254:80} ({@link #attach}), or, for
 * absolute-form HTTP requests, opens a Netty local channel to {@link #localAddress()} whose first message is the
 * {@link MetadataFlow} (see {@code InProcessGreeting}). Nothing else on the machine can reach it, so an instance's credentials go only to programs
 * the proxy knows as that instance.
 */
public final class MetadataService implements AutoCloseable {
    /** Metadata requests are small: a head and no body worth keeping. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final long IDLE_SECONDS = 20;

    private final Store store;
    private final MetadataTokens tokens = new MetadataTokens();
    private final InstanceCredentials credentials;
    private final Channel local;

    /** @param blockingWork where credentials are committed to the store, off the event loops */
    public MetadataService(Store store, Executor blockingWork, EventLoopGroup loops) {
        this.store = store;
        this.credentials = new InstanceCredentials(store, blockingWork);
        this.local = new ServerBootstrap().group(loops).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast("flow", new io.localvpc.dataplane.net.InProcessGreeting<>(MetadataFlow.class, MetadataFlow.KEY, "the instance metadata service"));
                        install(ch.pipeline(), "flow");
                    }
                })
                .bind(LocalAddress.ANY).syncUninterruptibly().channel();
    }

    /** Serves {@code channel}, a workload connection delivered to {@code flow}'s metadata service, from now on. */
    public void attach(Channel channel, String afterHandler, MetadataFlow flow) {
        channel.attr(MetadataFlow.KEY).set(flow);
        install(channel.pipeline(), afterHandler);
    }

    public LocalAddress localAddress() {
        return (LocalAddress) local.localAddress();
    }

    private void install(ChannelPipeline p, String after) {
        p.addAfter(after, "imds-handler", new MetadataHttpHandler(store, tokens, credentials));
        p.addAfter(after, "imds-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES));
        p.addAfter(after, "imds-codec", new HttpServerCodec());
        p.addAfter(after, "imds-idle", new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS));
    }

    @Override
    public void close() {
        local.close().syncUninterruptibly();
    }
}
