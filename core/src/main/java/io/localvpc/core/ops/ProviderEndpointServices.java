package io.localvpc.core.ops;

import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.model.VpcEndpointServicePermission;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Providers' endpoint services seen from any account: a service name ({@code com.amazonaws.vpce.<region>.vpce-svc-…})
 * or id → the scope that owns it and its configuration, and a service → the interface endpoints connected to it in
 * every account. Reads snapshots only ({@link Store#viewIfPresent}), so it never sets a scope up and never waits for
 * the writer; inside a write transaction the transaction's own scope is read through the transaction
 * ({@link #seenFrom}), so what it has changed is what is seen.
 */
public final class ProviderEndpointServices {
    /** A service found, with the scope it lives in. */
    public record Found(Scope owner, VpcEndpointServiceConfiguration configuration, View view) {
        /** Its permissions, in id order. */
        public List<VpcEndpointServicePermission> permissions() {
            return view.all(VpcEndpointServicePermission.class).stream().filter(p -> p.serviceId().equals(configuration.id())).toList();
        }

        /** Whether a caller of {@code account} (its own ARN {@code callerArn}, null when unknown) may see and use it. */
        public boolean admits(String account, String callerArn) {
            if (owner.account().equals(account)) return true;
            for (VpcEndpointServicePermission p : permissions()) if (p.admits(account, callerArn)) return true;
            return false;
        }
    }

    /** An interface endpoint connected to a service, with the scope (the consumer's) it lives in. */
    public record Connection(Scope consumer, VpcEndpoint endpoint) {
    }

    /** No other scope readable: only what {@link #seenFrom} adds. */
    public static final ProviderEndpointServices NONE = new ProviderEndpointServices(Set::of, s -> Optional.empty());

    private static final String PREFIX = "com.amazonaws.vpce.";

    private final Supplier<? extends Collection<Scope>> scopes;
    private final Function<Scope, Optional<View>> views;

    public ProviderEndpointServices(Supplier<? extends Collection<Scope>> scopes, Function<Scope, Optional<View>> views) {
        this.scopes = scopes;
        this.views = views;
    }

    /** Over a store's published snapshots. */
    public static ProviderEndpointServices of(Store store) {
        return new ProviderEndpointServices(store::scopes, store::viewIfPresent);
    }

    /** The same lookup, reading {@code own}'s scope through {@code own} (a transaction sees its own changes). */
    public ProviderEndpointServices seenFrom(View own) {
        return new ProviderEndpointServices(() -> {
            List<Scope> all = new ArrayList<>(scopes.get());
            if (!all.contains(own.scope())) all.add(own.scope());
            return all;
        }, s -> s.equals(own.scope()) ? Optional.of(own) : views.apply(s));
    }

    /** A snapshot of one scope, if it has been used. */
    public Optional<View> viewOf(Scope scope) {
        return views.apply(scope);
    }

    /** Whether a name is a provider's service name rather than an AWS service's. */
    public static boolean isProviderServiceName(String serviceName) {
        return serviceName != null && serviceName.startsWith(PREFIX);
    }

    /** {@code com.amazonaws.vpce.<region>.<service id>}. */
    public static String serviceName(String region, String serviceId) {
        return PREFIX + region + "." + serviceId;
    }

    /** The service a name names in {@code region}, wherever it lives; empty for other names, regions or unknown ids. */
    public Optional<Found> byName(String region, String serviceName) {
        if (!isProviderServiceName(serviceName)) return Optional.empty();
        String rest = serviceName.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot < 0 || !rest.substring(0, dot).equals(region)) return Optional.empty();
        return byId(region, rest.substring(dot + 1));
    }

    /** The service with this id in {@code region}, wherever it lives. */
    public Optional<Found> byId(String region, String serviceId) {
        if (!IdKind.VPC_ENDPOINT_SERVICE.isWellFormed(serviceId)) return Optional.empty();
        for (Scope s : scopes.get()) {
            if (!s.region().equals(region)) continue;
            Optional<View> v = views.apply(s);
            if (v.isEmpty()) continue;
            Optional<VpcEndpointServiceConfiguration> c = v.get().find(VpcEndpointServiceConfiguration.class, serviceId);
            if (c.isPresent()) return Optional.of(new Found(s, c.get(), v.get()));
        }
        return Optional.empty();
    }

    /** Every provider service in {@code region}, in every account. */
    public List<Found> all(String region) {
        List<Found> out = new ArrayList<>();
        for (Scope s : scopes.get()) {
            if (!s.region().equals(region)) continue;
            views.apply(s).ifPresent(v -> {
                for (VpcEndpointServiceConfiguration c : v.all(VpcEndpointServiceConfiguration.class)) out.add(new Found(s, c, v));
            });
        }
        return out;
    }

    /** The interface endpoints of every account in {@code region} that were created to {@code serviceName}, still visible. */
    public List<Connection> connectionsTo(String region, String serviceName) {
        List<Connection> out = new ArrayList<>();
        for (Scope s : scopes.get()) {
            if (!s.region().equals(region)) continue;
            views.apply(s).ifPresent(v -> {
                for (VpcEndpoint e : v.all(VpcEndpoint.class)) {
                    if (e.serviceName().equals(serviceName) && e.connection() != null && e.isVisible(v.now())) out.add(new Connection(s, e));
                }
            });
        }
        return out;
    }
}
