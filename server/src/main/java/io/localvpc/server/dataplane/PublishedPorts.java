package io.localvpc.server.dataplane;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.path.Publications;
import io.localvpc.core.state.Change;
import io.localvpc.core.state.ResourceTypes;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.StoreListener;
import io.localvpc.core.state.View;
import io.localvpc.dataplane.vpc.ScopeLocator;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code localvpc publish}: checks a request to let a local program play an instance's port and keeps the
 * {@link Publications} the path engine reads in step with the state. A publication belongs to the account and region
 * of its instance; it goes when the instance is terminated or the interface deleted (or the state reset or replaced).
 * The program must listen on loopback: localvpc never sends a workload's traffic off the machine.
 */
public final class PublishedPorts implements StoreListener {
    private static final String INSTANCE = ResourceTypes.nameOf(Instance.class);
    private static final String INTERFACE = ResourceTypes.nameOf(NetworkInterface.class);

    /** A request that cannot be honoured: {@code status} 400 (wrong) or 404 (no such instance or interface). */
    public static final class Problem extends RuntimeException {
        private final int status;

        public Problem(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Store store;
    private final ScopeLocator locator;
    private final Publications publications;

    PublishedPorts(Store store, ScopeLocator locator, Publications publications) {
        this.store = store;
        this.locator = locator;
        this.publications = publications;
    }

    /**
     * Lets the program at {@code hostPort} play {@code port} of {@code target} (an instance, or a network interface);
     * returns the publication. Re-publishing a port points it at the new program.
     */
    public Publications.Publication publish(String target, String portAndProtocol, String hostPort) {
        int port = port(portAndProtocol);
        String program = loopback(hostPort);
        Scope scope = locator.scopeOf(target).orElseThrow(() -> new Problem(404, noSuch(target)));
        View view = store.view(scope);
        String owner;
        String eniId;
        if (target.startsWith("i-")) {
            Instance instance = view.find(Instance.class, target).orElseThrow(() -> new Problem(404, noSuch(target)));
            if (isGone(instance.stateAt(view.now()))) {
                throw new Problem(400, "instance " + target + " is " + instance.stateAt(view.now()).awsName() + "; a terminated instance serves nothing");
            }
            owner = target;
            eniId = instance.primaryNetworkInterfaceId();
        } else {
            NetworkInterface eni = view.find(NetworkInterface.class, target).orElseThrow(() -> new Problem(404, noSuch(target)));
            if (eni.requesterManaged()) {
                throw new Problem(400, target + " is managed by AWS (" + eni.description() + "); only instances and your own interfaces serve programs");
            }
            owner = eni.attachment() == null ? target : eni.attachment().instanceId(); // a program on an instance listens on all its interfaces
            eniId = eni.id();
        }
        Publications.Publication p = new Publications.Publication(scope, owner, eniId, port, program);
        publications.publish(p);
        return p;
    }

    /**
     * Withdraws {@code port} of {@code target}; with {@code onlyHostPort}, only if that program still plays it (so a
     * program's end does not withdraw a publication someone pointed elsewhere meanwhile). Empty when nothing was there.
     */
    public Optional<Publications.Publication> unpublish(String target, String portAndProtocol, String onlyHostPort) {
        int port = port(portAndProtocol);
        Scope scope = locator.scopeOf(target).orElseThrow(() -> new Problem(404, noSuch(target)));
        String owner = ownerOf(store.view(scope), target);
        Publications.Publication there = publications.find(scope, owner, port);
        if (there == null) return Optional.empty();
        if (onlyHostPort != null && !there.hostPort().equals(loopback(onlyHostPort))) return Optional.empty();
        return publications.withdraw(there) ? Optional.of(there) : Optional.empty();
    }

    /** Every publication whose instance or interface still exists. */
    public List<Publications.Publication> all() {
        sweep();
        return publications.all();
    }

    @Override
    public void committed(Scope scope, List<Change> changes) {
        // nothing to sweep: no task per commit (a task per interface commit halved CreateVpcEndpoint for interfaces)
        if (publications.isEmpty()) return;
        for (Change c : changes) {
            if (c.type().equals(INSTANCE) || c.type().equals(INTERFACE)) {
                // judged on another thread by the state as it is then: the store's writer is holding its lock now
                CompletableFuture.runAsync(this::sweep);
                return;
            }
        }
    }

    @Override
    public void replaced() {
        CompletableFuture.runAsync(this::sweep);
    }

    private void sweep() {
        publications.removeWhere(p -> !stillThere(p));
    }

    private boolean stillThere(Publications.Publication p) {
        View view = store.viewIfPresent(p.scope()).orElse(null);
        if (view == null) return false;
        if (p.owner().startsWith("i-")) {
            return view.find(Instance.class, p.owner()).filter(i -> !isGone(i.stateAt(view.now()))).isPresent();
        }
        return view.find(NetworkInterface.class, p.owner()).isPresent();
    }

    private static boolean isGone(Instance.State state) {
        return state == Instance.State.SHUTTING_DOWN || state == Instance.State.TERMINATED;
    }

    private static String ownerOf(View view, String target) {
        if (target.startsWith("i-")) return target;
        return view.find(NetworkInterface.class, target).map(e -> e.attachment() == null ? target : e.attachment().instanceId()).orElse(target);
    }

    /** "8080" or "8080/tcp": localvpc carries TCP only. */
    static int port(String portAndProtocol) {
        String s = portAndProtocol == null ? "" : portAndProtocol.trim().toLowerCase(Locale.ROOT);
        int slash = s.indexOf('/');
        if (slash >= 0) {
            String protocol = s.substring(slash + 1);
            if (!protocol.equals("tcp")) throw new Problem(400, "only tcp ports can be published (localvpc carries TCP only), not " + protocol);
            s = s.substring(0, slash);
        }
        int port;
        try {
            port = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new Problem(400, "the port must be a number 1-65535 (optionally with /tcp), not '" + portAndProtocol + "'");
        }
        if (port < 1 || port > 65535) throw new Problem(400, "the port must be 1-65535, not " + port);
        return port;
    }

    /**
     * The program's address as {@code 127.x.y.z:port}: an IPv4 address in 127.0.0.0/8 or {@code localhost}, never a
     * name to look up, since localvpc never sends traffic off the machine.
     */
    static String loopback(String hostPort) {
        String s = hostPort == null ? "" : hostPort.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new Problem(400, "the program's address must be host:port on loopback, e.g. 127.0.0.1:18080, not '" + hostPort + "'");
        }
        String host = s.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new Problem(400, "the program's port must be a number 1-65535, not '" + s.substring(colon + 1) + "'");
        }
        if (port < 1 || port > 65535) throw new Problem(400, "the program's port must be 1-65535, not " + port);
        if (host.equalsIgnoreCase("localhost")) host = "127.0.0.1";
        long ip = Ipv4.parse(host);
        if (ip < 0 || (ip >>> 24) != 127) {
            throw new Problem(400, "the program must listen on loopback (127.0.0.0/8 or localhost), not " + host
                    + ": localvpc never sends a workload's traffic off this machine");
        }
        return Ipv4.format(ip) + ":" + port;
    }

    private static String noSuch(String target) {
        if (target == null || !(target.startsWith("i-") || target.startsWith("eni-"))) {
            return "'" + target + "' is neither an instance id (i-…) nor a network interface id (eni-…)";
        }
        return "no instance or network interface " + target + " exists in any account or region";
    }
}
