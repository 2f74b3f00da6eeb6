package io.localvpc.core.path;

import io.localvpc.core.state.Scope;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Which local programs play which ports of which instances ({@code localvpc publish i-0abc 8080 127.0.0.1:18080}):
 * the host side of instance-to-instance traffic. A connection the network lets through to an instance's port is
 * delivered to the program published there, and refused by the host (as a closed port is) when there is none.
 * Runtime state only, like {@link ZoneFaults}: a restart forgets it; kept per account and region.
 *
 * <p>A publication belongs to its <em>owner</em>: the instance when the interface is attached to one (a program
 * on an instance listens on all of its interfaces), else the network interface itself.
 */
public final class Publications {

    /**
     * One published port.
     *
     * @param owner              the instance id, or the network interface id of an interface attached to no instance
     * @param networkInterfaceId the owner's primary interface when it was published (shown, not matched on)
     * @param hostPort           the loopback {@code host:port} of the program that plays the port
     */
    public record Publication(Scope scope, String owner, String networkInterfaceId, int port, String hostPort) {
        public Publication {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(hostPort, "hostPort");
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " is not 1-65535");
        }
    }

    private record Key(Scope scope, String owner, int port) {
    }

    private final Map<Key, Publication> byKey = new ConcurrentHashMap<>();

    /** Publishes (or re-points) a port; returns the publication it replaced, or null. */
    public Publication publish(Publication p) {
        return byKey.put(new Key(p.scope(), p.owner(), p.port()), p);
    }

    /** Withdraws this publication, if it is still the one there (not re-pointed at another program meanwhile). */
    public boolean withdraw(Publication p) {
        return byKey.remove(new Key(p.scope(), p.owner(), p.port()), p);
    }

    /** What plays the owner's TCP port, or null: nothing listens there. */
    public Publication find(Scope scope, String owner, int port) {
        if (byKey.isEmpty()) return null;
        return byKey.get(new Key(scope, owner, port));
    }

    /** Every publication, ordered by account, region, owner and port. */
    public List<Publication> all() {
        return byKey.values().stream()
                .sorted(Comparator.comparing((Publication p) -> p.scope().account()).thenComparing(p -> p.scope().region())
                        .thenComparing(Publication::owner).thenComparingInt(Publication::port))
                .toList();
    }

    /** Whether nothing is published (the usual case: no state change needs a sweep then). */
    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** Withdraws every publication the test selects (their instances are gone); returns how many. */
    public int removeWhere(Predicate<Publication> test) {
        int[] n = {0};
        byKey.values().removeIf(p -> {
            boolean gone = test.test(p);
            if (gone) n[0]++;
            return gone;
        });
        return n[0];
    }
}
