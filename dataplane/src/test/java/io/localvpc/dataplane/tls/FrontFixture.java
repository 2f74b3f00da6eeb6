package io.localvpc.dataplane.tls;

import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Store;
import io.localvpc.dataplane.backend.BackendRouter;
import io.localvpc.dataplane.classify.RequestClassifier;
import io.localvpc.dataplane.policy.BucketPolicies;
import io.localvpc.dataplane.policy.IdentityPolicies;
import io.localvpc.dataplane.policy.PolicyGuard;
import io.localvpc.dataplane.policy.RequestAuthorizer;
import io.localvpc.dataplane.vpc.ScopeLocator;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The endpoint front on a loopback port for tests in other packages (the fuzz tests), guarded as localvpc guards it:
 * every request classified and decided by the policies over a store (in memory unless a journal is given), bucket
 * policies served at the front.
 */
public final class FrontFixture implements AutoCloseable {
    private final EndpointListener listener;
    private final Store store;
    private final ExecutorService blockingWork;

    private FrontFixture(EndpointListener listener, Store store, ExecutorService blockingWork) {
        this.listener = listener;
        this.store = store;
        this.blockingWork = blockingWork;
    }

    public static FrontFixture start(BackendRouter router, Duration idleTimeout) {
        return start(router, idleTimeout, Journal.NONE, bucket -> true, 2);
    }

    /**
     * @param journal      where the store commits (a slow one shows what waits on a commit)
     * @param bucketExists what the embedded S3 says of a bucket
     */
    public static FrontFixture start(BackendRouter router, Duration idleTimeout, Journal journal, Predicate<String> bucketExists,
                                     int eventLoops) {
        Store store = new Store(journal, Clock.systemUTC(), tx -> { });
        ScopeLocator locator = new ScopeLocator(store);
        ExecutorService blockingWork = Executors.newSingleThreadExecutor();
        PolicyGuard guard = new PolicyGuard(new RequestClassifier("000000000000", "us-east-1", IdentityPolicies.none()),
                new RequestAuthorizer(store, locator, IdentityPolicies.none()), new BucketPolicies(store, locator, bucketExists, blockingWork),
                "000000000000");
        try {
            return new FrontFixture(EndpointListener.builder(LocalCa.inMemory(), router).guard(guard).idleTimeout(idleTimeout)
                    .workerThreads(eventLoops).start(), store, blockingWork);
        } catch (RuntimeException e) {
            blockingWork.shutdownNow();
            store.close();
            throw e;
        }
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
        blockingWork.shutdownNow();
        store.close();
    }
}
