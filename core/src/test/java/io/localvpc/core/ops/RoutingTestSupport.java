package io.localvpc.core.ops;

import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.Tx;
import io.localvpc.core.time.ManualClock;

import java.util.function.Function;

/** An in-memory store with a clock the test moves by hand, and small builders for the tests of this package. */
final class RoutingTestSupport {
    static final Scope SCOPE = new Scope("000000000000", "us-east-1");


    final ManualClock clock = new ManualClock();
    final Store store = new Store(Journal.NONE, clock, tx -> { });

    <T> T write(Function<Tx, T> work) {
        return store.write(SCOPE, work);
    }

    Vpc vpc(String cidr) {
        return write(tx -> VpcOps.create(tx, cidr, null, false));
    }

    Subnet subnet(Vpc vpc, String cidr) {
        return write(tx -> tx.put(new Subnet(tx.newId("subnet"), SCOPE.account(), vpc.id(), cidr, "us-east-1a", "use1-az1", false, false, tx.now())));
    }
}
