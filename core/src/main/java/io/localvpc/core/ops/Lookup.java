package io.localvpc.core.ops;

import io.localvpc.core.state.Resource;
import io.localvpc.core.state.View;

/** Fetches a resource a request names, answering a bad or unknown id with AWS's error for its kind. */
public final class Lookup {
    private Lookup() {
    }

    public static <R extends Resource> R require(View view, Class<R> type, IdKind kind, String id) {
        kind.check(id);
        return view.find(type, id).orElseThrow(() -> kind.notFound(id));
    }
}
