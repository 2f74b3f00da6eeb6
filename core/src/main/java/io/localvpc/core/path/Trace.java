package io.localvpc.core.path;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ordered hops of one path decision, in the spirit of Batfish's traces. The same object explains a
 * refused connection, prints for {@code localvpc trace}, and will feed flow logs.
 *
 * <p>The path engine records a trace compactly: its steps are mostly hops built once per state version,
 * or {@link FlowHop}s that still need the flow's facts, which the trace keeps. The {@link Hop}s are made
 * the first time someone reads them, so a decision whose trace is never read (most of the proxy's) pays
 * for none of it.
 */
public final class Trace {
    // A recorded trace is written only by the decision that makes it, before its verdict holds it, then only read.
    private Object[] steps; // Hop or FlowHop; null for a trace made from a list
    private int size;
    private final Flow flow;
    private SourceInterface source;
    private long destination = -1;
    private String destinationText;
    private String dnsSource;
    private volatile List<Hop> hops;

    /** A trace of the given hops, which must not change afterwards (the list is wrapped, not copied). */
    public Trace(List<Hop> hops) {
        this.hops = Collections.unmodifiableList(hops);
        this.size = hops.size();
        this.flow = null;
    }

    /** An empty trace for a decision about {@code flow} to record into. */
    Trace(Flow flow) {
        this.flow = flow;
        this.steps = new Object[12]; // most paths take 8 to 11 steps; the longest (through a NAT gateway) 13
    }

    void record(Object step) {
        if (size == steps.length) steps = Arrays.copyOf(steps, size * 2);
        steps[size++] = step;
    }

    /** The flow leaves from {@code source}. */
    void from(SourceInterface source) {
        this.source = source;
    }

    /** The flow goes to {@code destination}, written {@code text} (as given, or as the DNS answered). */
    void to(long destination, String text) {
        this.destination = destination;
        this.destinationText = text;
    }

    /** The destination was a name, resolved by the rule {@code dnsSource} names. */
    void resolvedBy(String dnsSource) {
        this.dnsSource = dnsSource;
    }

    public List<Hop> hops() {
        List<Hop> h = hops;
        if (h == null) {
            List<Hop> made = new ArrayList<>(size);
            for (int i = 0; i < size; i++) made.add(hop(i));
            h = Collections.unmodifiableList(made);
            hops = h; // racing readers may each make one; they are equal
        }
        return h;
    }

    /** The hop that refused the flow, or the last one. */
    public Hop decisive() {
        if (steps == null || hops != null) {
            List<Hop> all = hops();
            for (Hop h : all) if (!h.passed()) return h;
            return all.get(all.size() - 1);
        }
        // without writing out the passing hops: the proxy reads only this one
        for (int i = 0; i < size; i++) if (!passed(steps[i])) return hop(i);
        return hop(size - 1);
    }

    /**
     * The interface the flow leaves from, as far as the decision found it: null when no such instance or interface
     * exists (a refusal at the source). Flow records name the source and its VPC with it, refused flows too.
     */
    public Verdict.Source source() {
        return source == null ? null : source.verdictSource();
    }

    /** The destination's IPv4 address, as given or as the VPC's DNS answered; null when the decision never had one. */
    public String destinationAddress() {
        return destination < 0 ? null : destinationText;
    }

    /** One line per hop, ✓ or ✗. */
    public String render() {
        return hops().stream().map(h -> (h.passed() ? "  ✓ " : "  ✗ ") + h.describe()).collect(Collectors.joining("\n"));
    }

    /** Equal when the hops are, as when this was a record. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Trace t && hops().equals(t.hops());
    }

    @Override
    public int hashCode() {
        return hops().hashCode();
    }

    @Override
    public String toString() {
        return "Trace[hops=" + hops() + "]";
    }

    private Hop hop(int i) {
        Object step = steps[i];
        return step instanceof Hop h ? h : ((FlowHop) step).toHop(this);
    }

    private static boolean passed(Object step) {
        return step instanceof Hop h ? h.passed() : ((FlowHop) step).passed();
    }

    // ---- the facts flow hops are worded with (and the decision reads back)

    Flow flow() {
        return flow;
    }

    String sourceAddress() {
        return source.eni().privateIpAddress();
    }

    long sourceIp() {
        return source.ip();
    }

    long destination() {
        return destination;
    }

    String destinationText() {
        return destinationText;
    }

    String dnsSource() {
        return dnsSource;
    }
}
