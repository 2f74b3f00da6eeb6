package io.localvpc.api.elbv2;

import io.localvpc.api.awsquery.QueryProtocolService.QueryRequest;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.function.Function;

/** The caller's account in the region the request was signed for: read from a snapshot, changed in one transaction. */
final class Elbv2Store {
    private final Store store;
    private final String defaultRegion;

    Elbv2Store(Store store, String defaultRegion) {
        this.store = store;
        this.defaultRegion = defaultRegion;
    }

    Scope scope(QueryRequest in) {
        String region = in.region() == null ? defaultRegion : in.region();
        Regions.require(region);
        return new Scope(in.caller().account(), region);
    }

    View view(QueryRequest in) {
        return store.view(scope(in));
    }

    <T> T write(QueryRequest in, Function<Tx, T> work) {
        return store.write(scope(in), work);
    }
}
