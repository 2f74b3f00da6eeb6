package io.localvpc.server.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.View;

/**
 * The accounts and regions that hold resources (every scope that has been used: each has at least its default
 * VPC), with a count of what is in each, so the console can offer them to pick from.
 */
final class ScopeSummaries {
    private ScopeSummaries() {
    }

    static ObjectNode of(Store store, Scope defaultScope) {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.putObject("defaultScope").put("account", defaultScope.account()).put("region", defaultScope.region());
        ArrayNode scopes = o.putArray("scopes");
        for (Scope s : store.scopes()) {
            // A scope listed by scopes() is never forgotten but by a reset or an import, which may run meanwhile.
            store.viewIfPresent(s).ifPresent(view -> scopes.add(summary(view)));
        }
        return o;
    }

    private static ObjectNode summary(View view) {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("account", view.scope().account());
        o.put("region", view.scope().region());
        o.put("vpcs", view.all(Vpc.class).size());
        o.put("subnets", view.all(Subnet.class).size());
        o.put("endpoints", view.all(VpcEndpoint.class).stream().filter(e -> e.isVisible(view.now())).count());
        o.put("instances", view.all(Instance.class).stream().filter(i -> i.visibleAt(view.now())).count());
        return o;
    }
}
