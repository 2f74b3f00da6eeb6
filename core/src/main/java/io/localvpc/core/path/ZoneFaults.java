package io.localvpc.core.path;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Availability Zones taken down on purpose ({@code localvpc fault az use1-az1 down}) to rehearse a zonal
 * failure: endpoint interfaces in a down zone drop out of DNS answers and path decisions, and open
 * connections through them are cut (listeners are told). Runtime state only: a restart clears it.
 */
public final class ZoneFaults {
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final List<Consumer<String>> onDown = new CopyOnWriteArrayList<>();

    /** Takes a zone (by zone id, e.g. use1-az1) down; true if it was up. */
    public boolean takeDown(String zoneId) {
        boolean changed = down.add(zoneId);
        if (changed) onDown.forEach(l -> l.accept(zoneId));
        return changed;
    }

    /** Brings a zone back; true if it was down. */
    public boolean bringUp(String zoneId) {
        return down.remove(zoneId);
    }

    public boolean isDown(String zoneId) {
        return zoneId != null && !down.isEmpty() && down.contains(zoneId);
    }

    public Set<String> down() {
        return Set.copyOf(down);
    }

    /** Called with the zone id whenever a zone goes down (the workload proxy cuts connections through it). */
    public void onZoneDown(Consumer<String> listener) {
        onDown.add(listener);
    }

    /** No zone down, for callers that do not rehearse faults. */
    public static ZoneFaults none() {
        return new ZoneFaults();
    }
}
