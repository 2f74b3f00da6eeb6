package io.localvpc.core.state;

import io.localvpc.core.model.InternetGateway;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listeners hear of published changes only, in order; a failing listener does not make a change look undone. */
class StoreListenerTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    @Test
    void listenersHearCommitsAndReplacementsAndCannotUndoThem() {
        List<String> heard = new ArrayList<>();
        try (Store store = new Store(Journal.NONE, Clock.systemUTC(), tx -> { })) {
            store.addListener(new StoreListener() {
                public void committed(Scope scope, List<Change> changes) {
                    changes.forEach(c -> heard.add((c.isRemoval() ? "-" : "+") + c.type() + " " + c.id()));
                    throw new IllegalStateException("a broken listener");
                }

                public void replaced() {
                    heard.add("replaced");
                }
            });
            store.write(SCOPE, tx -> tx.put(new InternetGateway("igw-1", SCOPE.account(), null)));
            assertTrue(store.view(SCOPE).find(InternetGateway.class, "igw-1").isPresent(), "the write stands although the listener failed");
            store.rehearse(SCOPE, tx -> tx.put(new InternetGateway("igw-dry", SCOPE.account(), null)));
            store.write(SCOPE, tx -> {
                tx.remove(InternetGateway.class, "igw-1");
                return null;
            });
            store.reset();
            assertEquals(List.of("+scope-marker scope", "+internet-gateway igw-1", "-internet-gateway igw-1", "replaced"), heard);
            assertTrue(store.viewIfPresent(SCOPE).isEmpty(), "viewIfPresent never sets a scope up");
        }
    }
}
