package io.localvpc.server.console;

import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.state.View;

/** A resource's Name tag, which the console shows beside its id as the AWS console does. */
final class ConsoleNames {
    private ConsoleNames() {
    }

    /** The value of the resource's {@code Name} tag, or null. */
    static String nameOf(View view, String id) {
        return view.find(ResourceTags.class, id).map(t -> t.tags().get("Name")).orElse(null);
    }
}
