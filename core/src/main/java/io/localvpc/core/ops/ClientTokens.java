package io.localvpc.core.ops;

import io.localvpc.core.model.IdempotencyRecord;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Tx;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The client tokens each account and region remembers, forgotten as EC2 forgets them: a token is honoured for
 * {@link IdempotencyRecord#VALIDITY} after the request that first used it, and a later request with it is a new
 * request. Expired records are swept out of the state by the writes that pass through here, at most once per
 * {@link #SWEEP_INTERVAL} per scope, so a busy scope does not scan its records on every write. Time is the
 * store's clock ({@link Tx#now()}), so tests move it instead of waiting.
 */
public final class ClientTokens {
    static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

    private final ConcurrentMap<Scope, Instant> nextSweep = new ConcurrentHashMap<>();

    /** The answer remembered for this token, unless it has expired. */
    public Optional<IdempotencyRecord> find(Tx tx, String id) {
        return tx.find(IdempotencyRecord.class, id).filter(r -> !r.expiredAt(tx.now()));
    }

    /** Remembers the answer to a request that carried a token, from now on. */
    public void remember(Tx tx, String id, String parametersDigest, String resultJson) {
        tx.put(new IdempotencyRecord(id, parametersDigest, resultJson, tx.now()));
    }

    /** Removes the scope's expired records if its last sweep was {@link #SWEEP_INTERVAL} ago or more. */
    public void sweepIfDue(Tx tx) {
        Instant now = tx.now();
        Instant due = nextSweep.get(tx.scope());
        if (due != null && now.isBefore(due)) return;
        nextSweep.put(tx.scope(), now.plus(SWEEP_INTERVAL));
        List<String> expired = tx.all(IdempotencyRecord.class).stream().filter(r -> r.expiredAt(now)).map(IdempotencyRecord::id).toList();
        for (String id : expired) tx.remove(IdempotencyRecord.class, id);
    }
}
