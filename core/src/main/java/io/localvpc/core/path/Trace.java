package io.localvpc.core.path;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The ordered hops of one path decision, in the spirit of Batfish's traces. The same object explains a
 * refused connection, prints for {@code localvpc trace}, and will feed flow logs. The hop list is the
 * decision's own and never changes after the trace is made, so it is wrapped rather than copied.
 */
public record Trace(List<Hop> hops) {
    public Trace {
        hops = java.util.Collections.unmodifiableList(hops);
    }

    /** The hop that refused the flow, or the last one. */
    public Hop decisive() {
        for (Hop h : hops) if (!h.passed()) return h;
        return hops.get(hops.size() - 1);
    }

    /** One line per hop, ✓ or ✗. */
    public String render() {
        return hops.stream().map(h -> (h.passed() ? "  ✓ " : "  ✗ ") + h.describe()).collect(Collectors.joining("\n"));
    }
}
