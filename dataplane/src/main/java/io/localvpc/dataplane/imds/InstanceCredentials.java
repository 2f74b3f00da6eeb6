package io.localvpc.dataplane.imds;

import io.localvpc.core.identity.IamScope;
import io.localvpc.core.identity.StsSession;
import io.localvpc.core.identity.StsSessions;
import io.localvpc.core.imds.MetadataAnswer;
import io.localvpc.core.state.Store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The instance profile credentials the metadata service hands out: one STS session of the role per instance, named
 * after the instance, issued on first ask and again once less than {@link #REFRESH_BEFORE} of it is left (EC2 makes
 * new credentials available well before the old ones expire). Issuing commits to the store, so it runs on
 * {@code blockingWork}, never on an event loop; asking again while one is being issued waits for that one.
 */
final class InstanceCredentials {
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(15);

    private final Store store;
    private final Executor blockingWork;
    private final ConcurrentHashMap<String, CompletableFuture<Optional<StsSession>>> byInstance = new ConcurrentHashMap<>();

    InstanceCredentials(Store store, Executor blockingWork) {
        this.store = store;
        this.blockingWork = blockingWork;
    }

    /** The session for {@code ask}'s instance and role; empty when the role is gone. */
    CompletableFuture<Optional<StsSession>> get(MetadataAnswer.RoleCredentials ask) {
        String key = ask.account() + "/" + ask.instanceId() + "/" + ask.roleName();
        return byInstance.compute(key, (k, current) -> current != null && usable(current) ? current
                : CompletableFuture.supplyAsync(() -> issue(ask), blockingWork));
    }

    private boolean usable(CompletableFuture<Optional<StsSession>> f) {
        if (!f.isDone()) return true;
        if (f.isCompletedExceptionally()) return false;
        Optional<StsSession> s = f.join();
        if (s.isEmpty()) return false;
        Instant now = store.clock().instant();
        if (!now.plus(REFRESH_BEFORE).isBefore(s.get().expiresAt())) return false;
        // A reset or an import may have dropped the session: only what the store still holds is handed out.
        return store.viewIfPresent(IamScope.of(s.get().account())).flatMap(v -> v.find(StsSession.class, s.get().id())).isPresent();
    }

    private Optional<StsSession> issue(MetadataAnswer.RoleCredentials ask) {
        return store.write(IamScope.of(ask.account()), tx -> {
            StsSessions.forgetExpired(tx);
            return StsSessions.instanceSession(tx, ask.roleName(), ask.instanceId(), ask.vpcId(), ask.privateIp());
        });
    }
}
