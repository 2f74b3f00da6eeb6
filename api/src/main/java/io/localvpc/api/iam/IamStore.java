package io.localvpc.api.iam;

import io.localvpc.api.awsquery.QueryProtocolService.QueryRequest;
import io.localvpc.core.identity.IamScope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.function.Function;

/** The caller's account's IAM resources: read from a snapshot, changed in one transaction. */
final class IamStore {
    private final Store store;

    IamStore(Store store) {
        this.store = store;
    }

    View view(QueryRequest in) {
        return store.view(IamScope.of(in.caller().account()));
    }

    <T> T write(QueryRequest in, Function<Tx, T> work) {
        return store.write(IamScope.of(in.caller().account()), work);
    }
}
